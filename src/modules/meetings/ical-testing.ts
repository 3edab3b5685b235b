/**
 * Reads an iCalendar text back as a calendar client does (RFC 5545 §3.1: unfold, split name and value,
 * unescape TEXT), refusing what a strict reader would: bare LF, a line over 75 octets, a component not
 * closed, an event without UID, DTSTAMP or DTSTART. For tests.
 */
export interface ParsedEvent {
  props: Record<string, string>;
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));

export function parseIcs(text: string): { props: Record<string, string>; events: ParsedEvent[] } {
  if (!text.endsWith("\r\n")) throw new Error("the text does not end with CRLF");
  const raw = text.slice(0, -2).split("\r\n");
  const lines: string[] = [];
  for (const line of raw) {
    if (/[\r\n]/.test(line)) throw new Error("bare CR or LF in a line");
    if (Buffer.byteLength(line, "utf8") > 75) throw new Error(`line over 75 octets: ${line}`);
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (lines.length === 0) throw new Error("continuation first");
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: string[] = [];
  const calendar: Record<string, string> = {};
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 1) throw new Error(`not a content line: ${line}`);
    const name = (line.slice(0, colon).split(";")[0] ?? "").toUpperCase();
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      stack.push(value);
      if (value === "VEVENT") current = { props: {} };
      continue;
    }
    if (name === "END") {
      if (stack.pop() !== value) throw new Error(`END:${value} does not close the open component`);
      if (value === "VEVENT" && current) {
        for (const required of ["UID", "DTSTAMP", "DTSTART"]) if (!(required in current.props)) throw new Error(`event without ${required}`);
        events.push(current);
        current = null;
      }
      continue;
    }
    const target = current ? current.props : calendar;
    target[name] = ["SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"].includes(name) ? unescapeText(value) : value;
  }
  if (stack.length > 0) throw new Error("a component is not closed");
  if (calendar.VERSION !== "2.0" || !calendar.PRODID) throw new Error("VERSION or PRODID missing");
  return { props: calendar, events };
}
