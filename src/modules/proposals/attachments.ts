/**
 * Proposals' attachments, on the core's service (src/core/attachments): the kind's rules, the
 * component's limit, and saving a form's upload and removals once the proposal itself is saved.
 */
import type { AttachmentRules } from "../../core/attachments/files";
import { checkUpload, FIELDS, listAttachments, saveAttachments, type Attachment, type Upload } from "../../core/attachments/service";
import type { FieldErrors, Result } from "../../core/http/result";
import type { Db } from "../../db/client";
import { proposalResourceKind } from "./kit";
import type { ProposalSettings } from "./settings";
import type { Place } from "./workflow";

export const ATTACHMENT_RULES: AttachmentRules = proposalResourceKind.attachments ?? { types: ["image", "pdf"], maxBytes: 5 * 1024 * 1024, max: 10 };

/** How many files one proposal of this component may hold. */
export const attachmentLimit = (settings: Pick<ProposalSettings, "attachmentsMax">) => Math.min(settings.attachmentsMax, ATTACHMENT_RULES.max);

export const proposalAttachments = (db: Db, id: number): Promise<Attachment[]> => listAttachments(db, { type: "proposal", id });

/**
 * The upload's errors before anything is saved (type, size, title, room left once the ticked files are
 * removed). `otherErrors`: the rest of the form failed, so a good file must be chosen again.
 */
export function uploadErrors(upload: Upload, existing: Attachment[], settings: Pick<ProposalSettings, "attachmentsMax">, otherErrors: boolean): FieldErrors | null {
  const limit = attachmentLimit(settings);
  if (limit === 0) return null;
  const held = existing.filter((a) => !upload.remove.includes(a.id)).length;
  const errors = checkUpload(upload, ATTACHMENT_RULES, held, limit);
  if (errors) return errors;
  return otherErrors && upload.file ? { [FIELDS.file]: { key: "attachments.validation.chooseAgain" } } : null;
}

/** Saves the form's attachment changes on the proposal (no-op when the component takes none). */
export async function applyUpload(db: Db, userId: number | null, place: Place, proposalId: number, upload: Upload, settings: Pick<ProposalSettings, "attachmentsMax">): Promise<Result<unknown>> {
  const limit = attachmentLimit(settings);
  if (limit === 0 || (!upload.file && upload.remove.length === 0)) return { ok: true, value: null };
  return db.transaction((tx) => saveAttachments(tx, { ref: { type: "proposal", id: proposalId }, componentId: place.componentId, userId }, upload, ATTACHMENT_RULES, limit));
}
