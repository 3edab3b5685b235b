import { describe, expect, it } from "vitest";
import { canAdministerSpace, canPreviewSpace, canViewSpace, NO_ACCESS, type SpaceAccess } from "./access";

const published = new Date();
const space = (o: Partial<Parameters<typeof canViewSpace>[0]> = {}) => ({ type: "process" as const, publishedAt: published, isPrivate: false, isTransparent: false, ...o });
const as = (o: Partial<SpaceAccess>): SpaceAccess => ({ ...NO_ACCESS, ...o });

describe("who sees a space", () => {
  it("everyone sees a published public space; nobody but role holders an unpublished one", () => {
    expect(canViewSpace(space(), NO_ACCESS)).toBe(true);
    expect(canViewSpace(space({ publishedAt: null }), NO_ACCESS)).toBe(false);
    expect(canViewSpace(space({ publishedAt: null }), as({ privateMember: true }))).toBe(false);
    expect(canViewSpace(space({ publishedAt: null }), as({ roles: ["collaborator"] }))).toBe(true);
    expect(canViewSpace(space({ publishedAt: null }), as({ orgAdmin: true }))).toBe(true);
  });

  it("a private space is for its members and role holders; a transparent private assembly is for everyone", () => {
    expect(canViewSpace(space({ isPrivate: true }), NO_ACCESS)).toBe(false);
    expect(canViewSpace(space({ isPrivate: true }), as({ privateMember: true }))).toBe(true);
    expect(canViewSpace(space({ isPrivate: true }), as({ roles: ["moderator"] }))).toBe(true);
    expect(canViewSpace(space({ type: "assembly", isPrivate: true, isTransparent: true }), NO_ACCESS)).toBe(true);
    // Transparency is an assembly notion: a private process stays private.
    expect(canViewSpace(space({ isPrivate: true, isTransparent: true }), NO_ACCESS)).toBe(false);
  });

  it("administration is for organization admins and the space's admins; preview for any role", () => {
    expect(canAdministerSpace(as({ roles: ["admin"] }))).toBe(true);
    expect(canAdministerSpace(as({ roles: ["moderator", "evaluator", "collaborator"] }))).toBe(false);
    expect(canAdministerSpace(as({ orgAdmin: true }))).toBe(true);
    expect(canPreviewSpace(as({ roles: ["evaluator"] }))).toBe(true);
    expect(canPreviewSpace(as({ privateMember: true }))).toBe(false);
  });
});
