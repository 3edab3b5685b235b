/**
 * iCalendar (RFC 5545) output for meetings, pure: CRLF line endings, lines folded at 75 octets
 * (never inside a UTF-8 sequence), TEXT values escaped (backslash, semicolon, comma, newline), times in
 * UTC ("Z" form, valid without a VTIMEZONE), a stable UID per meeting.
 */

export interface CalendarEvent {
  /** Stable across feeds and edits: "meeting-12@example.org". */
  uid: string;
  start: Date;
  end: Date;
  /** When the meeting last changed (DTSTAMP and LAST-MODIFIED: the feed reads the same until it changes). */
  stamp: Date;
  summary: string;
  description: string;
  location: string;
  /** The meeting's page (absolute). */
  url: string;
  cancelled?: boolean;
}

/** A TEXT value: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** UTC date-time form: 20270301T170000Z. */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Folds a content line: at most 75 octets per line, continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > limit) {
      out.push(current);
      current = " ";
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n");
}

/** Control characters other than tab are not allowed in a TEXT value (a pasted form feed...). */
const clean = (s: string) =>
  [...s]
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127);
    })
    .join("");

function eventLines(e: CalendarEvent): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `LAST-MODIFIED:${utcStamp(e.stamp)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `SUMMARY:${escapeText(clean(e.summary))}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(clean(e.description))}`);
  if (e.location) lines.push(`LOCATION:${escapeText(clean(e.location))}`);
  lines.push(`URL:${e.url}`, `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  return lines;
}

/** A whole VCALENDAR object with these events, ready to send as text/calendar. */
export function calendar(name: string, events: CalendarEvent[]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pnyx//Meetings//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(clean(name))}`, ...events.flatMap(eventLines), "END:VCALENDAR"];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
