/**
 * The component's own rules, pure: the permission rule for its actions, and when the online link is
 * shown. The link of an online or hybrid meeting appears from 15 minutes before the start until the
 * end: to the people registered when the meeting takes registrations, to everyone when it does not
 * (there is then no list to keep it to, and the page would only hide what anyone may join).
 */
import type { ComponentDenial } from "../../core/components/define";
import type { CurrentUser } from "../../core/http/context";
import type { MeetingType, RegistrationStatus } from "./schema";

export const ACTIONS = ["register"] as const;

export function meetingRule(_input: { action: string; user: CurrentUser | null }): ComponentDenial | null {
  // Registering is open to anyone signed in (and verified as the admin asks); the meeting's own state
  // (published, registration on, not over) is checked by the service with the meeting locked.
  return null;
}

export const LINK_LEAD_MS = 15 * 60 * 1000;

export interface LinkFacts {
  type: MeetingType;
  onlineUrl: string;
  startAt: Date;
  endAt: Date;
  registrationEnabled: boolean;
}

/** Whether the online link is shown to this reader now (their registration's status, if any). */
export function linkVisible(m: LinkFacts, now: Date, registration: RegistrationStatus | null): boolean {
  if (m.type === "in_person" || m.onlineUrl === "") return false;
  if (now.getTime() < m.startAt.getTime() - LINK_LEAD_MS || now > m.endAt) return false;
  return !m.registrationEnabled || registration === "registered";
}

/** What the reader is told instead of the link (null: nothing to say, an in-person meeting). */
export function linkNotice(m: LinkFacts, now: Date, registration: RegistrationStatus | null): "soon" | "registeredOnly" | "over" | null {
  if (m.type === "in_person" || m.onlineUrl === "") return null;
  if (now > m.endAt) return "over";
  if (m.registrationEnabled && registration !== "registered") return "registeredOnly";
  if (now.getTime() < m.startAt.getTime() - LINK_LEAD_MS) return "soon";
  return null;
}
