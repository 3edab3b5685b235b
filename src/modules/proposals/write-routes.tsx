/**
 * The participant's writing routes of the proposals component: the form and its draft, editing within
 * the window, publishing, discarding, withdrawing, supporting. Each is a plain form post answered with
 * a 303 and a flash, or the form again with its errors.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendComponentPage } from "../../core/components/page";
import { parseForm } from "../../core/http/forms";
import { notFound, type FieldErrors } from "../../core/http/result";
import { authorize } from "../../core/permissions/authorize";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { redirectWithFlash } from "../../web/render";
import { proposalInput } from "./inputs";
import { listPlacements, type ProposalDetails } from "./queries";
import { loadVisible, place, resourceOf, settingsOf, type C, type Handler } from "./route-parts";
import type { ProposalsSettings } from "./settings";
import { support, unsupport } from "./supports";
import { ProposalFormPage, type FormValues } from "./views";
import { createDraft, discardDraft, findDraftId, publishDraft, updateProposal, withdrawProposal } from "./workflow";

/** The body as the author starts it: the component's template in the reader's language. */
function templateFor(req: FastifyRequest, settings: ProposalsSettings): string {
  return settings.global.bodyTemplate[req.ctx.locale] ?? "";
}

async function sendForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { heading: string; action: string; values: FormValues; errors?: FieldErrors; status?: number }) {
  const placements = await listPlacements(c.deps.db, c.space.id);
  return sendComponentPage(req, reply, c, {
    title: opts.heading,
    status: opts.status ?? 200,
    body: <ProposalFormPage ctx={req.ctx} heading={opts.heading} action={opts.action} values={opts.values} errors={opts.errors} settings={settingsOf(c)} categories={placements.categories} scopes={placements.scopes} />,
  });
}

const asValues = (body: unknown): FormValues => {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
  return { title: s("title"), body: s("body"), language: s("language"), categoryId: s("categoryId"), scopeId: s("scopeId") };
};

export const newForm: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  const draft = user ? await findDraftId(c.deps.db, c.component.id, user.id) : null;
  if (draft !== null) return redirectWithFlash(reply, `${c.base}/${draft}`, "info", req.ctx.t("proposals.errors.draftExists"));
  return sendForm(req, reply, c, { heading: req.ctx.t("proposals.new.title"), action: `${c.base}/new`, values: { body: templateFor(req, settingsOf(c)) } });
};

