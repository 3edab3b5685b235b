import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { spaces } from "./schema";

let p: TestPlatform;
let admin: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin } = await signedInClient(p, { isAdmin: true }));
});
afterAll(() => p.stop());

async function idOf(slug: string) {
  const [row] = await p.deps.db.select({ id: spaces.id, parentId: spaces.parentId }).from(spaces).where(eq(spaces.slug, slug));
  if (!row) throw new Error(`no space ${slug}`);
  return row;
}

async function assembly(slug: string, title: string, extra: Record<string, string> = {}, publish = true) {
  const form = "/admin/spaces/new?type=assembly";
  const res = await admin.post(form, { slug, "title.en": title, ...extra }, { formPage: form });
  expect(res.statusCode).toBe(303);
  const { id } = await idOf(slug);
  if (publish) await admin.post(`/admin/spaces/${id}/publish`, {}, { formPage: `/admin/spaces/${id}/edit` });
  return id;
}

describe("assemblies within assemblies", () => {
  it("lists only top-level assemblies, shows children on their parent and the parent on each child", async () => {
    const council = await assembly("city-council", "City council");
    await assembly("mobility-committee", "Mobility committee", { parentId: String(council) });
    await assembly("housing-committee", "Housing committee", { parentId: String(council) });
    await assembly("hidden-committee", "Draft committee", { parentId: String(council) }, false);
    const visitor = await englishClient(p);
    const list = await visitor.get("/assemblies");
    expect(list.body).toContain("City council");
    expect(list.body).not.toContain("Mobility committee");
    const parent = await visitor.get("/assemblies/city-council");
    expect(parent.body).toContain("Assemblies within this one");
    expect(parent.body).toContain('href="/assemblies/mobility-committee"');
    expect(parent.body).toContain('href="/assemblies/housing-committee"');
    expect(parent.body).not.toContain("Draft committee");
    const child = await visitor.get("/assemblies/mobility-committee");
    expect(child.body).toMatch(/Part of <a href="\/assemblies\/city-council">City council<\/a>/);
  });

  it("keeps the hierarchy a tree: no assembly under itself or under one of its own sub-assemblies", async () => {
    const top = await assembly("regional-assembly", "Regional assembly");
    const middle = await assembly("regional-working-group", "Working group", { parentId: String(top) });
    const edit = `/admin/spaces/${top}/edit`;
    const form = await admin.get(edit);
    expect(form.body).not.toContain(`<option value="${middle}"`);
    expect(form.body).not.toContain(`<option value="${top}"`);
    for (const parentId of [middle, top]) {
      const refused = await admin.post(edit, { slug: "regional-assembly", "title.en": "Regional assembly", parentId: String(parentId) }, { formPage: edit });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain("Choose another assembly that is not this one or one of its own sub-assemblies.");
    }
    expect((await idOf("regional-assembly")).parentId).toBeNull();
    // A process cannot be a parent.
    const processForm = "/admin/spaces/new?type=process";
    expect((await admin.post(processForm, { slug: "a-process", "title.en": "A process" }, { formPage: processForm })).statusCode).toBe(303);
    const processId = (await idOf("a-process")).id;
    const bad = await admin.post("/admin/spaces/new?type=assembly", { slug: "under-a-process", "title.en": "Under a process", parentId: String(processId) }, { formPage: "/admin/spaces/new?type=assembly" });
    expect(bad.statusCode).toBe(422);
  });

  it("shows a child at the top level when its parent is not published, and never names a private parent", async () => {
    const hidden = await assembly("unpublished-parent", "Unpublished parent", {}, false);
    await assembly("orphan-committee", "Orphan committee", { parentId: String(hidden) });
    const secret = await assembly("secret-parent", "Secret parent", { isPrivate: "on" });
    await assembly("public-child", "Public child", { parentId: String(secret) });
    const visitor = await englishClient(p);
    const list = await visitor.get("/assemblies");
    expect(list.body).toContain("Orphan committee");
    expect(list.body).toContain("Public child");
    const child = await visitor.get("/assemblies/public-child");
    expect(child.statusCode).toBe(200);
    expect(child.body).not.toContain("Secret parent");
  });
});
