import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { defineComponent } from "../components/define";
import { registerComponent } from "../components/registry";
import type { CurrentUser } from "../http/context";
import { can } from "../permissions/can";
import { findComponent, findSpaceById } from "../spaces/queries";
import { components, spaces, type ComponentPermissionsValue } from "../spaces/schema";
import "./handlers";

/** A component with one action, gated by the census and by age and residence. */
registerComponent(
  defineComponent({
    name: "test-vote",
    label: "verifications.census.name",
    description: "verifications.census.description",
    settings: z.object({}),
    stepSettings: z.object({}),
    labels: {},
    actions: ["vote"] as const,
    actionLabels: { vote: "verifications.verify" },
    routes: [],
    adminRoutes: [],
  }),
);

/** A component whose "sign" visitors may do without an account, unless its step closes it. */
registerComponent(
  defineComponent({
    name: "test-sign",
    label: "verifications.census.name",
    description: "verifications.census.description",
    settings: z.object({}),
    stepSettings: z.object({ open: z.boolean().default(true) }),
    labels: { open: "verifications.verify" },
    actions: ["sign", "comment"] as const,
    actionLabels: { sign: "verifications.verify", comment: "verifications.verify" },
    anonymousActions: ["sign"],
    permissions: ({ action, settings }) => (action === "sign" && !settings.step.open ? { reason: "permissions.componentUnpublished" } : null),
    routes: [],
    adminRoutes: [],
  }),
);

let p: TestPlatform;
let spaceId = 0;
let componentId = 0;
let admin: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  admin = (await signedInClient(p, { isAdmin: true })).client;
  const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "pupils-vote", title: { en: "Pupils' vote" }, publishedAt: new Date() }).returning({ id: spaces.id });
  spaceId = space?.id ?? 0;
  const [component] = await p.deps.db
    .insert(components)
    .values({
      spaceId,
      manifest: "test-vote",
      name: { en: "Vote" },
      publishedAt: new Date(),
      permissions: { vote: { handlers: { census: {}, age_residence: { minimumAge: 12, "region_BE-BRU": true } } } },
    })
    .returning({ id: components.id });
  componentId = component?.id ?? 0;
  await admin.post(`/admin/census/${spaceId}`, { secondAttribute: "birth_date", csv: "P-1;2012-05-01\nP-2;2015-05-01\n" }, { formPage: `/admin/census/${spaceId}` });
});
afterAll(() => p.stop());

async function canVote(userId: number) {
  const space = await findSpaceById(p.deps.db, spaceId);
  const component = await findComponent(p.deps.db, spaceId, componentId);
  if (!space || !component) throw new Error("fixture");
  const user: CurrentUser = { id: userId, email: "p@example.org", name: "P", isAdmin: false, emailConfirmed: true, locale: null };
  return can(user, "vote", { space, component }, { db: p.deps.db, returnTo: "/processes/pupils-vote/c/1/vote" });
}

describe("can() with the census and age-and-residence handlers", () => {
  it("sends a pupil to verify, then lets them vote once both proofs are in", async () => {
    const pupil = await signedInClient(p);
    const first = await canVote(pupil.userId);
    expect(first).toEqual({ status: "pending", verifyUrl: `/verifications/census?space=${spaceId}&return_to=%2Fprocesses%2Fpupils-vote%2Fc%2F1%2Fvote` });
    if (first.status !== "pending") throw new Error("pending expected");

    const back = await pupil.client.post(first.verifyUrl, { identifier: "P-1", second: "01/05/2012" });
    expect(back.headers.location).toBe("/processes/pupils-vote/c/1/vote");

    const second = await canVote(pupil.userId);
    expect(second).toEqual({ status: "pending", verifyUrl: "/verifications/age_residence?return_to=%2Fprocesses%2Fpupils-vote%2Fc%2F1%2Fvote" });
    if (second.status !== "pending") throw new Error("pending expected");
    await pupil.client.post(second.verifyUrl, { birthDate: "2012-05-01", country: "BE", postalCode: "1030" }, { formPage: second.verifyUrl });
    expect(await canVote(pupil.userId)).toEqual({ status: "ok" });
  });

  it("refuses a younger pupil or one from another region, with the reason", async () => {
    const young = await signedInClient(p);
    await young.client.post(`/verifications/census?space=${spaceId}`, { identifier: "P-2", second: "2015-05-01" });
    await young.client.post("/verifications/age_residence", { birthDate: "2015-05-01", country: "BE", postalCode: "1030" }, { formPage: "/verifications/age_residence" });
    expect(await canVote(young.userId)).toEqual({ status: "unauthorized", reason: "verifications.ageResidence.tooYoung", values: { min: 12 } });
  });
});

describe("can() for visitors without an account", () => {
  async function signComponent(values: { permissions?: ComponentPermissionsValue; open?: boolean }) {
    const [component] = await p.deps.db
      .insert(components)
      .values({ spaceId, manifest: "test-sign", name: { en: "Sign" }, publishedAt: new Date(), permissions: values.permissions ?? {}, settings: { global: {}, defaultStep: { open: values.open ?? true }, steps: {} } })
      .returning();
    const space = await findSpaceById(p.deps.db, spaceId);
    if (!space || !component) throw new Error("fixture");
    return (action: string) => can(null, action, { space, component }, { db: p.deps.db, returnTo: "/here" });
  }

  it("lets a visitor take an anonymous action, and only that one", async () => {
    const visitor = await signComponent({});
    expect(await visitor("sign")).toEqual({ status: "ok" });
    expect(await visitor("comment")).toEqual({ status: "signIn", reason: "permissions.signInRequired" });
  });

  it("applies the component's own rule to visitors", async () => {
    const visitor = await signComponent({ open: false });
    expect(await visitor("sign")).toEqual({ status: "unauthorized", reason: "permissions.componentUnpublished" });
  });

  it("asks a visitor to sign in once a verification is attached to the action", async () => {
    const visitor = await signComponent({ permissions: { sign: { handlers: { census: {} } } } });
    expect(await visitor("sign")).toEqual({ status: "signIn", reason: "permissions.signInRequired" });
  });
});
