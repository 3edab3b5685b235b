import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "../../db/client";
import { defineComponent } from "./define";
import { deletionRequest, judgeDeletion, participationIn } from "./participation";
import { registerComponent } from "./registry";

const base = () => ({ label: "pages.name", description: "pages.description", settings: z.object({}), stepSettings: z.object({}), labels: {}, actions: [] as const, actionLabels: {} }) as const;
const calls: Array<[string, number[]]> = [];
registerComponent(
  defineComponent({
    ...base(),
    routes: [],
    adminRoutes: [],
    name: "test-counted",
    participation: async (_db, ids) => {
      calls.push(["test-counted", ids]);
      return ids.length * 10;
    },
  }),
);
registerComponent(defineComponent({ ...base(), routes: [], adminRoutes: [], name: "test-uncounted" }));
const db = {} as Db;

describe("participation held by components", () => {
  it("sums each kind's count, asking each kind once for all its components", async () => {
    calls.length = 0;
    const rows = [
      { id: 1, manifest: "test-counted" },
      { id: 2, manifest: "test-uncounted" },
      { id: 3, manifest: "test-counted" },
      { id: 4, manifest: "not-installed" },
    ];
    expect(await participationIn(db, rows)).toBe(20);
    expect(calls).toEqual([["test-counted", [1, 3]]]);
    expect(await participationIn(db, [])).toBe(0);
  });
});

describe("judging a deletion", () => {
  const plain = { force: false, confirmation: "" };
  it("lets anything without participation go after the ordinary confirmation", () => {
    expect(judgeDeletion(0, false, "budget", plain)).toEqual({ ok: true, forced: false });
    expect(judgeDeletion(0, true, "budget", { force: true, confirmation: "nope" })).toEqual({ ok: true, forced: false });
  });

  it("refuses when participation is held and the deletion is not forced", () => {
    expect(judgeDeletion(3, true, "budget", plain)).toEqual({ ok: false, reason: "participation" });
  });

  it("lets only an organization admin force it, by typing the confirmation", () => {
    expect(judgeDeletion(3, false, "budget", { force: true, confirmation: "budget" })).toEqual({ ok: false, reason: "notOrgAdmin" });
    expect(judgeDeletion(3, true, "budget", { force: true, confirmation: "Budget" })).toEqual({ ok: false, reason: "mismatch" });
    expect(judgeDeletion(3, true, "budget", { force: true, confirmation: "" })).toEqual({ ok: false, reason: "mismatch" });
    expect(judgeDeletion(3, true, "School  budget", { force: true, confirmation: " School budget " })).toEqual({ ok: true, forced: true });
  });

  it("reads the form: force only from its hidden flag", () => {
    expect(deletionRequest({ force: "1", confirmation: "x" })).toEqual({ force: true, confirmation: "x" });
    expect(deletionRequest({ force: "on" })).toEqual({ force: false, confirmation: "" });
    expect(deletionRequest(undefined)).toEqual({ force: false, confirmation: "" });
  });
});
