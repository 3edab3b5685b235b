/**
 * The sortition component: draws by lot of an assembly's members (issue 17) on the sortition engine
 * (src/engines/sortition). The admin uploads a pool and quotas, commits to a public source of
 * randomness, runs the draw in a worker thread (pg-boss job) with progress and cancel, publishes its
 * verifiable record (`/spaces/<slug>/c/<id>/draws/<drawId>` and `.json`, replayed by
 * `pnyx sortition verify <record.json>`), and seats the panel as members "drawn by lot".
 * `pnyx assemblies draw` runs the same draw from the command line.
 */
import { defineComponent } from "../../core/components/define";
import { drawAdminRoutes } from "./admin-routes";
import messages from "./messages";
import { recruitmentAdminRoutes } from "./recruitment-routes";
import { drawRoutes } from "./routes";
import { seatSiteRoutes } from "./seating-routes";
import { sortitionSettings, sortitionStepSettings } from "./settings";

export default defineComponent({
  name: "sortition",
  label: "sortition.component.label",
  description: "sortition.component.description",
  messages,
  settings: sortitionSettings,
  stepSettings: sortitionStepSettings,
  labels: { rotationMonths: "sortition.settings.rotationMonths", poolRetentionMonths: "sortition.settings.poolRetentionMonths" },
  actions: [],
  actionLabels: {},
  routes: drawRoutes,
  adminRoutes: [...recruitmentAdminRoutes, ...drawAdminRoutes],
  siteRoutes: seatSiteRoutes,
  demo: async (deps, input) => (await import("./demo")).seedSortitionDemo(deps, input),
  participation: async (db, ids) => (await import("./draw-service")).publishedDrawsIn(db, ids),
  jobs: [
    // Letters of invitation printed in the background (letters-job.ts); the sweep takes batches left queued.
    { name: "sortition.letters", run: async (deps, data) => void (await (await import("./letters-job")).printLetters(deps, typeof data.recruitmentId === "number" ? data.recruitmentId : undefined)) },
    { name: "sortition.letters.sweep", everySeconds: 120, run: async (deps) => void (await (await import("./letters-job")).printLetters(deps)) },
    // Personal data past its retention period, deleted once a day (retention.ts).
    { name: "sortition.retention", cron: "17 3 * * *", run: async (deps) => void (await (await import("./retention")).applyRetention(deps.db)) },
    { name: "sortition.draw", run: async (deps, data) => void (typeof data.drawId === "number" ? await (await import("./draw-run")).runDraw(deps.db, data.drawId) : null) },
    // Seats whose deadline passed without an answer: expired and replaced (seats-service.ts).
    {
      name: "sortition.seats.expire",
      everySeconds: 300,
      run: async (deps) => {
        const { expireSeats, seatDeps } = await import("./seats-service");
        await expireSeats(seatDeps(deps));
      },
    },
    {
      name: "sortition.draw.sweep",
      everySeconds: 30,
      run: async (deps) => {
        const { runDraw, sweepDraws } = await import("./draw-run");
        const id = await sweepDraws(deps.db);
        if (id !== null) await runDraw(deps.db, id);
      },
    },
  ],
  commands: { assemblies: { summary: "citizens' assemblies: pnyx assemblies draw --space <slug> --people <pool.csv> --categories <categories.csv> --k <n> [--algorithm leximin|legacy] [--seed <string>] --json", run: async (a) => (await import("./cli")).run(a) } },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    sortition: Extract<keyof typeof messages.en, string>;
  }
}
