import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { spaceRoles, spaces } from "./schema";

let p: TestPlatform;
let admin: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin } = await signedInClient(p, { isAdmin: true }));
});
afterAll(() => p.stop());

async function idOf(slug: string) {
  const [row] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, slug));
  if (!row) throw new Error(`no space ${slug}`);
  return row.id;
}

async function createAssembly(slug: string, extra: Record<string, string> = {}) {
  const form = "/admin/spaces/new?type=assembly";
  const res = await admin.post(form, { slug, "title.en": "Citizens' assembly", "purpose.en": "Decide on **mobility**", "composition.en": "40 residents", ...extra }, { formPage: form });
  expect(res.statusCode).toBe(303);
  const id = await idOf(slug);
  await admin.post(`/admin/spaces/${id}/publish`, {}, { formPage: `/admin/spaces/${id}/edit` });
  return id;
}

describe("assemblies", () => {
  it("shows purpose, composition and members with positions", async () => {
    const id = await createAssembly("open-assembly");
    const form = `/admin/spaces/${id}/members/new`;
    expect((await admin.post(form, { name: "Ada Lovelace", position: "president", designation: "drawn" }, { formPage: form })).statusCode).toBe(303);
    expect((await admin.post(form, { name: "Alan Turing", position: "other", "positionOther.en": "Rapporteur" }, { formPage: form })).statusCode).toBe(303);
    const bad = await admin.post(form, { name: "", position: "emperor" }, { formPage: form });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-name"');
    const page = await (await englishClient(p)).get("/assemblies/open-assembly");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<strong>mobility</strong>");
    expect(page.body).toContain("40 residents");
    expect(page.body).toMatch(/Ada Lovelace<\/td><td>President<\/td><td>Drawn by lot/);
    expect(page.body).toContain("Rapporteur");
    expect((await (await englishClient(p)).get("/assemblies")).body).toContain('href="/assemblies/open-assembly"');
  });

  it("hides a private assembly from everyone but its members, unless it is transparent", async () => {
    const id = await createAssembly("closed-assembly", { isPrivate: "on" });
    const anon = await englishClient(p);
    expect((await anon.get("/assemblies/closed-assembly")).statusCode).toBe(404);
    expect((await anon.get("/assemblies")).body).not.toContain("closed-assembly");
    const { client: member, email } = await signedInClient(p);
    expect((await member.get("/assemblies/closed-assembly")).statusCode).toBe(404);
    const form = `/admin/spaces/${id}/members/new`;
    expect((await admin.post(form, { name: "Member", position: "member", userEmail: email }, { formPage: form })).statusCode).toBe(303);
    expect((await member.get("/assemblies/closed-assembly")).statusCode).toBe(200);
    expect((await member.get("/assemblies")).body).toContain('href="/assemblies/closed-assembly"');
    const edit = `/admin/spaces/${id}/edit`;
    expect((await admin.post(edit, { slug: "closed-assembly", "title.en": "Citizens' assembly", isPrivate: "on", isTransparent: "on" }, { formPage: edit })).statusCode).toBe(303);
    expect((await anon.get("/assemblies/closed-assembly")).statusCode).toBe(200);
  });
});

describe("private processes and space roles", () => {
  async function createProcess(slug: string, fields: Record<string, string> = {}) {
    const form = "/admin/spaces/new?type=process";
    expect((await admin.post(form, { slug, "title.en": `Process ${slug}`, ...fields }, { formPage: form })).statusCode).toBe(303);
    return idOf(slug);
  }

  it("admits people to a private process by email", async () => {
    const id = await createProcess("private-process", { isPrivate: "on" });
    await admin.post(`/admin/spaces/${id}/publish`, {}, { formPage: `/admin/spaces/${id}/edit` });
    const { client, email } = await signedInClient(p);
    expect((await client.get("/processes/private-process")).statusCode).toBe(404);
    const url = `/admin/spaces/${id}/private-users`;
    const unknown = await admin.post(url, { email: "nobody@example.org" });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("No account uses this email address.");
    expect((await admin.post(url, { email })).statusCode).toBe(303);
    expect((await client.get("/processes/private-process")).statusCode).toBe(200);
  });

  it("assigns roles by email (audited); collaborators preview unpublished spaces, space admins manage them", async () => {
    const id = await createProcess("draft-process");
    const { client: collaborator, email: collaboratorEmail } = await signedInClient(p);
    const { client: spaceAdmin, email: spaceAdminEmail } = await signedInClient(p);
    expect((await collaborator.get("/processes/draft-process")).statusCode).toBe(404);
    const url = `/admin/spaces/${id}/roles`;
    const bad = await admin.post(url, { email: "not-an-email", role: "collaborator" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-email"');
    expect((await admin.post(url, { email: collaboratorEmail, role: "collaborator" })).statusCode).toBe(303);
    expect((await admin.post(url, { email: collaboratorEmail, role: "collaborator" })).statusCode).toBe(422);
    expect((await admin.post(url, { email: spaceAdminEmail, role: "admin" })).statusCode).toBe(303);
    const preview = await collaborator.get("/processes/draft-process");
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Preview: this is not published yet");
    // An unpublished component of the unpublished space: previewed by the collaborator, hidden from others.
    const components = `/admin/spaces/${id}/components`;
    expect((await admin.post(components, { manifest: "pages", "name.en": "Draft docs" }, { formPage: components })).statusCode).toBe(303);
    const componentUrl = /href="(\/spaces\/draft-process\/c\/\d+)"/.exec((await collaborator.get("/processes/draft-process")).body)?.[1] ?? "missing";
    expect((await collaborator.get(componentUrl)).statusCode).toBe(200);
    const asSpaceAdmin = await spaceAdmin.get("/processes/draft-process");
    expect(asSpaceAdmin.body).toContain(`href="/admin/spaces/${id}/edit">Manage this space</a>`);
    expect((await collaborator.get("/processes/draft-process")).body).not.toContain("Manage this space");
    const { client: stranger } = await signedInClient(p);
    expect((await stranger.get(componentUrl)).statusCode).toBe(404);
    expect((await collaborator.get(`/admin/spaces/${id}/edit`)).statusCode).toBe(403);
    expect((await spaceAdmin.get(`/admin/spaces/${id}/edit`)).statusCode).toBe(200);
    expect((await spaceAdmin.get("/admin/spaces")).statusCode).toBe(403);
    const audits = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "space_role.assign"), eq(auditLog.spaceId, id)));
    expect(audits).toHaveLength(2);
    const [role] = await p.deps.db.select().from(spaceRoles).where(and(eq(spaceRoles.spaceId, id), eq(spaceRoles.role, "collaborator")));
    expect((await admin.post(`${url}/${role?.id}/delete`, {}, { formPage: url })).statusCode).toBe(303);
    expect((await collaborator.get("/processes/draft-process")).statusCode).toBe(404);
  });
});
