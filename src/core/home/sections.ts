/**
 * What the home page shows below the organization's introduction. Areas (spaces, petitions...) add a
 * section here; each loads its own data with a bounded number of queries.
 */
import type { VNode } from "preact";
import type { RequestContext } from "../http/context";
import type { AppDeps } from "../http/deps";
import { petitionsHomeSection } from "../../modules/petitions/home-section";
import { spacesHomeSection } from "../spaces/home-section";

export interface HomeSection {
  load: (deps: AppDeps, ctx: RequestContext) => Promise<VNode | null>;
}

export const homeSections: HomeSection[] = [];
homeSections.push(spacesHomeSection);
homeSections.push(petitionsHomeSection);
