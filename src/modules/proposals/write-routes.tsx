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
import { readUpload, type Attachment, type Upload } from "../../core/attachments/service";
import { AttachmentFields } from "../../core/attachments/views";
import { applyUpload, ATTACHMENT_RULES, attachmentLimit, proposalAttachments, uploadErrors } from "./attachments";
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

async function sendForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { heading: string; action: string; values: FormValues; errors?: FieldErrors; status?: number; existing?: Attachment[]; upload?: Upload }) {
  const placements = await listPlacements(c.deps.db, c.space.id);
  const limit = attachmentLimit(settingsOf(c).global);
  const files = limit > 0 && <AttachmentFields ctx={req.ctx} rules={ATTACHMENT_RULES} limit={limit} existing={opts.existing ?? []} title={opts.upload?.title} removing={opts.upload?.remove} errors={opts.errors} />;
  return sendComponentPage(req, reply, c, {
    title: opts.heading,
    status: opts.status ?? 200,
    body: <ProposalFormPage ctx={req.ctx} heading={opts.heading} action={opts.action} values={opts.values} errors={opts.errors} settings={settingsOf(c)} categories={placements.categories} scopes={placements.scopes} attachments={files || undefined} />,
  });
}

/** The form's errors with its upload's (a good file must be chosen again when the rest failed). */
function formErrors(parsed: { ok: boolean; errors?: FieldErrors }, upload: Upload, existing: Attachment[], c: C): FieldErrors | null {
  const own = parsed.ok ? {} : (parsed.errors ?? {});
  const files = uploadErrors(upload, existing, settingsOf(c).global, !parsed.ok);
  return files || !parsed.ok ? { ...own, ...files } : null;
}

/** The proposal saved: its attachment changes, then back to it (a late refusal of the file is a flash there). */
async function afterSave(req: FastifyRequest, reply: FastifyReply, c: C, id: number, upload: Upload, message: string) {
  const saved = await applyUpload(c.deps.db, req.ctx.user?.id ?? null, place(c), id, upload, settingsOf(c).global);
  if (!saved.ok) {
    const error = Object.values(saved.errors)[0];
    return redirectWithFlash(reply, `${c.base}/${id}/edit`, "error", error ? req.ctx.t(error.key, error.values) : "");
  }
  return redirectWithFlash(reply, `${c.base}/${id}`, "success", message);
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
  const upload = readUpload(req.body);
  const parsed = parseForm(proposalInput(settingsOf(c).global), req.body);
  const errors = formErrors(parsed, upload, [], c);
  const result = parsed.ok && !errors ? await createDraft(c.deps.db, user.id, place(c), parsed.value) : null;
  if (!result?.ok) {
    const all = result && !result.ok ? { ...result.errors, ...uploadErrors(upload, [], settingsOf(c).global, true) } : (errors ?? {});
    return sendForm(req, reply, c, { heading, action: `${c.base}/new`, values: asValues(req.body), errors: all, status: 422, upload });
  }
  return afterSave(req, reply, c, result.value.id, upload, req.ctx.t("proposals.draft.saved"));
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
  const existing = await proposalAttachments(c.deps.db, p.id);
  return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values, existing });
};

export const update: Handler = async (req, reply, c) => {
  const p = await editable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const settings = settingsOf(c);
  const upload = readUpload(req.body);
  const existing = await proposalAttachments(c.deps.db, p.id);
  const parsed = parseForm(proposalInput(settings.global), req.body);
  const errors = formErrors(parsed, upload, existing, c);
  const result = parsed.ok && !errors ? await updateProposal(c.deps.db, user.id, place(c), p.id, parsed.value, settings.global.editWindowMinutes) : null;
  if (!result?.ok) {
    const all = result && !result.ok ? { ...result.errors, ...uploadErrors(upload, existing, settings.global, true) } : (errors ?? {});
    return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values: asValues(req.body), errors: all, status: 422, existing, upload });
  }
  return afterSave(req, reply, c, p.id, upload, req.ctx.t(p.publishedAt ? "proposals.edit.saved" : "proposals.draft.saved"));
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

