/**
 * The pages component's demo content: a documentation component in each demo space, and the
 * consultation's current step pointing to its findings.
 */
import type { DemoSpaces } from "../../core/components/define";
import { addComponent } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import { listSteps } from "../../core/spaces/queries";
import { updateStep } from "../../core/spaces/steps-service";
import { componentPath, type SpaceRecord } from "../../core/spaces/types";
import { assemblyDocs, budgetDocs, consultationDocs, docsName, petitionDocs, type DemoPage } from "./demo-content";
import manifest from "./manifest";
import { createPage } from "./service";

async function docs(deps: AppDeps, adminId: number, space: SpaceRecord, pages: DemoPage[]): Promise<number> {
  const actor = { id: adminId, ip: null };
  const component = await addComponent(deps.db, actor, space.id, manifest, docsName, { published: true });
  for (const [weight, page] of pages.entries()) await createPage(deps.db, actor, space.id, component.id, { title: page.title, body: page.body, weight });
  return component.id;
}

export async function seedPagesDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const at = (key: string): SpaceRecord => {
    const space = spaces[key];
    if (!space) throw new Error(`pages demo: no demo space ${key}`);
    return space;
  };
  await docs(deps, adminId, at("petitions"), petitionDocs);
  await docs(deps, adminId, at("assembly"), assemblyDocs);
  const consultation = at("consultation");
  const findings = await docs(deps, adminId, consultation, consultationDocs);
  const active = (await listSteps(deps.db, consultation.id)).find((s) => s.active);
  if (active) {
    await updateStep(deps.db, { id: adminId, ip: null }, consultation.id, active.id, {
      title: active.title,
      description: active.description,
      startDate: active.startDate ?? undefined,
      endDate: active.endDate ?? undefined,
      ctaText: { fr: "Lire les constats", nl: "De vaststellingen lezen", en: "Read the findings", de: "Die Feststellungen lesen" },
      ctaPath: componentPath(consultation, findings),
    });
  }
  const who = {
    budgetStudents: { fr: "élèves", nl: "leerlingen", en: "students", de: "Schülerinnen und Schüler" },
    budgetParents: { fr: "parents", nl: "ouders", en: "parents", de: "Eltern" },
    budgetFaculty: { fr: "enseignants", nl: "leerkrachten", en: "teachers", de: "Lehrkräfte" },
  };
  for (const [key, audience] of Object.entries(who)) await docs(deps, adminId, at(key), budgetDocs(audience));
}
