/** The home page's section of spaces: promoted ones first, then the latest published, two queries. */
import type { HomeSection } from "../components/define";
import { listVisibleSpaces } from "./queries";
import { SpaceCard } from "./view-parts";

const LIMIT = 6;

export const spacesHomeSection: HomeSection = {
  load: async (deps, ctx) => {
    const [processes, assemblies] = await Promise.all([listVisibleSpaces(deps.db, "process", ctx.user, { limit: LIMIT }), listVisibleSpaces(deps.db, "assembly", ctx.user, { limit: LIMIT })]);
    if (processes.length === 0 && assemblies.length === 0) return null;
    return (
      <section class="home-spaces" aria-labelledby="home-spaces-title">
        <h2 id="home-spaces-title">{ctx.t("spaces.home.title")}</h2>
        {processes.length > 0 && (
          <>
            <h3>
              <a href="/processes">{ctx.t("common.processes")}</a>
            </h3>
            <ul class="cards">
              {processes.map((p) => (
                <SpaceCard ctx={ctx} space={p} activeStepTitle={p.activeStepTitle} activeStepEndDate={p.activeStepEndDate} headingLevel={4} />
              ))}
            </ul>
          </>
        )}
        {assemblies.length > 0 && (
          <>
            <h3>
              <a href="/assemblies">{ctx.t("common.assemblies")}</a>
            </h3>
            <ul class="cards">
              {assemblies.map((a) => (
                <SpaceCard ctx={ctx} space={a} headingLevel={4} />
              ))}
            </ul>
          </>
        )}
      </section>
    );
  },
};
