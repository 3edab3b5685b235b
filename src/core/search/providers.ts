/**
 * The core's search providers, in the order the results page shows them; components declare theirs
 * in their manifest (`search`), and come after.
 */
import { assemblySearch, processSearch } from "../spaces/search";
import { registerSearchProvider } from "./registry";

registerSearchProvider(processSearch);
registerSearchProvider(assemblySearch);
