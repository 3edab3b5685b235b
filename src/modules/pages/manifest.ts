/** The pages component: translatable documentation pages with a table of contents. */
import { z } from "zod";
import { defineComponent } from "../../core/components/define";
import { translatable } from "../../core/components/form-values";
import { pagesAdminRoutes } from "./admin-routes";
import { pagesRoutes } from "./routes";

export default defineComponent({
  name: "pages",
  label: "pages.name",
  description: "pages.description",
  settings: z.object({ showTableOfContents: z.boolean().default(true) }),
  stepSettings: z.object({ announcement: translatable({ max: 1000 }) }),
  labels: { showTableOfContents: "pages.settings.showTableOfContents", announcement: "pages.settings.announcement" },
  actions: [],
  actionLabels: {},
  routes: pagesRoutes,
  adminRoutes: pagesAdminRoutes,
  search: { kind: "pages", label: "search.kind.pages", search: async (db, q) => (await import("./search")).searchPages(db, q) },
});
