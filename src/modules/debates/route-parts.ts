/** What the debates component's public routes share: their types, membership, and the debate a reader may see. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { canPreviewSpace } from "../../core/permissions/access";
import { loadDebate, type DebateDetails } from "./queries";
import type { DebateResource } from "./rules";
import type { DebateSettings, DebateStepSettings } from "./settings";
import { text } from "./view-parts";

export type C = ComponentRequest<DebateSettings, DebateStepSettings>;
export type Handler = ComponentRoute<DebateSettings, DebateStepSettings>["handler"];

export const idParams = z.object({ debateId: z.string().regex(/^\d{1,15}$/) });
export const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
export const componentName = (req: FastifyRequest, c: C) => text(req.ctx, c.component.name).text;

/** Whether the reader may enter this discussion area: open to all, or members-only and they are a member or staff. */
export const mayEnter = (c: C): boolean => !c.settings.global.membersOnly || canPreviewSpace(c.access) || c.access.privateMember;

export function resourceOf(d: DebateDetails): DebateResource {
  return { id: d.id, authorIds: d.authorId === null ? [] : [d.authorId], official: d.official, closed: d.closedAt !== null, hidden: d.hiddenAt !== null };
}

/**
 * The debate as this reader may see it: outside a members-only area, nothing (404, as a private space);
 * a hidden one only to its author and the space's staff.
 */
export async function loadVisible(req: FastifyRequest, c: C): Promise<DebateDetails> {
  if (!mayEnter(c)) throw notFound();
  const d = await loadDebate(c.deps.db, c.component.id, Number(c.params.debateId));
  if (!d) throw notFound();
  const user = req.ctx.user;
  if (d.hiddenAt === null || canPreviewSpace(c.access) || (user && d.authorId === user.id)) return d;
  throw notFound();
}