export const create: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  const heading = req.ctx.t("proposals.new.title");
  const parsed = parseForm(proposalInput(settingsOf(c).global), req.body);
  const result = parsed.ok ? await createDraft(c.deps.db, user.id, place(c), parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading, action: `${c.base}/new`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${result.value.id}`, "success", req.ctx.t("proposals.draft.saved"));
};

/** The proposal, if the reader may edit it (authorize answers sign-in, verify or 403 itself). */
async function editable(req: FastifyRequest, reply: FastifyReply, c: C): Promise<ProposalDetails | null> {
  const p = await loadVisible(req, c);
  return (await authorize(req, reply, c, "edit", resourceOf(p))) ? p : null;
}

export const editForm: Handler = async (req, reply, c) => {
  const p = await editable(req, reply, c);
  if (!p) return reply;
  const values: FormValues = { title: p.title[p.language], body: p.body[p.language], language: p.language, categoryId: p.categoryId ? String(p.categoryId) : "", scopeId: p.scopeId ? String(p.scopeId) : "" };
  return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values });
};

export const update: Handler = async (req, reply, c) => {
  const p = await editable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const settings = settingsOf(c);
  const parsed = parseForm(proposalInput(settings.global), req.body);
  const result = parsed.ok ? await updateProposal(c.deps.db, user.id, place(c), p.id, parsed.value, settings.global.editWindowMinutes) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t(p.publishedAt ? "proposals.edit.saved" : "proposals.draft.saved"));
};

/** The author's own draft, or not found. */
async function ownDraft(req: FastifyRequest, c: C): Promise<ProposalDetails> {
  const p = await loadVisible(req, c);
  if (p.publishedAt || !req.ctx.user || p.authorId !== req.ctx.user.id) throw notFound();
  return p;
}

export const publish: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  // Creation may have closed since the draft was written.
  if (!(await authorize(req, reply, c, "create"))) return reply;
  const result = await publishDraft(c.deps.db, p.authorId ?? 0, place(c), p.id, settingsOf(c).global.proposalLimit);
  if (!result.ok) {
    const error = Object.values(result.errors)[0];
    return redirectWithFlash(reply, `${c.base}/${p.id}`, "error", error ? req.ctx.t(error.key, error.values) : "");
  }
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t("proposals.draft.published"));
};

export const discardConfirm: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  const { t } = req.ctx;
  return sendComponentPage(req, reply, c, {
    title: t("proposals.draft.discardTitle"),
    body: (
      <ConfirmPage ctx={req.ctx} heading={t("proposals.draft.discardTitle")} action={`${c.base}/${p.id}/discard`} confirmLabel={t("proposals.draft.discard")} cancelHref={`${c.base}/${p.id}`}>
        <p>{t("proposals.draft.discardIntro")}</p>
      </ConfirmPage>
    ),
  });
};

export const discard: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  await discardDraft(c.deps.db, p.authorId ?? 0, place(c), p.id);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("proposals.draft.discarded"));
};

async function withdrawable(req: FastifyRequest, reply: FastifyReply, c: C): Promise<ProposalDetails | null> {
  const p = await loadVisible(req, c);
  return (await authorize(req, reply, c, "withdraw", resourceOf(p))) ? p : null;
}

export const withdrawConfirm: Handler = async (req, reply, c) => {
  const p = await withdrawable(req, reply, c);
  if (!p) return reply;
  const { t } = req.ctx;
  return sendComponentPage(req, reply, c, {
    title: t("proposals.withdraw.title"),
    body: (
      <ConfirmPage ctx={req.ctx} heading={t("proposals.withdraw.title")} action={`${c.base}/${p.id}/withdraw`} confirmLabel={t("proposals.show.withdraw")} cancelHref={`${c.base}/${p.id}`}>
        <p>{t("proposals.withdraw.intro")}</p>
      </ConfirmPage>
    ),
  });
};

export const withdraw: Handler = async (req, reply, c) => {
  const p = await withdrawable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const result = await withdrawProposal(c.deps.db, user.id, place(c), p.id);
  if (!result.ok) return redirectWithFlash(reply, `${c.base}/${p.id}`, "error", req.ctx.t("proposals.errors.notWithdrawable"));
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t("proposals.withdraw.done"));
};

export function supportRoute(kind: "support" | "unsupport"): Handler {
  return async (req, reply, c) => {
    const p = await loadVisible(req, c);
    if (!(await authorize(req, reply, c, "support", kind === "support" ? resourceOf(p) : undefined))) return reply;
    const user = req.ctx.user;
    if (!user) return reply;
    const { t } = req.ctx;
    const rules = settingsOf(c).global;
    const result = kind === "support" ? await support(c.deps.db, user.id, place(c), p.id, rules) : await unsupport(c.deps.db, user.id, place(c), p.id, rules);
    const back = `${c.base}/${p.id}`;
    if (!result.ok) {
      const error = Object.values(result.errors)[0];
      return redirectWithFlash(reply, back, "error", error ? t(error.key, error.values) : "");
    }
    const { provisional, missing } = result.value;
    if (kind === "unsupport") return redirectWithFlash(reply, back, "success", provisional ? t("proposals.support.withdrawnNowProvisional", { missing }) : t("proposals.support.withdrawn"));
    return redirectWithFlash(reply, back, "success", provisional ? t("proposals.support.givenProvisional", { missing }) : t("proposals.support.givenDone"));
  };
}

