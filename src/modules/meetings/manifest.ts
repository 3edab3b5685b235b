/**
 * The meetings component: meetings in person, online or hybrid, with their time zone, agenda,
 * registration (places, reserved places, terms, a code checked at the door, a waiting list promoted on
 * cancellation), the online link shown from 15 minutes before the start, calendar feeds (one per
 * meeting, per space and for the site), the report after the meeting (minutes, attendees, recording)
 * and the kit's comments and follows; a site-wide `/meetings` directory over public spaces.
 */
import { defineComponent } from "../../core/components/define";
import { meetingAdminRoutes } from "./admin-routes";
import { meetingResourceKind } from "./kit";
import messages from "./messages";
import { countMeetings, newsletterParticipants, participationIn } from "./participation";
import { meetingRoutes } from "./routes";
import { ACTIONS, meetingRule } from "./rules";
import { meetingSettings, meetingStepSettings } from "./settings";
import { meetingSiteRoutes } from "./site-routes";

export default defineComponent({
  name: "meetings",
  label: "meetings.component.label",
  description: "meetings.component.description",
  messages,
  settings: meetingSettings,
  stepSettings: meetingStepSettings,
  labels: { defaultTimeZone: "meetings.settings.defaultTimeZone", announcement: "meetings.settings.announcement" },
  actions: ACTIONS,
  actionLabels: { register: "meetings.action.register" },
  permissions: ({ action, user }) => meetingRule({ action, user }),
  resources: { meeting: meetingResourceKind },
  routes: meetingRoutes,
  adminRoutes: meetingAdminRoutes,
  siteRoutes: meetingSiteRoutes,
  nav: [{ href: "/meetings", label: "meetings.nav" }],
  accountPromise: "meetings.accountPromise",
  newsletterParticipants,
  participation: participationIn,
  statistics: [{ label: "meetings.stats.meetings", count: countMeetings }],
  personalData: {
    name: "meetings",
    export: async (db, userId) => (await import("./personal-data")).exportMeetingData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).eraseMeetingData(tx, user),
    erasure: "meetings.personalData.erasure",
  },
  openData: [{ path: "/open-data/meetings.csv", label: "meetings.openData.label", description: "meetings.openData.description" }],
  demo: async (deps, input) => (await import("./demo")).seedMeetingsDemo(deps, input),
  archive: async (db, input) => (await import("./archive")).archiveMeetings(db, input),
  search: { kind: "meetings", label: "meetings.search.kind", search: async (db, q) => (await import("./search")).searchMeetings(db, q) },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    meetings: Extract<keyof typeof messages.en, string>;
  }
}
