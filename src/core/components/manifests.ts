/**
 * Every component this installation offers. A component adds one line here; importing this module
 * registers them all (the app, the seeds and the tests import it).
 */
import pages from "../../modules/pages/manifest";
import petitions from "../../modules/petitions/manifest";
import { registerComponent } from "./registry";

registerComponent(pages);
registerComponent(petitions);
