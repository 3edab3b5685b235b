import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient } from "../accounts/testing";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { DEMO_SPACES } from "./seeds";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 120_000);
afterAll(() => p.stop());

describe("the demo spaces", () => {
  it("lists the processes grouped, and the assembly", async () => {
    const c = await englishClient(p);
    const processes = await c.get("/processes");
    expect(processes.body).toContain("School participatory budgets");
    for (const slug of [DEMO_SPACES.petitions, DEMO_SPACES.consultation, DEMO_SPACES.budgetStudents, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetFaculty]) {
      expect(processes.body).toContain(`href="/processes/${slug}"`);
    }
    const assemblies = await c.get("/assemblies");
    expect(assemblies.body).toContain(`href="/assemblies/${DEMO_SPACES.assembly}"`);
    // The working group sits within the assembly, not at the top level.
    expect(assemblies.body).not.toContain(`href="/assemblies/${DEMO_SPACES.assemblyWorkingGroup}"`);
    const parent = await c.get(`/assemblies/${DEMO_SPACES.assembly}`);
    expect(parent.body).toContain(`href="/assemblies/${DEMO_SPACES.assemblyWorkingGroup}"`);
    const home = await c.get("/");
    expect(home.body).toContain(`href="/processes/${DEMO_SPACES.petitions}"`);
  });

  it("shows the consultation's three steps with the second one active", async () => {
    const page = await (await englishClient(p)).get(`/processes/${DEMO_SPACES.consultation}`);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<li class="step[ "]/g)?.length).toBe(3);
    expect(page.body).toMatch(/aria-current="step"><h3><span>Consultation<\/span>/);
  });

  it("shows the transparent assembly's members with their positions", async () => {
    const page = await (await englishClient(p)).get(`/assemblies/${DEMO_SPACES.assembly}`);
    expect(page.statusCode).toBe(200);
    // The members are the panel of the demo's draw by lot; the first three seats hold the offices.
    const members = await p.deps.db.execute<{ name: string; position: string; designation: string }>(sql`
      select m.name, m.position, m.designation from assembly_members m join spaces s on s.id = m.space_id where s.slug = ${DEMO_SPACES.assembly} order by m.weight, m.id`);
    expect(members.rows).toHaveLength(40);
    expect(members.rows.every((m) => m.designation === "drawn")).toBe(true);
    expect(members.rows[0]?.position).toBe("president");
    expect(page.body).toContain(members.rows[0]?.name ?? "(no president)");
    expect(page.body).toContain("President");
    expect(page.body).toContain("Drawn by lot");
  });

  it("themes each budget with its own colours and documents it in four languages", async () => {
    const c = await englishClient(p);
    const students = await c.get(`/processes/${DEMO_SPACES.budgetStudents}`);
    const parents = await c.get(`/processes/${DEMO_SPACES.budgetParents}`);
    expect(students.body).toContain("--color-primary:#0b5d4b");
    expect(parents.body).toContain("--color-primary:#8a2b5a");
    const docsLink = /href="(\/spaces\/budget-students\/c\/\d+)"/.exec(students.body)?.[1];
    expect(docsLink).toBeDefined();
    const docs = await c.get(docsLink ?? "");
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("--color-primary:#0b5d4b");
    expect(docs.body).toContain("How it works");
    const de = p.client();
    await de.get("/locale/de");
    expect((await de.get(docsLink ?? "")).body).toContain("So funktioniert es");
  });
});
