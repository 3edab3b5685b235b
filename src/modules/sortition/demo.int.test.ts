/**
 * The Nancy demo's draw: a generated pool of 600, 40 seats, its record published and public on the
 * transparent private assembly, replayed by `pnyx sortition verify` alone; the panel seated as the
 * assembly's members drawn by lot, the first three holding its offices.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { DEMO_SPACES, seedSpaces } from "../../core/spaces/seeds";
import { run as sortitionCli } from "../../engines/sortition/cli";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { DEMO_PANEL, DEMO_POOL_SIZE, seedSortitionDemo } from "./demo";

let p: TestPlatform;
let dir: string;

beforeAll(async () => {
  p = await createTestPlatform();
  const { userId } = await signedInClient(p, { isAdmin: true });
  const spaces = await seedSpaces(p.deps, { adminId: userId });
  await seedSortitionDemo(p.deps, { adminId: userId, spaces });
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-demo-draw-"));
}, 180_000);
afterAll(async () => {
  await p?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the Nancy assembly's draw", () => {
  it("is published, verifies from its record alone, and seats its panel as the members", async () => {
    const draws = await p.deps.db.execute<{ id: string; component_id: string; status: string; pool_size: number }>(sql`
      select d.id, d.component_id, d.status, d.pool_size from sortition_draws d join components c on c.id = d.component_id join spaces s on s.id = c.space_id where s.slug = ${DEMO_SPACES.assembly}`);
    expect(draws.rows).toHaveLength(1);
    const d = draws.rows[0];
    expect(d?.status).toBe("published");
    expect(d?.pool_size).toBe(DEMO_POOL_SIZE);
    const url = `/spaces/${DEMO_SPACES.assembly}/c/${d?.component_id}/draws/${d?.id}`;
    const visitor = p.client();
    expect((await visitor.get(url)).statusCode).toBe(200);
    const json = await visitor.get(`${url}.json`);
    expect(json.statusCode).toBe(200);
    const file = path.join(dir, "record.json");
    await writeFile(file, json.body);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await sortitionCli(["verify", file])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }

    const members = await p.deps.db.execute<{ position: string; designation: string }>(sql`
      select m.position, m.designation from assembly_members m join spaces s on s.id = m.space_id where s.slug = ${DEMO_SPACES.assembly} order by m.weight, m.id`);
    expect(members.rows).toHaveLength(DEMO_PANEL);
    expect(members.rows.every((m) => m.designation === "drawn")).toBe(true);
    expect(members.rows.slice(0, 4).map((m) => m.position)).toEqual(["president", "vice_president", "secretary", "member"]);
  }, 120_000);
});
