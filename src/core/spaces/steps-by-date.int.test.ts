/**
 * Story: a process's current step must not contradict its dates. In manual mode the public page says
 * that the current step ended; a process that activates its steps by their dates moves on by itself
 * (a core background job, audited as the system's doing).
 */
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { englishClient, signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { spaces, steps } from "./schema";
import { createSpace, setSpacePublished } from "./service";
import { activateStepsByDate, STEPS_BY_DATE_CRON, STEPS_BY_DATE_JOB, todayUtc } from "./steps-by-date";
import { createStep } from "./steps-service";

let p: TestPlatform;
let admin: TestClient;
let spaceId: number;
const ids: Record<"past" | "now" | "later", number> = { past: 0, now: 0, later: 0 };
const day = (offset: number) => todayUtc(new Date(Date.now() + offset * 86_400_000));
const activeStep = async () => (await p.deps.db.select({ id: steps.id }).from(steps).where(and(eq(steps.spaceId, spaceId), eq(steps.active, true))))[0]?.id;

beforeAll(async () => {
  p = await createTestPlatform();
  const signedIn = await signedInClient(p, { isAdmin: true });
  admin = signedIn.client;
  const actor = { id: signedIn.userId, ip: null };
  const created = await createSpace(p.deps.db, actor, "process", { slug: "dated", title: { en: "Dated consultation" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!created.ok) throw new Error("space");
  spaceId = created.value.id;
  await setSpacePublished(p.deps.db, actor, spaceId, true);
  // The first step created is the current one; its dates are over.
  ids.past = (await createStep(p.deps.db, actor, spaceId, { title: { en: "Ideas" }, description: {}, startDate: day(-20), endDate: day(-10) })).id;
  ids.now = (await createStep(p.deps.db, actor, spaceId, { title: { en: "Debate" }, description: {}, startDate: day(-9), endDate: day(10) })).id;
  ids.later = (await createStep(p.deps.db, actor, spaceId, { title: { en: "Vote" }, description: {}, startDate: day(11), endDate: day(30) })).id;
});
afterAll(() => p.stop());

describe("a current step whose dates are over", () => {
  it("is shown as ended on the public page in manual mode, not as the current step", async () => {
    expect(await activeStep()).toBe(ids.past);
    const visitor = await englishClient(p);
    const page = await visitor.get("/processes/dated");
    const ended = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day(-10)}T00:00:00Z`));
    expect(page.body).toContain(`This step ended on ${ended}`);
    expect(page.body).not.toContain('<span class="badge">Current step</span>');
    const list = await visitor.get("/processes");
    expect(list.body).toContain("Last step:");
    expect(list.body).toContain(`(ended on ${ended})`);
  });

  it("stays current in manual mode: the job leaves such processes alone", async () => {
    expect(await activateStepsByDate(p.deps.db, day(0))).toBe(0);
    expect(await activeStep()).toBe(ids.past);
  });
});

describe("activating steps by their dates", () => {
  it("is a per-process setting; turning it on makes the step of today current at once, audited as the system", async () => {
    const form = await admin.get(`/admin/spaces/${spaceId}/edit`);
    expect(form.body).toContain('name="activateStepsByDate"');
    const res = await admin.post(`/admin/spaces/${spaceId}/edit`, { "title.en": "Dated consultation", slug: "dated", weight: "0", activateStepsByDate: "on" });
    expect(res.statusCode).toBe(303);
    const [row] = await p.deps.db.select({ auto: spaces.activateStepsByDate }).from(spaces).where(eq(spaces.id, spaceId));
    expect(row?.auto).toBe(true);
    expect(await activeStep()).toBe(ids.now);
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "step.activate"), eq(auditLog.resourceId, String(ids.now)), isNull(auditLog.actorId)));
    expect(entry?.after).toEqual({ activeStepId: ids.now, byDate: day(0) });
    expect(entry?.before).toEqual({ activeStepId: ids.past });
    const page = await (await englishClient(p)).get("/processes/dated");
    expect(page.body).toContain('<span class="badge">Current step</span>');
    expect(page.body).not.toContain("This step ended on");
    expect((await admin.get(`/admin/spaces/${spaceId}/steps`)).body).toContain("This process activates its steps by their dates");
  });

  it("moves on when a step's dates come (nothing between steps), and once only", async () => {
    expect(await activateStepsByDate(p.deps.db, day(10))).toBe(0);
    expect(await activateStepsByDate(p.deps.db, day(11))).toBe(1);
    expect(await activeStep()).toBe(ids.later);
    expect(await activateStepsByDate(p.deps.db, day(12))).toBe(0);
    // After the last step: the last step stays current (and the page says it ended).
    expect(await activateStepsByDate(p.deps.db, day(40))).toBe(0);
    expect(await activeStep()).toBe(ids.later);
  });

  it("runs as a core pg-boss job on a cron schedule", async () => {
    const schedule = await p.deps.pool.query<{ cron: string }>("select cron from pnyx_jobs.schedule where name = $1", [STEPS_BY_DATE_JOB]);
    expect(schedule.rows[0]?.cron).toBe(STEPS_BY_DATE_CRON);
    // Back to the step of today by hand; the job puts today's step back.
    await p.deps.db.update(steps).set({ active: false }).where(eq(steps.spaceId, spaceId));
    await p.deps.db.update(steps).set({ active: true }).where(eq(steps.id, ids.past));
    await p.deps.jobs.send(STEPS_BY_DATE_JOB, {});
    await expect.poll(activeStep, { timeout: 15_000 }).toBe(ids.now);
  });
});
