/**
 * Every search provider of this installation, in the order the results page shows them. An area
 * adds one line here (like components in manifests.ts).
 */
import { pageSearch } from "../../modules/pages/search";
import { petitionSearch } from "../../modules/petitions/search";
import { assemblySearch, processSearch } from "../spaces/search";
import { registerSearchProvider } from "./registry";

registerSearchProvider(processSearch);
registerSearchProvider(assemblySearch);
registerSearchProvider(petitionSearch);
registerSearchProvider(pageSearch);
