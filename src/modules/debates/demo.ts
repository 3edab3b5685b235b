/**
 * The debates demo: each school budget gets a "Committee discussions" component (the ideas step takes
 * participants' debates too) with the committee's debates, comments for and against in several
 * languages, and in the students' budget one debate closed with its conclusion. Written through the
 * services, so the audit log and events are as real use leaves them.
 */
import { seedDiscussion } from "../../core/comments/demo";
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent, updateComponentSettings } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import { listSteps } from "../../core/spaces/queries";
import { announcement, componentName, DEBATES, PARTICIPANTS } from "./demo-content";
import { closeDebate, createOfficialDebate } from "./service";

export async function seedDebatesDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const { db } = deps;
  const manifest = getComponentManifest("debates");
  if (!manifest) throw new Error("debates demo: the component is not registered");
  const actor = { id: adminId, ip: null };
  for (const key of ["budgetStudents", "budgetParents", "budgetFaculty"] as const) {
    const space = spaces[key];
    if (!space) continue;
    const added = await addComponent(db, actor, space.id, manifest, componentName, { published: true });
    const steps = await listSteps(db, space.id);
    // Steps: ideas (active: participants may open debates), review, vote (read-only).
    const byPosition = [{ announcement, creationEnabled: true }, { announcement }, { announcement, commentsBlocked: true }];
    const stepValue = (s: Record<string, unknown> | undefined) => manifest.stepSettings.parse(s ?? {}) as Record<string, unknown>;
    await updateComponentSettings(db, actor, space.id, added.id, componentName, {
      global: manifest.settings.parse({}) as Record<string, unknown>,
      defaultStep: stepValue(byPosition[0]),
      steps: Object.fromEntries(steps.map((s, i) => [String(s.id), stepValue(byPosition[i])])),
    });
    const place = { componentId: added.id, spaceId: space.id };
    for (const d of DEBATES[key]) {
      const created = await createOfficialDebate(db, actor, place, { title: d.title, description: d.description, instructions: d.instructions ?? {}, startAt: undefined, endAt: undefined });
      if (!created.ok) throw new Error(`debates demo: ${JSON.stringify(created.errors)}`);
      await seedDiscussion(db, { type: "debate", id: created.value.id }, place, PARTICIPANTS, d.comments);
      if (d.conclusion) await closeDebate(db, actor, place, created.value.id, d.conclusion, "admin");
    }
  }
}
