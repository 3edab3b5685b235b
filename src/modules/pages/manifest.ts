/** The pages component: translatable documentation pages with a table of contents. */
import { z } from "zod";
import { defineComponent } from "../../core/components/define";
import { translatable } from "../../core/components/form-values";
import { pagesAdminRoutes } from "./admin-routes";
import messages from "./messages";
import { pagesRoutes } from "./routes";

export default defineComponent({
  name: "pages",
  label: "pages.name",
  description: "pages.description",
  messages,
  settings: z.object({ showTableOfContents: z.boolean().default(true) }),
  stepSettings: z.object({ announcement: translatable({ max: 1000 }) }),
  labels: { showTableOfContents: "pages.settings.showTableOfContents", announcement: "pages.settings.announcement" },
  actions: [],
  actionLabels: {},
  routes: pagesRoutes,
  adminRoutes: pagesAdminRoutes,
  demo: async (deps, input) => (await import("./demo")).seedPagesDemo(deps, input),
  archive: async (db, input) => (await import("./archive")).archivePages(db, input),
  search: { kind: "pages", label: "pages.search.kind", search: async (db, q) => (await import("./search")).searchPages(db, q) },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    pages: Extract<keyof typeof messages.en, string>;
  }
}
