import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { NOTIFICATIONS_PAGE, notifyUsers } from "./service";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const notice = (title: string) => ({ kind: "petition.state.published", message: "petitions.notification.state" as const, values: { title }, keyedValues: { state: "petitions.state.published" as const }, url: "/petitions/7" });

describe("in-app notifications", () => {
  it("counts unread ones in the header, lists them in the reader's language and marks them read when opened", async () => {
    const reader = await signedInClient(p);
    await notifyUsers(p.deps.db, [reader.userId], notice("Safer school streets"));
    await notifyUsers(p.deps.db, [reader.userId], notice("Longer library hours"));
    const home = await reader.client.get("/", { "accept-language": "en" });
    expect(home.body).toContain("Notifications (2 new)");
    const list = await reader.client.get("/notifications", { "accept-language": "en" });
    expect(list.body.indexOf("Longer library hours")).toBeLessThan(list.body.indexOf("Safer school streets"));
    expect(list.body).toContain("Open for signatures");
    const id = Number(/href="\/notifications\/(\d+)\/open"/.exec(list.body)?.[1]);
    const open = await reader.client.get(`/notifications/${id}/open`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe("/petitions/7");
    expect((await reader.client.get("/", { "accept-language": "en" })).body).toContain("Notifications (1 new)");
    const all = await reader.client.post("/notifications/read", {}, { formPage: "/notifications" });
    expect(all.statusCode).toBe(303);
    const after = await reader.client.get("/", { "accept-language": "en" });
    expect(after.body).toContain('<a href="/notifications">Notifications</a>');
  });

  it("keeps each person's notifications to them, and asks visitors to sign in", async () => {
    const owner = await signedInClient(p);
    const other = await signedInClient(p);
    await notifyUsers(p.deps.db, [owner.userId], notice("Private to the owner"));
    const row = await p.deps.db.execute<{ id: string }>(sql`select id from notifications where user_id = ${owner.userId}`);
    expect((await other.client.get(`/notifications/${row.rows[0]?.id}/open`)).statusCode).toBe(404);
    expect((await other.client.get("/notifications")).body).not.toContain("Private to the owner");
    const visitor = await p.client().get("/notifications");
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain("/users/sign-in");
  });

  it("pages through many notifications, includes them in the data export and forgets them with the account", async () => {
    const many = await signedInClient(p);
    for (let i = 1; i <= NOTIFICATIONS_PAGE + 5; i++) await notifyUsers(p.deps.db, [many.userId], notice(`Petition number ${i}`));
    const first = await many.client.get("/notifications", { "accept-language": "en" });
    expect(first.body).toContain(`Petition number ${NOTIFICATIONS_PAGE + 5}`);
    expect(first.body).not.toContain("Petition number 5”");
    const older = /href="(\/notifications\?before=\d+)"/.exec(first.body)?.[1];
    expect(older).toBeTruthy();
    const second = await many.client.get(older ?? "", { "accept-language": "en" });
    expect(second.body).toContain("Petition number 5”");
    expect(second.body).not.toContain("Older notifications");
    const exported = await many.client.get("/account/data");
    expect(exported.statusCode).toBe(200);
    const data = JSON.parse(exported.body) as { notifications: unknown[] };
    expect(data.notifications).toHaveLength(NOTIFICATIONS_PAGE + 5);
    const { deleteAccount } = await import("../accounts/service/account");
    expect((await deleteAccount(p.deps.db, many.userId, many.password, "Deleted")).ok).toBe(true);
    const left = await p.deps.db.execute(sql`select 1 from notifications where user_id = ${many.userId}`);
    expect(left.rows).toHaveLength(0);
  });

  it("moves petition notifications of an older installation into the core table (migration 0009)", async () => {
    const dir = fileURLToPath(new URL("../../db/migrations/", import.meta.url));
    const file = readdirSync(dir).find((f) => f.startsWith("0009_"));
    const [move] = readFileSync(`${dir}${file}`, "utf8").split("--> statement-breakpoint");
    const someone = await signedInClient(p);
    // One transaction: the temporary table lives on one connection, and goes with the commit.
    await p.deps.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table petition_notifications (id bigserial, user_id bigint, petition_id bigint, kind text, data jsonb, read_at timestamptz, created_at timestamptz default now()) on commit drop`);
      await tx.execute(sql`insert into petition_notifications (user_id, petition_id, kind, data) values
        (${someone.userId}, 4, 'state.answered', '{"title": "Old petition", "state": "answered"}'), (${someone.userId}, 4, 'progress.33', '{"title": "Old petition", "percent": 33}')`);
      await tx.execute(sql.raw(move ?? ""));
    });
    const moved = await someone.client.get("/notifications", { "accept-language": "en" });
    expect(moved.body).toContain("Answered");
    expect(moved.body).toContain("33");
    expect(moved.body).toContain('href="/notifications/');
    const urls = await p.deps.db.execute<{ url: string; kind: string }>(sql`select url, kind from notifications where user_id = ${someone.userId} order by id`);
    expect(urls.rows).toEqual([{ url: "/petitions/4", kind: "petition.state.answered" }, { url: "/petitions/4", kind: "petition.progress.33" }]);
  });
});
