/** The home page's petitions section: the most signed open petitions and a link to all (two queries, no total). */
import type { HomeSection } from "../../core/components/define";
import { browsePetitions } from "./queries";
import { PetitionCard } from "./view-parts";

export const petitionsHomeSection: HomeSection = {
  load: async (deps, ctx) => {
    const { items } = await browsePetitions(deps.db, { state: "published", sort: "most_signed" }, { total: "none" });
    if (items.length === 0) return null;
    return (
      <section class="home-petitions" aria-labelledby="home-petitions-title">
        <h2 id="home-petitions-title">
          <a href="/petitions">{ctx.t("petitions.index.title")}</a>
        </h2>
        <ul class="petition-list">
          {items.slice(0, 3).map((p) => (
            <PetitionCard ctx={ctx} p={p} brief />
          ))}
        </ul>
        <p>
          <a href="/petitions/new">{ctx.t("petitions.index.new")}</a>
        </p>
      </section>
    );
  },
};
