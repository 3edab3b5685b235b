/**
 * The components measured by `npm run bench:pages`, in order: seeds run in this order (the core's
 * users and spaces first), pages are measured and printed in this order. A component adds its file
 * (a BenchComponent: its SQL seed and its pages) and one line here.
 */
import { core } from "./core";
import type { BenchComponent } from "./lib";
import { petitions } from "./petitions";
import { proposals } from "./proposals";

export const benchComponents: BenchComponent[] = [core, petitions, proposals];
