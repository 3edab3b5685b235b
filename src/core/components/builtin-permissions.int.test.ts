import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { signedInClient } from "../accounts/testing";
import { findComponent } from "../spaces/queries";
import { createSpace } from "../spaces/service";
import "../verifications/handlers";
import { listVerifications } from "../verifications/registry";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { defineComponent } from "./define";
import { registerComponent } from "./registry";
import { addComponent } from "./service";

/** The permissions screen with the platform's real verification handlers (email, census, age and residence). */
const voting = defineComponent({
  name: "test-voting",
  label: "pages.name",
  description: "pages.description",
  settings: z.object({}),
  stepSettings: z.object({}),
  labels: {},
  actions: ["vote"] as const,
  actionLabels: { vote: "pages.admin.new" },
  routes: [],
  adminRoutes: [],
});
registerComponent(voting);

let p: TestPlatform;
let admin: TestClient;
let url: string;
let spaceId: number;
let componentId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  const signed = await signedInClient(p, { isAdmin: true });
  admin = signed.client;
  const actor = { id: signed.userId, ip: null };
  const space = await createSpace(p.deps.db, actor, "process", { slug: "votes", title: { en: "Votes" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!space.ok) throw new Error("space");
  spaceId = space.value.id;
  componentId = (await addComponent(p.deps.db, actor, spaceId, voting, { en: "Vote" })).id;
  url = `/admin/spaces/${spaceId}/components/${componentId}/permissions`;
});
afterAll(() => p.stop());

describe("the permissions screen with the built-in verification handlers", () => {
  it("renders every handler's options as labelled inputs", async () => {
    const res = await admin.get(url);
    expect(res.statusCode).toBe(200);
    const names = listVerifications().map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(["email_confirmed", "census"]));
    for (const name of names) expect(res.body).toContain(`name="perm.vote.${name}.enabled"`);
    // Options labels come from the handlers' message keys, never raw keys.
    expect(res.body).not.toMatch(/<label[^>]*>verifications\./);
  });

  it("attaches the email and age/residence handlers with their options", async () => {
    const age = listVerifications().find((h) => h.name !== "email_confirmed" && h.name !== "census");
    if (!age) throw new Error("no age handler");
    const res = await admin.post(url, { "perm.vote.email_confirmed.enabled": "on", [`perm.vote.${age.name}.enabled`]: "on", [`perm.vote.${age.name}.options.minimumAge`]: "16", [`perm.vote.${age.name}.options.region_BE-BRU`]: "on" });
    expect(res.statusCode).toBe(303);
    const component = await findComponent(p.deps.db, spaceId, componentId);
    expect(component?.permissions.vote?.handlers.email_confirmed).toEqual({});
    expect(component?.permissions.vote?.handlers[age.name]).toMatchObject({ minimumAge: 16, "region_BE-BRU": true });
    const page = await admin.get(url);
    expect(page.body).toMatch(new RegExp(`name="perm.vote.${age.name}.options.minimumAge" type="number" value="16"`));
  });
});
