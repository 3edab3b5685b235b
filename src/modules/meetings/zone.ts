/**
 * Wall-clock times in a meeting's IANA time zone: the admin types "2027-03-01T18:00" for a meeting in
 * Europe/Paris and the database keeps the instant; the form shows it back on the same clock.
 */

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_+\-/0-9]{1,64}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallParts(d: Date, tz: string): Record<string, number> {
  let f = partsFormat.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partsFormat.set(tz, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(d)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at this instant, in milliseconds (Paris in winter: +3,600,000). */
function offsetAt(d: Date, tz: string): number {
  const p = wallParts(d, tz);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(d.getTime() / 1000) * 1000;
}

/** "2027-03-01T18:00" on the clock of `tz` as an instant; null when the text is not such a time. */
export function zonedToUtc(local: string, tz: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - offsetAt(new Date(guess), tz);
  // Around a change of offset the first guess may use the other side's offset: correct once.
  const second = guess - offsetAt(new Date(first), tz);
  return new Date(second);
}

/** The instant as a `datetime-local` value on the clock of `tz`. */
export function utcToZoned(d: Date, tz: string): string {
  const p = wallParts(d, tz);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return `${String(p.year).padStart(4, "0")}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
