/** What the proposals component's public routes share: their types, the settings, and the proposal a reader may see. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { canPreviewSpace } from "../../core/permissions/access";
import { authorIdsOf, loadProposal, type ProposalDetails } from "./queries";
import type { ProposalResource } from "./rules";
import type { ProposalSettings, ProposalsSettings, ProposalStepSettings } from "./settings";
import { text } from "./view-parts";

export type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
export type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

export const idParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });

export const settingsOf = (c: C): ProposalsSettings => c.settings;
export const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
export const componentName = (req: FastifyRequest, c: C) => text(req.ctx, c.component.name).text;

export const proposalIdOf = (c: C) => Number(c.params.proposalId);

/** What the manifest's rule sees of a proposal loaded for a page. */
export function resourceOf(p: ProposalDetails): ProposalResource {
  return {
    id: p.id,
    authorIds: authorIdsOf(p),
    publishedAt: p.publishedAt,
    withdrawn: p.withdrawnAt !== null,
    hidden: p.hiddenAt !== null,
    answerPublished: p.statePublishedAt !== null,
    stateToken: p.statePublishedAt ? (p.state?.token ?? null) : null,
    official: p.official,
    hasSupports: p.hasSupports,
  };
}

/**
 * The proposal as this reader may see it: public once published (and not hidden), drafts only to their
 * authors, hidden ones to their authors and the space's staff. Anything else is not found.
 */
export async function loadVisible(req: FastifyRequest, c: C): Promise<ProposalDetails> {
  const user = req.ctx.user;
  const p = await loadProposal(c.deps.db, c.component.id, proposalIdOf(c), user?.id ?? null);
  if (!p) throw notFound();
  const isAuthor = Boolean(user && authorIdsOf(p).includes(user.id));
  if ((p.publishedAt && !p.hiddenAt) || isAuthor || (p.publishedAt && canPreviewSpace(c.access))) return p;
  throw notFound();
}

