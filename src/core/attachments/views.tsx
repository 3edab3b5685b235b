/** Attachments on a resource's page (images shown with their title as alt text, documents as links) and the fields of a form. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { TextField } from "../../web/ui/forms";
import { formatSize, type AttachmentRules } from "./files";
import { FIELDS, type Attachment } from "./service";

export function AttachmentList({ ctx, items }: { ctx: RequestContext; items: Attachment[] }) {
  const { t } = ctx;
  if (items.length === 0) return null;
  const images = items.filter((a) => a.type === "image");
  const documents = items.filter((a) => a.type === "pdf");
  return (
    <section class="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("attachments.title")}</h2>
      {images.length > 0 && (
        <ul class="attachment-images">
          {images.map((a) => (
            <li>
              <a href={a.url}>
                <img src={a.url} alt={a.title} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul class="attachment-documents">
          {documents.map((a) => (
            <li>
              <a href={a.url} download>
                {a.title}
              </a>{" "}
              ({t("attachments.document", { size: formatSize(a.sizeBytes, ctx.locale) })})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface AttachmentFieldsProps {
  ctx: RequestContext;
  rules: AttachmentRules;
  /** Files the resource may hold (the kind's maximum, or the component's lower setting). */
  limit: number;
  existing: Attachment[];
  /** The title typed, kept when the form comes back with errors. */
  title?: string | undefined;
  /** Ids ticked for removal, kept likewise. */
  removing?: number[] | undefined;
  errors?: FieldErrors | undefined;
}

/** The form's attachments: remove those held, add one file with its title. The form must be multipart. */
export function AttachmentFields({ ctx, rules, limit, existing, title, removing, errors }: AttachmentFieldsProps) {
  const { t } = ctx;
  const fileError = errors?.[FIELDS.file];
  const id = `field-${FIELDS.file}`;
  const hintKey = rules.types.includes("pdf") ? "attachments.field.hint" : "attachments.field.hintImages";
  const accept = [...(rules.types.includes("image") ? ["image/png", "image/jpeg", "image/gif", "image/webp"] : []), ...(rules.types.includes("pdf") ? ["application/pdf"] : [])].join(",");
  return (
    <fieldset class="field-group attachment-fields">
      <legend>{t("attachments.field.legend")}</legend>
      {existing.map((a) => (
        <div class="field field-checkbox">
          <input type="checkbox" id={`${FIELDS.remove}-${a.id}`} name={FIELDS.remove} value={String(a.id)} checked={removing?.includes(a.id)} />
          <label for={`${FIELDS.remove}-${a.id}`}>{t("attachments.field.remove", { title: a.title })}</label>
        </div>
      ))}
      {existing.length >= limit ? (
        <p class="hint">{t("attachments.field.full", { max: limit })}</p>
      ) : (
        <>
          <div class={`field${fileError ? " field-error" : ""}`}>
            <label for={id}>{t("attachments.field.file")}</label>
            <p id={`${id}-hint`} class="hint">
              {t(hintKey, { maxMb: Math.floor(rules.maxBytes / (1024 * 1024)), max: limit })}
            </p>
            {fileError && (
              <p id={`${id}-error`} class="error-message">
                {t(fileError.key, fileError.values)}
              </p>
            )}
            <input id={id} type="file" name={FIELDS.file} accept={accept} aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={fileError ? "true" : undefined} />
          </div>
          <TextField ctx={ctx} name={FIELDS.title} label={t("attachments.field.title")} hint={t("attachments.field.titleHint")} value={title} errors={errors} />
        </>
      )}
    </fieldset>
  );
}
