import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { censusLists } from "./schema";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
});
afterAll(() => p.stop());

describe("demo census list", () => {
  it("lets a demo pupil verify for the students' budget", async () => {
    const [list] = await p.deps.db.select().from(censusLists);
    expect(list?.entryCount).toBe(4);
    const pupil = await signedInClient(p);
    const url = `/verifications/census?space=${list?.spaceId}`;
    expect((await pupil.client.get("/verifications")).body).toContain("Verify for Students");
    const res = await pupil.client.post(url, { identifier: "S2026-001", second: "14/03/2010" });
    expect(res.statusCode).toBe(303);
    expect((await pupil.client.get("/verifications")).body).not.toContain("Verify for Students");
  });
});
