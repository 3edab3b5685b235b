import { countQueries } from "../../test/queries";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { addComponent } from "../components/service";
import { getComponentManifest } from "../components/registry";
import "../../modules";
import { pages } from "../../modules/pages/schema";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { processGroups, spaces, steps } from "./schema";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

/** Inserts `n` published processes, each with an active step, spread over two groups, in a few statements. */
async function insertProcesses(n: number, offset: number) {
  const groups = await p.deps.db.insert(processGroups).values([{ title: { en: `Group A ${offset}` } }, { title: { en: `Group B ${offset}` } }]).returning({ id: processGroups.id });
  const rows = await p.deps.db
    .insert(spaces)
    .values(
      Array.from({ length: n }, (_, i) => ({
        type: "process" as const,
        slug: `process-${offset + i}`,
        title: { en: `Process ${offset + i}` },
        shortDescription: { en: "A process" },
        groupId: i % 3 === 0 ? null : (groups[i % 2]?.id ?? null),
        publishedAt: new Date(),
      })),
    )
    .returning({ id: spaces.id });
  await p.deps.db.insert(steps).values(rows.map((r) => ({ spaceId: r.id, position: 0, title: { en: "Now" }, active: true })));
}

/** How many SQL queries a GET runs, with its response. */
async function queriesFor(client: TestClient, url: string): Promise<{ count: number; status: number; body: string }> {
  const { count, result } = await countQueries(p.deps.pool, () => client.get(url));
  return { count, status: result.statusCode, body: result.body };
}

describe("list pages run a bounded number of queries", () => {
  it("/processes: the same number with 5 and with 505 processes, twenty a page", async () => {
    // Anonymous: a signed-in session may add a periodic "last seen" write, which is not the list's doing.
    const client = await englishClient(p);
    await insertProcesses(5, 0);
    const small = await queriesFor(client, "/processes");
    await insertProcesses(500, 1000);
    const large = await queriesFor(client, "/processes");
    expect(large.status).toBe(200);
    // Twenty a page, with a link to the next; the last page holds the rest.
    expect(large.body.match(/class="card space-card"/g)?.length).toBe(20);
    expect(large.body).toContain('<a href="/processes?page=2" rel="next">');
    const last = await queriesFor(client, "/processes?page=26");
    expect(last.body.match(/class="card space-card"/g)?.length).toBe(5);
    expect(last.body).toContain('<a href="/processes?page=25" rel="prev">');
    expect(last.body).not.toContain('rel="next"');
    // Groups and the list itself: counted for real (non-zero), and constant.
    expect(small.count).toBeGreaterThan(1);
    expect(large.count).toBe(small.count);
    expect(last.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
    const filtered = await queriesFor(client, "/processes?when=active&page=2");
    expect(filtered.body).toContain('<a href="/processes?when=active&amp;page=3" rel="next">');
    expect(filtered.count).toBe(small.count);
    const assemblies = await queriesFor(client, "/assemblies?page=2");
    expect(assemblies.status).toBe(200);
    expect(assemblies.count).toBeLessThanOrEqual(6);
    const { client: member } = await signedInClient(p);
    expect((await queriesFor(member, "/processes")).count).toBeLessThanOrEqual(6);
    expect((await queriesFor(client, "/")).count).toBeLessThanOrEqual(6);
  });

  it("a pages component with 500 pages", async () => {
    const { client: admin, userId } = await signedInClient(p, { isAdmin: true });
    const client = await englishClient(p);
    const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "docs-heavy", title: { en: "Docs" }, publishedAt: new Date() }).returning();
    const manifest = getComponentManifest("pages");
    if (!space || !manifest) throw new Error("setup");
    const component = await addComponent(p.deps.db, { id: userId, ip: null }, space.id, manifest, { en: "Docs" }, { published: true });
    const url = `/spaces/docs-heavy/c/${component.id}`;
    await p.deps.db.insert(pages).values(Array.from({ length: 5 }, (_, i) => ({ componentId: component.id, title: { en: `Page ${i}` }, body: { en: "## Part\n\ntext" }, weight: i })));
    const small = await queriesFor(client, url);
    await p.deps.db.insert(pages).values(Array.from({ length: 495 }, (_, i) => ({ componentId: component.id, title: { en: `Page ${i + 5}` }, body: { en: "text" }, weight: i + 5 })));
    const large = await queriesFor(client, url);
    expect(large.status).toBe(200);
    expect(large.body).toContain(">Page 499</a>");
    expect(small.count).toBeGreaterThan(1);
    expect(large.count).toBe(small.count);
    const manage = await queriesFor(admin, `/admin/spaces/${space.id}/components/${component.id}/manage`);
    expect(manage.body).toContain("Page 499");
    expect(manage.count).toBeLessThanOrEqual(6);
  });
});
