/**
 * The meetings component through its pages: the back office's meeting form (times on the meeting's
 * clock), registration with codes and the waiting list (promotion on cancellation, told to the person),
 * the door check, the online link's 15-minute rule, closing with a report, the iCalendar feeds (read
 * back strictly), the /meetings directory's filters, private spaces left out, and bounded queries.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { relayEvents } from "../../core/notifications/relay";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { parseIcs } from "./ical-testing";
import { eraseMeetingData, exportMeetingData } from "./personal-data";
import { cancelRegistration, closeMeeting, register } from "./service";
import { meetingAt, meetingsFixture } from "./testing";

let p: TestPlatform;
let admin: { client: TestClient; userId: number };

beforeAll(async () => {
  p = await createTestPlatform();
  admin = await signedInClient(p, { isAdmin: true });
});
afterAll(() => p.stop());

const audited = async (action: string, id: number) =>
  (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and resource_type = 'meeting' and resource_id = ${String(id)}`)).rows[0]?.n ?? 0;
const registrationOf = async (meetingId: number, userId: number) =>
  (await p.deps.db.execute<{ code: string; status: string }>(sql`select code, status from meeting_registrations where meeting_id = ${meetingId} and user_id = ${userId}`)).rows[0];
const shift = (id: number, startInMinutes: number) => p.deps.db.execute(sql`update meetings set start_at = now() + make_interval(mins => ${startInMinutes}), end_at = now() + make_interval(mins => ${startInMinutes + 120}) where id = ${id}`);

describe("meetings", () => {
  it("the back office creates a meeting on its own clock, publishes it and keeps its agenda (audited)", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const form = `${f.adminBase}/new`;
    const fields = { "title.en": "Hearing on cycling", "title.fr": "Audition sur le vélo", type: "hybrid", timeZone: "Europe/Paris", startAt: "2030-01-15T18:00", endAt: "2030-01-15T20:30", address: "Hôtel de ville, Nancy", onlineUrl: "https://meet.jit.si/cycling-hearing", slots: "0", reservedSlots: "0" };
    const invalid = await admin.client.post(form, { ...fields, endAt: "2030-01-15T17:00", timeZone: "Mars/Olympus" }, { formPage: form });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("Enter a time zone such as Europe/Paris.");
    const noAddress = await admin.client.post(form, { ...fields, address: "" }, { formPage: form });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.body).toContain("Give the address of a meeting held in person.");
    expect((await admin.client.post(form, fields, { formPage: form })).statusCode).toBe(303);
    const row = (await p.deps.db.execute<{ id: string; start_at: Date; published_at: Date | null }>(sql`select id, start_at, published_at from meetings where component_id = ${f.component.id}`)).rows[0];
    const id = Number(row?.id);
    expect(new Date(String(row?.start_at)).toISOString()).toBe("2030-01-15T17:00:00.000Z");
    expect(row?.published_at).toBeNull();
    expect(await audited("meeting.create", id)).toBe(1);

    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/${id}`)).statusCode).toBe(404);
    expect((await admin.client.post(`${f.adminBase}/${id}/publish`, {}, { formPage: f.adminBase })).statusCode).toBe(303);
    expect(await audited("meeting.publish", id)).toBe(1);
    const edit = await admin.client.get(`${f.adminBase}/${id}/edit`);
    expect(edit.body).toContain('value="2030-01-15T18:00"');

    const agenda = `${f.adminBase}/${id}/agenda`;
    expect((await admin.client.post(agenda, { "title.en": "Where the network breaks", durationMinutes: "30" }, { formPage: agenda })).statusCode).toBe(303);
    expect((await admin.client.post(agenda, { "title.en": "Questions", durationMinutes: "20" }, { formPage: agenda })).statusCode).toBe(303);
    expect((await admin.client.post(agenda, { "title.en": "", durationMinutes: "-3" }, { formPage: agenda })).statusCode).toBe(422);
    const second = (await p.deps.db.execute<{ id: string }>(sql`select id from meeting_agenda_items where meeting_id = ${id} order by position desc limit 1`)).rows[0]?.id;
    expect((await admin.client.post(`${agenda}/${second}/up`, {}, { formPage: agenda })).statusCode).toBe(303);

    const page = await visitor.get(`${f.base}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hearing on cycling");
    expect(page.body).toContain("Tuesday, January 15, 2030 at 6:00 PM");
    expect(page.body).toContain("(Europe/Paris)");
    expect(page.body).toContain("Hôtel de ville, Nancy · also online");
    expect(page.body.indexOf("Questions")).toBeLessThan(page.body.indexOf("Where the network breaks"));
    expect(page.body).not.toContain("https://meet.jit.si/cycling-hearing");
    const fr = p.client();
    await fr.get("/locale/fr");
    expect((await fr.get(`${f.base}/${id}`)).body).toContain("Audition sur le vélo");

    // The back office's pages, and the kit's comments on the meeting's page.
    for (const path of ["", `/${id}/edit`, `/${id}/agenda`, `/${id}/close`, `/${id}/registrations`]) expect((await admin.client.get(`${f.adminBase}${path}`)).statusCode).toBe(200);
    expect((await (await signedInClient(p)).client.get(f.adminBase)).statusCode).toBe(403);
    const commenter = await signedInClient(p, { name: "Dora Cyclist" });
    const posted = await commenter.client.post("/comments", { resourceType: "meeting", resourceId: String(id), body: "Will the slides be shared?", return_to: `${f.base}/${id}` }, { formPage: `${f.base}/${id}` });
    expect(posted.statusCode).toBe(303);
    expect((await visitor.get(`${f.base}/${id}`)).body).toContain("Will the slides be shared?");
  });

  it("registers people with a code, puts the others on the waiting list, promotes the first on a cancellation and tells them", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const id = await meetingAt(p, admin.userId, f, 60 * 24, { type: "in_person", address: "Salle Poirel", onlineUrl: "", registrationEnabled: true, slots: 2, reservedSlots: 1, registrationTerms: { en: "Your name is seen by the organizers." } });
    const url = `${f.base}/${id}`;
    const alice = await signedInClient(p, { name: "Alice Voter" });
    const bob = await signedInClient(p, { name: "Bob Voter" });
    const carol = await signedInClient(p, { name: "Carol Voter" });

    const noTerms = await alice.client.post(`${url}/register`, {}, { formPage: url });
    expect(noTerms.statusCode).toBe(422);
    expect(noTerms.body).toContain("Accept the registration terms to register.");
    expect((await alice.client.post(`${url}/register`, { acceptTerms: "on" }, { formPage: url })).statusCode).toBe(303);
    const a = await registrationOf(id, alice.userId);
    expect(a?.status).toBe("registered");
    expect(a?.code).toMatch(/^[A-Z2-9]{8}$/);
    const alicePage = await alice.client.get(url);
    expect(alicePage.body).toContain("You are registered.");
    expect(alicePage.body).toContain(a?.code);

    // One place offered (two, one reserved): Bob then Carol wait, in that order.
    expect((await bob.client.post(`${url}/register`, { acceptTerms: "on" }, { formPage: url })).statusCode).toBe(303);
    expect((await carol.client.post(`${url}/register`, { acceptTerms: "on" }, { formPage: url })).statusCode).toBe(303);
    const b = await registrationOf(id, bob.userId);
    expect(b?.status).toBe("waiting");
    expect(b?.code).not.toBe(a?.code);
    expect((await carol.client.get(url)).body).toContain("You are on the waiting list (position 2).");
    expect((await (await englishClient(p)).get(url)).body).toContain("Join the waiting list");

    // The door: a valid code (typed in lower case, with a space), a waiting person's, an unknown one.
    const door = `${f.adminBase}/${id}/door`;
    const registrations = `${f.adminBase}/${id}/registrations`;
    const typed = `${a?.code.slice(0, 4).toLowerCase()} ${a?.code.slice(4)}`;
    expect((await admin.client.post(door, { code: typed }, { formPage: registrations })).body).toContain("Valid: Alice Voter is registered.");
    expect((await admin.client.post(door, { code: String(b?.code) }, { formPage: registrations })).body).toContain("Not valid for entry: Bob Voter is on the waiting list.");
    expect((await admin.client.post(door, { code: "ZZZZ9999" }, { formPage: registrations })).body).toContain("Unknown code.");
    const csv = await admin.client.get(`${registrations}.csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n")[0]).toBe("code,name,status,registered_at");
    expect(csv.body).toContain(`${a?.code},Alice Voter,registered`);
    expect(csv.body).toContain(`${b?.code},Bob Voter,waiting`);

    // Alice cancels: Bob, first in the queue, gets the place and is told; Carol still waits.
    expect((await alice.client.post(`${url}/cancel`, {}, { formPage: url })).statusCode).toBe(303);
    expect((await registrationOf(id, alice.userId))?.status).toBe("cancelled");
    expect((await registrationOf(id, bob.userId))?.status).toBe("registered");
    expect((await registrationOf(id, carol.userId))?.status).toBe("waiting");
    await relayEvents(p.deps);
    const told = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from notifications where message = 'meetings.notification.promoted' and url = ${url}`);
    expect(told.rows.map((r) => Number(r.user_id))).toEqual([bob.userId]);
    expect((await bob.client.get(url)).body).toContain("You are registered.");

    // Registering again after cancelling joins the end of the queue with the same code.
    expect((await alice.client.post(`${url}/register`, { acceptTerms: "on" }, { formPage: url })).statusCode).toBe(303);
    expect(await registrationOf(id, alice.userId)).toEqual({ code: a?.code, status: "waiting" });
    // More places: the admin's edit promotes the people waiting.
    const edit = `${f.adminBase}/${id}/edit`;
    const more = await admin.client.post(edit, { "title.en": "Meeting", type: "in_person", timeZone: "Europe/Paris", startAt: "2031-01-01T18:00", endAt: "2031-01-01T20:00", address: "Salle Poirel", registrationEnabled: "on", slots: "10", reservedSlots: "1", "registrationTerms.en": "Your name is seen by the organizers." }, { formPage: edit });
    expect(more.statusCode).toBe(303);
    expect((await registrationOf(id, carol.userId))?.status).toBe("registered");
    expect((await registrationOf(id, alice.userId))?.status).toBe("registered");
  });

  it("registers no one when registration is off or the meeting is over, and a visitor is asked to sign in", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const off = await meetingAt(p, admin.userId, f, 60);
    const over = await meetingAt(p, admin.userId, f, -600, { registrationEnabled: true });
    const u = await signedInClient(p);
    expect((await register(p.deps.db, u.userId, f.place, off, { acceptTerms: true })).ok).toBe(false);
    const late = await u.client.post(`${f.base}/${over}/register`, {}, { formPage: `${f.base}/${over}` });
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain("Registration to this meeting is closed.");
    const open = await meetingAt(p, admin.userId, f, 60, { registrationEnabled: true });
    const visitor = await englishClient(p);
    const asked = await visitor.post(`${f.base}/${open}/register`, {}, { formPage: `${f.base}/${open}` });
    expect(asked.statusCode).toBe(303);
    expect(String(asked.headers.location)).toContain("/users/sign-in");
    expect((await cancelRegistration(p.deps.db, u.userId, f.place, open)).ok).toBe(true);
  });

  it("shows the online link from 15 minutes before the start: to registered people, or to everyone without registration", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const withReg = await meetingAt(p, admin.userId, f, 30, { registrationEnabled: true, onlineUrl: "https://meet.jit.si/registered-room" });
    const open = await meetingAt(p, admin.userId, f, 30, { onlineUrl: "https://meet.jit.si/open-room" });
    const member = await signedInClient(p);
    const other = await signedInClient(p);
    const visitor = await englishClient(p);
    expect((await member.client.post(`${f.base}/${withReg}/register`, {}, { formPage: `${f.base}/${withReg}` })).statusCode).toBe(303);

    // 30 minutes before: nobody.
    const early = await member.client.get(`${f.base}/${withReg}`);
    expect(early.body).not.toContain("https://meet.jit.si/registered-room");
    expect(early.body).toContain("The link will appear here 15 minutes before the start.");
    expect((await visitor.get(`${f.base}/${open}`)).body).not.toContain("https://meet.jit.si/open-room");

    // 10 minutes before: the registered person and, without registration, everyone.
    await shift(withReg, 10);
    await shift(open, 10);
    expect((await member.client.get(`${f.base}/${withReg}`)).body).toContain('href="https://meet.jit.si/registered-room"');
    const notRegistered = await other.client.get(`${f.base}/${withReg}`);
    expect(notRegistered.body).not.toContain("https://meet.jit.si/registered-room");
    expect(notRegistered.body).toContain("The link is shown to registered people");
    expect((await visitor.get(`${f.base}/${withReg}`)).body).not.toContain("https://meet.jit.si/registered-room");
    expect((await visitor.get(`${f.base}/${open}`)).body).toContain('href="https://meet.jit.si/open-room"');
    // Never in the calendar file.
    expect((await visitor.get(`${f.base}/${open}.ics`)).body).not.toContain("open-room");

    // Over: gone again.
    await shift(open, -200);
    expect((await visitor.get(`${f.base}/${open}`)).body).not.toContain("https://meet.jit.si/open-room");
  });

  it("closes a meeting with its minutes, attendees and recording (audited, followers told)", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const id = await meetingAt(p, admin.userId, f, -180);
    const close = `${f.adminBase}/${id}/close`;
    expect((await admin.client.post(close, { "minutes.en": "", attendeesCount: "x" }, { formPage: close })).statusCode).toBe(422);
    const done = await admin.client.post(close, { "minutes.fr": "Onze recommandations adoptées.", "minutes.en": "Eleven recommendations adopted.", attendeesCount: "37", recordingUrl: "https://video.example/session-12" }, { formPage: close });
    expect(done.statusCode).toBe(303);
    expect(await audited("meeting.close", id)).toBe(1);
    const events = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from event_outbox where event = 'closed' and resource_type = 'meeting' and resource_id = ${id}`);
    expect(events.rows[0]?.n).toBe(1);
    const page = await (await englishClient(p)).get(`${f.base}/${id}`);
    expect(page.body).toContain("Eleven recommendations adopted.");
    expect(page.body).toContain("37 attendees");
    expect(page.body).toContain('href="https://video.example/session-12"');
    expect(page.body).toContain("The meeting is over.");
  });

  it("serves valid iCalendar feeds: the site's, a space's and a meeting's; upcoming and the past year; public spaces only", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const hidden = await meetingsFixture(p, admin.userId, { isPrivate: true });
    const upcoming = await meetingAt(p, admin.userId, f, 60 * 24 * 3, { title: { en: "Budget, mobility; the \\ plan", fr: "Budget, mobilité ; le plan" }, description: { en: `A long description that needs folding. ${"Words and more words. ".repeat(10)}\nSecond line.` } });
    const lastMonth = await meetingAt(p, admin.userId, f, -60 * 24 * 30, { type: "in_person", address: "Place Stanislas, Nancy", onlineUrl: "" });
    const longAgo = await meetingAt(p, admin.userId, f, -60 * 24 * 400);
    const secret = await meetingAt(p, admin.userId, hidden, 60 * 24);
    const uids = (events: Array<{ props: Record<string, string> }>) => events.map((e) => e.props.UID);
    const host = new URL(p.deps.config.PUBLIC_URL).host;
    const uid = (id: number) => `meeting-${id}@${host}`;

    const visitor = await englishClient(p);
    const all = await visitor.get("/meetings.ics");
    expect(all.statusCode).toBe(200);
    expect(all.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const site = parseIcs(all.body);
    expect(uids(site.events)).toContain(uid(upcoming));
    expect(uids(site.events)).toContain(uid(lastMonth));
    expect(uids(site.events)).not.toContain(uid(longAgo));
    expect(uids(site.events)).not.toContain(uid(secret));

    const spaceFeed = await visitor.get(`/spaces/${f.space.slug}/meetings.ics`);
    const space = parseIcs(spaceFeed.body);
    expect(uids(space.events).sort()).toEqual([uid(upcoming), uid(lastMonth)].sort());
    const event = space.events.find((e) => e.props.UID === uid(upcoming));
    expect(event?.props.SUMMARY).toBe("Budget, mobility; the \\ plan");
    expect(event?.props.DESCRIPTION).toContain("Second line.");
    expect(event?.props.DESCRIPTION).toContain(`${p.deps.config.PUBLIC_URL}${f.base}/${upcoming}`);
    expect(event?.props.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
    expect(event?.props.LOCATION).toBe("Online");
    expect(space.events.find((e) => e.props.UID === uid(lastMonth))?.props.LOCATION).toBe("Place Stanislas, Nancy");
    expect((await visitor.get(`/spaces/${hidden.space.slug}/meetings.ics`)).statusCode).toBe(404);

    const one = await visitor.get(`${f.base}/${upcoming}.ics`);
    expect(one.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const single = parseIcs(one.body);
    expect(uids(single.events)).toEqual([uid(upcoming)]);
    expect(single.events[0]?.props.DTSTART).toBe(event?.props.DTSTART);
    // In French, the French title; the same UID.
    const fr = p.client();
    await fr.get("/locale/fr");
    expect(parseIcs((await fr.get(`${f.base}/${upcoming}.ics`)).body).events[0]?.props).toMatchObject({ UID: uid(upcoming), SUMMARY: "Budget, mobilité ; le plan" });
  });

  it("the /meetings directory filters by time, type and space, and leaves private spaces out", async () => {
    const a = await meetingsFixture(p, admin.userId, { title: { en: "Space Alpha" } });
    const b = await meetingsFixture(p, admin.userId, { title: { en: "Space Beta" } });
    const hidden = await meetingsFixture(p, admin.userId, { isPrivate: true, title: { en: "Space Private" } });
    await meetingAt(p, admin.userId, a, 60 * 24 * 2, { title: { en: "Alpha upcoming online" } });
    await meetingAt(p, admin.userId, a, -60 * 24 * 2, { title: { en: "Alpha past hybrid" }, type: "hybrid", address: "Rue Saint-Dizier" });
    await meetingAt(p, admin.userId, b, 60 * 24 * 3, { title: { en: "Beta upcoming in person" }, type: "in_person", address: "Salle des fêtes", onlineUrl: "" });
    await meetingAt(p, admin.userId, hidden, 60 * 24 * 2, { title: { en: "Private upcoming" } });
    const visitor = await englishClient(p);
    const upcoming = (await visitor.get("/meetings")).body;
    expect(upcoming).toContain("Alpha upcoming online");
    expect(upcoming).toContain("Beta upcoming in person");
    expect(upcoming).not.toContain("Alpha past hybrid");
    expect(upcoming).not.toContain("Private upcoming");
    expect(upcoming).not.toContain("Space Private");
    expect(upcoming.indexOf("Alpha upcoming online")).toBeLessThan(upcoming.indexOf("Beta upcoming in person"));
    const past = (await visitor.get("/meetings?when=past")).body;
    expect(past).toContain("Alpha past hybrid");
    expect(past).not.toContain("Alpha upcoming online");
    const inPerson = (await visitor.get("/meetings?type=in_person")).body;
    expect(inPerson).toContain("Beta upcoming in person");
    expect(inPerson).not.toContain("Alpha upcoming online");
    const beta = (await visitor.get(`/meetings?space=${b.space.slug}`)).body;
    expect(beta).toContain("Beta upcoming in person");
    expect(beta).not.toContain("Alpha upcoming online");
    expect((await visitor.get(`/meetings?space=${hidden.space.slug}`)).body).not.toContain("Private upcoming");
    expect((await visitor.get("/meetings?when=soon&type=zoom")).statusCode).toBe(200);
    // The space's own list: the same tabs and type filter.
    expect((await visitor.get(`${a.base}?when=past&type=hybrid`)).body).toContain("Alpha past hybrid");
    expect((await visitor.get(`${a.base}?type=hybrid`)).body).not.toContain("Alpha upcoming online");
    // The private space's meeting page is not for visitors.
    expect((await visitor.get(hidden.base)).statusCode).not.toBe(200);
  });

  it("a list costs the same queries with 2 and 30 meetings (the space's list, the directory, the feed)", async () => {
    const f = await meetingsFixture(p, admin.userId);
    await meetingAt(p, admin.userId, f, 60);
    await meetingAt(p, admin.userId, f, 120, { type: "hybrid", address: "Somewhere" });
    const visitor = await englishClient(p);
    const pages = [f.base, "/meetings", `/spaces/${f.space.slug}/meetings.ics`];
    const small: number[] = [];
    for (const url of pages) small.push((await countQueries(p.deps.pool, () => visitor.get(url))).count);
    await p.deps.db.execute(sql`
      insert into meetings (component_id, title, type, start_at, end_at, time_zone, published_at)
      select ${f.component.id}, jsonb_build_object('en', 'Bulk meeting ' || g), 'online', now() + make_interval(hours => g), now() + make_interval(hours => g + 1), 'Europe/Paris', now()
      from generate_series(1, 28) g`);
    for (const [i, url] of pages.entries()) {
      const large = await countQueries(p.deps.pool, () => visitor.get(url));
      expect(large.result.statusCode).toBe(200);
      expect({ url, count: large.count }).toEqual({ url, count: small[i] });
    }
    expect((await visitor.get(f.base)).body).toContain("30 meetings");
  });

  it("finds public meetings in the search and the open data, never a private space's, and exports a person's registrations", async () => {
    const f = await meetingsFixture(p, admin.userId);
    const hidden = await meetingsFixture(p, admin.userId, { isPrivate: true });
    const held = await meetingAt(p, admin.userId, f, -300, { title: { en: "Hearing on tramways" } });
    await closeMeeting(p.deps.db, { id: admin.userId, ip: null }, f.place, held, { minutes: { en: "The tramway loop was discussed." }, attendeesCount: 21, recordingUrl: "" });
    await meetingAt(p, admin.userId, hidden, 60, { title: { en: "Secret tramways" } });
    const visitor = await englishClient(p);
    const found = (await visitor.get(`/search?q=${encodeURIComponent("tramways")}`)).body;
    expect(found).toContain("Hearing on tramways");
    expect(found).not.toContain("Secret tramways");
    const csv = (await visitor.get("/open-data/meetings.csv")).body;
    expect(csv.split("\r\n")[0]).toBe("id,url,space,component_id,title,description,type,start_at,end_at,time_zone,address,registration_enabled,registered,closed_at,minutes,attendees_count,recording_url,comments,follows");
    expect(csv).toContain("Hearing on tramways");
    expect(csv).toContain("The tramway loop was discussed.");
    expect(csv).not.toContain("Secret tramways");
    expect(csv).not.toContain("meet.jit.si");
    expect((await visitor.get("/open-data")).body).toContain("/open-data/meetings.csv");

    const open = await meetingAt(p, admin.userId, f, 600, { registrationEnabled: true });
    const u = await signedInClient(p);
    const r = await register(p.deps.db, u.userId, f.place, open, { acceptTerms: false });
    expect(r.ok).toBe(true);
    const mine = (await exportMeetingData(p.deps.db, u.userId)) as { registrations: Array<{ code: string; status: string }> };
    expect(mine.registrations).toHaveLength(1);
    expect(mine.registrations[0]?.status).toBe("registered");
    expect(mine.registrations[0]?.code).toBe(r.ok ? r.value.code : "");

    // Deleting an account frees its place for the first person waiting.
    const small = await meetingAt(p, admin.userId, f, 600, { registrationEnabled: true, slots: 1 });
    const w = await signedInClient(p);
    expect((await register(p.deps.db, u.userId, f.place, small, { acceptTerms: false })).ok).toBe(true);
    expect((await register(p.deps.db, w.userId, f.place, small, { acceptTerms: false })).ok).toBe(true);
    expect((await registrationOf(small, w.userId))?.status).toBe("waiting");
    await p.deps.db.transaction((tx) => eraseMeetingData(tx, { id: u.userId }));
    expect(await registrationOf(small, u.userId)).toBeUndefined();
    expect((await registrationOf(small, w.userId))?.status).toBe("registered");
  });
});
