/**
 * The composition root: every component this installation offers. Adding a component is its folder plus
 * one line here (and its generated migration). The app assembly, the `pnyx` command and the tests import
 * this module; nothing under src/core, src/web or src/db imports a component.
 */
import { registerComponent } from "../core/components/registry";
import debates from "./debates/manifest";
import pages from "./pages/manifest";
import petitions from "./petitions/manifest";
import proposals from "./proposals/manifest";
import budgets from "./budgets/manifest";
import conversations from "./conversations/manifest";
import results from "./results/manifest";
import texts from "./texts/manifest";
import sortition from "./sortition/manifest";
import meetings from "./meetings/manifest";

export const installedComponents = [pages, petitions, proposals, debates, results, budgets, conversations, texts, sortition, meetings] as const;

for (const manifest of installedComponents) registerComponent(manifest);
