import { describe, expect, it } from "vitest";
import { linkNotice, linkVisible } from "./rules";

const now = new Date("2027-03-01T17:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const meeting = (startIn: number, registrationEnabled: boolean) => ({ type: "online" as const, onlineUrl: "https://meet.jit.si/x", startAt: at(startIn), endAt: at(startIn + 120), registrationEnabled });

describe("the online link", () => {
  it("shows to registered people from 15 minutes before the start until the end", () => {
    expect(linkVisible(meeting(16, true), now, "registered")).toBe(false);
    expect(linkVisible(meeting(15, true), now, "registered")).toBe(true);
    expect(linkVisible(meeting(-119, true), now, "registered")).toBe(true);
    expect(linkVisible(meeting(-121, true), now, "registered")).toBe(false);
  });
  it("never to people waiting or not registered when the meeting takes registrations", () => {
    expect(linkVisible(meeting(5, true), now, "waiting")).toBe(false);
    expect(linkVisible(meeting(5, true), now, null)).toBe(false);
    expect(linkNotice(meeting(5, true), now, null)).toBe("registeredOnly");
  });
  it("to everyone in the window when it takes no registrations", () => {
    expect(linkVisible(meeting(5, false), now, null)).toBe(true);
    expect(linkVisible(meeting(30, false), now, null)).toBe(false);
    expect(linkNotice(meeting(30, false), now, null)).toBe("soon");
  });
  it("an in-person meeting has no link", () => {
    expect(linkVisible({ ...meeting(0, false), type: "in_person" }, now, null)).toBe(false);
    expect(linkNotice({ ...meeting(0, false), type: "in_person" }, now, null)).toBeNull();
  });
});
