/**
 * The texts component: a collaborative text (a municipal charter, a bill) read article by article,
 * commented block by block (the comment kit), annotated on a range of words (W3C Web Annotation
 * selectors), amended, versioned with stable block ids, re-anchored across versions by the texts
 * engine (src/engines/texts), archived at each stage and adopted by the space's members.
 * `pnyx texts import` loads Markdown, .docx or .odt; `pnyx texts reanchor` runs the engine alone.
 */
import { defineComponent } from "../../core/components/define";
import { adoptionRoutes } from "./adoption-routes";
import { amendmentResourceKind } from "./amendment-kit";
import { annotationResourceKind } from "./annotation-kit";
import { amendmentRoutes } from "./amendment-routes";
import { archiveRoutes } from "./archive-routes";
import { exportRoutes } from "./export-routes";
import { blockRoutes } from "./block-routes";
import { textAdminRoutes } from "./admin-routes";
import { textBlockResourceKind, textResourceKind } from "./kit";
import messages from "./messages";
import { textRoutes } from "./routes";
import { textSettings, textStepSettings } from "./settings";

export default defineComponent({
  name: "texts",
  label: "texts.component.label",
  description: "texts.component.description",
  messages,
  settings: textSettings,
  stepSettings: textStepSettings,
  labels: {
    maxLength: "texts.settings.maxLength",
    phase: "texts.settings.phase",
    commentsEnabled: "texts.settings.commentsEnabled",
    annotationsEnabled: "texts.settings.annotationsEnabled",
    amendmentsEnabled: "texts.settings.amendmentsEnabled",
    announcement: "texts.settings.announcement",
  },
  actions: ["comment", "annotate", "amend", "adopt"],
  actionLabels: { comment: "texts.action.comment", annotate: "texts.action.annotate", amend: "texts.action.amend", adopt: "texts.action.adopt" },
  permissions: ({ action, settings }) => {
    if (action === "comment" && !settings.step.commentsEnabled) return { reason: "texts.denied.closed" };
    if (action === "annotate" && !settings.step.annotationsEnabled) return { reason: "texts.denied.closed" };
    if (action === "amend" && !settings.step.amendmentsEnabled) return { reason: "texts.denied.closed" };
    return null;
  },
  accountPromise: "texts.accountPromise",
  resources: { text: textResourceKind, text_block: textBlockResourceKind, text_amendment: amendmentResourceKind, text_annotation: annotationResourceKind },
  personalData: {
    name: "texts",
    export: async (db, userId) => (await import("./personal-data")).exportTextData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).eraseTextData(tx, user),
    erasure: "texts.personalData.erasure",
  },
  // When a step of the space closes (the core audits each activation), each published text is archived for it.
  archive: async (db, input) => (await import("./archive-part")).archiveTexts(db, input),
  jobs: [{ name: "texts.archive", cron: "* * * * *", run: async (deps) => void (await (await import("./archive")).archiveClosedSteps(deps.db)) }],
  commands: { texts: { summary: "collaborative texts: pnyx texts import <file.md|.docx|.odt> --space <slug> [--title \"...\"] --json | reanchor --old v1.md --new v2.md --annotations a.json --json", run: async (a) => (await import("./cli")).run(a) } },
  // The demo organization: the Nancy assembly's draft municipal charter (demo.ts).
  demo: async (deps, input) => (await import("./demo")).seedTextsDemo(deps, input),
  routes: [...blockRoutes, ...amendmentRoutes, ...adoptionRoutes, ...archiveRoutes, ...exportRoutes, ...textRoutes],
  adminRoutes: [...textAdminRoutes],
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    texts: Extract<keyof typeof messages.en, string>;
  }
}
