import { describe, expect, it } from "vitest";
import { calendar, escapeText, foldLine, utcStamp } from "./ical";
import { utcToZoned, zonedToUtc } from "./zone";

/** Unfolds an iCalendar text as a reader does (RFC 5545 §3.1) and checks the rules on the way. */
function readLines(text: string): string[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const raw = text.slice(0, -2).split("\r\n");
  for (const line of raw) {
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const out: string[] = [];
  for (const line of raw) {
    if (line.startsWith(" ") && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}

const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));

describe("iCalendar output", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets without cutting a UTF-8 character", () => {
    const line = `DESCRIPTION:${"é".repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n").slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
  });

  it("writes a calendar with the required properties, UTC times and the texts round-tripping", () => {
    const summary = "Session 3, budget; the \\ \"mobility\" part";
    const description = `Minutes:\nfirst line, second; ${"long text ".repeat(20)}`;
    const text = calendar("Nancy, meetings", [
      { uid: "meeting-3@pnyx.test", start: new Date("2027-03-01T17:00:00Z"), end: new Date("2027-03-01T19:30:00Z"), stamp: new Date("2027-02-01T08:00:00Z"), summary, description, location: "Hôtel de ville, salle 2", url: "https://pnyx.test/spaces/x/c/1/3" },
    ]);
    const lines = readLines(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.some((l) => l.startsWith("PRODID:"))).toBe(true);
    const prop = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
    expect(prop("UID")).toBe("meeting-3@pnyx.test");
    expect(prop("DTSTAMP")).toBe("20270201T080000Z");
    expect(prop("DTSTART")).toBe("20270301T170000Z");
    expect(prop("DTEND")).toBe("20270301T193000Z");
    expect(unescape(prop("SUMMARY") ?? "")).toBe(summary);
    expect(unescape(prop("DESCRIPTION") ?? "")).toBe(description);
    expect(unescape(prop("LOCATION") ?? "")).toBe("Hôtel de ville, salle 2");
    expect(unescape(prop("X-WR-CALNAME") ?? "")).toBe("Nancy, meetings");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("an empty feed is still a valid calendar", () => {
    const lines = readLines(calendar("Empty", []));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).not.toContain("BEGIN:VEVENT");
  });

  it("UTC stamps", () => {
    expect(utcStamp(new Date("2027-12-31T23:59:59.999Z"))).toBe("20271231T235959Z");
  });
});

describe("meeting time zones", () => {
  it("reads a wall-clock time in the meeting's zone, across summer time", () => {
    expect(zonedToUtc("2027-01-15T18:00", "Europe/Paris")?.toISOString()).toBe("2027-01-15T17:00:00.000Z");
    expect(zonedToUtc("2027-07-15T18:00", "Europe/Paris")?.toISOString()).toBe("2027-07-15T16:00:00.000Z");
    expect(zonedToUtc("2027-07-15T18:00", "America/New_York")?.toISOString()).toBe("2027-07-15T22:00:00.000Z");
    expect(zonedToUtc("2027-07-15", "Europe/Paris")).toBeNull();
    expect(utcToZoned(new Date("2027-07-15T16:00:00Z"), "Europe/Paris")).toBe("2027-07-15T18:00");
  });
});
