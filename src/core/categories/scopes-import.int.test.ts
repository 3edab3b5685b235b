/** `pnyx scopes import`: scopes created and updated by code, parents in any order, all or nothing. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../audit/schema";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { loadScopeTree } from "./queries";
import { importScopes, parseScopesCsv } from "./scopes-import";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

async function load(text: string) {
  const parsed = parseScopesCsv(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return importScopes(p.deps.db, parsed.rows, { id: null, ip: null });
}

const tree = async () => (await loadScopeTree(p.deps.db)).flat.map((s) => `${"  ".repeat(s.depth)}${s.code}:${s.name.fr ?? ""}/${s.name.nl ?? ""}`);

describe("importing scopes", () => {
  it("creates a tree whose children come before their parents in the file, in the file's order", async () => {
    const result = await load("code,parent,name_fr,name_nl,type_fr\n21009,04000,Ixelles,Elsene,Commune\n21004,04000,Bruxelles,Brussel,Commune\n04000,,Région bruxelloise,Brussels Gewest,Région\n");
    expect(result).toEqual({ ok: true, created: 3, updated: 0 });
    expect(await tree()).toEqual(["04000:Région bruxelloise/Brussels Gewest", "  21009:Ixelles/Elsene", "  21004:Bruxelles/Brussel"]);
    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "scope.import"));
    expect(entry?.after).toEqual({ created: 3, updated: 0, codes: ["21009", "21004", "04000"] });
  });

  it("updates by code, keeping the languages and columns the file leaves out", async () => {
    const result = await load("code,name_fr,weight\n21004,Bruxelles-Ville,-1\n21016,Uccle,5\n");
    expect(result).toEqual({ ok: true, created: 1, updated: 1 });
    expect(await tree()).toEqual(["04000:Région bruxelloise/Brussels Gewest", "  21004:Bruxelles-Ville/Brussel", "  21009:Ixelles/Elsene", "21016:Uccle/"]);
    const [ixelles] = (await p.deps.db.execute<{ scope_type: unknown }>(sql`select scope_type from scopes where code = '21009'`)).rows;
    expect(ixelles?.scope_type).toEqual({ fr: "Commune" });
  });

  it("changes nothing when a parent is unknown or the parents would loop", async () => {
    const before = await tree();
    const unknown = await load("code,parent,name_fr\n21016,99999,Uccle\n21010,04000,Jette\n");
    expect(unknown).toEqual({ ok: false, errors: ["line 2: no scope has the code 99999"] });
    const loop = await load("code,parent,name_fr\n04000,21009,Région\n");
    expect(loop).toEqual({ ok: false, errors: [expect.stringContaining("these scopes would be part of themselves: ")] });
    expect(await tree()).toEqual(before);
    expect((await p.deps.db.execute(sql`select 1 from scopes where code = '21010'`)).rows).toEqual([]);
  });
});
