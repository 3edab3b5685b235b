/**
 * The component routes' one-query lookup (findSpaceComponent) says what the three separate lookups say:
 * the space by slug, its component, and the person's access (roles, private membership).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../accounts/testing";
import { getComponentManifest } from "../components/registry";
import { addComponent } from "../components/service";
import type { CurrentUser } from "../http/context";
import { loadSpaceAccess, NO_ACCESS } from "../permissions/access";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { findComponent, findSpaceBySlug, findSpaceComponent } from "./queries";
import { createSpace } from "./service";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
}, 60_000);
afterAll(async () => {
  await p.stop();
});

const person = (id: number, isAdmin = false): CurrentUser => ({ id, email: `p${id}@example.org`, name: "P", isAdmin, emailConfirmed: true, locale: null });

describe("findSpaceComponent", () => {
  it("finds the space, its component and the person's access in one query, as the separate lookups do", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const member = await signedInClient(p);
    const stranger = await signedInClient(p);
    const slug = `lookup-${Date.now()}`;
    const created = await createSpace(
      p.deps.db,
      { id: admin.userId, ip: null },
      "process",
      { slug, title: { en: "Lookup" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: true, isTransparent: false, promoted: false, weight: 0 },
      null,
    );
    if (!created.ok) throw new Error("space");
    const spaceId = created.value.id;
    const manifest = getComponentManifest("conversations");
    if (!manifest) throw new Error("conversations not registered");
    const componentId = (await addComponent(p.deps.db, { id: admin.userId, ip: null }, spaceId, manifest, { en: "Talk" }, { published: true })).id;
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${spaceId}, ${member.userId}, 'moderator')`);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${spaceId}, ${member.userId})`);

    const space = await findSpaceBySlug(p.deps.db, slug);
    const component = await findComponent(p.deps.db, spaceId, componentId);
    expect(component).not.toBeNull();
    for (const user of [person(member.userId), person(stranger.userId), person(admin.userId, true), null]) {
      const found = await findSpaceComponent(p.deps.db, slug, componentId, user);
      expect(found).toEqual({ space, component, access: await loadSpaceAccess(p.deps.db, user, spaceId) });
    }
    expect((await findSpaceComponent(p.deps.db, slug, componentId, person(member.userId)))?.access).toEqual({ orgAdmin: false, roles: ["moderator"], privateMember: true });
    expect((await findSpaceComponent(p.deps.db, slug, componentId, null))?.access).toEqual(NO_ACCESS);
    // A component of another space, or none of that id: the space alone.
    expect(await findSpaceComponent(p.deps.db, slug, componentId + 100_000, null)).toEqual({ space, component: null, access: NO_ACCESS });
    expect(await findSpaceComponent(p.deps.db, `${slug}-missing`, componentId, null)).toBeNull();
  }, 60_000);
});
