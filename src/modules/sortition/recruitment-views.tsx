/** Back-office views of recruitment: the list, the settings form, a recruitment's page (register, invitations, letters, retention). */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { MessageKey } from "../../core/i18n/catalogues";
import { localize } from "../../core/i18n/translator";
import { ActionButton } from "../../core/spaces/admin-parts";
import { Checkbox, Form, Submit, TextArea, TextField } from "../../web/ui/forms";
import { PLACEHOLDERS } from "./letters";
import type { BatchSummary } from "./letters-job";
import type { RecruitmentValues } from "./recruitment-inputs";
import { recruitmentRetentionEnd } from "./retention";
import type { RecruitmentStatus, sortitionRecruitments } from "./schema";

type Recruitment = typeof sortitionRecruitments.$inferSelect;

export const RECRUITMENT_STATUS_LABEL: Record<RecruitmentStatus, MessageKey> = {
  draft: "sortition.recruitment.status.draft",
  inviting: "sortition.recruitment.status.inviting",
  open: "sortition.recruitment.status.open",
  closed: "sortition.recruitment.status.closed",
};

const BATCH_STATUS_LABEL: Record<BatchSummary["status"], MessageKey> = {
  queued: "sortition.letters.status.queued",
  printing: "sortition.letters.status.printing",
  done: "sortition.letters.status.done",
  failed: "sortition.letters.status.failed",
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const titleOf = (ctx: RequestContext, r: Recruitment) => localize(r.title, ctx.locale, ctx.org.defaultLocale).text;

export function RecruitmentList({ ctx, base, recruitments }: { ctx: RequestContext; base: string; recruitments: Recruitment[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="recruitments-title">
      <p>
        <a href={base}>{t("sortition.admin.back")}</a>
      </p>
      <h1 id="recruitments-title">{t("sortition.recruitment.title")}</h1>
      <p>{t("sortition.recruitment.intro")}</p>
      <p>
        <a class="button" href={`${base}/recruitments/new`}>
          {t("sortition.recruitment.new")}
        </a>
      </p>
      {recruitments.length === 0 ? (
        <p>{t("sortition.recruitment.none")}</p>
      ) : (
        <table>
          <caption>{t("sortition.recruitment.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sortition.recruitment.col.title")}</th>
              <th scope="col">{t("sortition.admin.col.status")}</th>
              <th scope="col">{t("sortition.recruitment.col.register")}</th>
              <th scope="col">{t("sortition.recruitment.col.invitations")}</th>
            </tr>
          </thead>
          <tbody>
            {recruitments.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/recruitments/${r.id}`}>{titleOf(ctx, r)}</a>
                </th>
                <td>{t(RECRUITMENT_STATUS_LABEL[r.status])}</td>
                <td>{r.registerSize}</td>
                <td>{r.invitationCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RecruitmentForm({ ctx, back, action, values, errors, frozen }: { ctx: RequestContext; back: string; action: string; values: RecruitmentValues; errors?: FieldErrors | undefined; frozen?: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="recruitment-form-title">
      <p>
        <a href={back}>{t("sortition.recruitment.back")}</a>
      </p>
      <h1 id="recruitment-form-title">{t(frozen === undefined ? "sortition.recruitment.new" : "sortition.recruitment.edit")}</h1>
      {frozen && <p class="hint">{t("sortition.recruitment.frozen")}</p>}
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("sortition.recruitment.field.title")} value={values.title} errors={errors} required />
        <TextArea ctx={ctx} name="strata" label={t("sortition.recruitment.field.strata")} hint={t("sortition.recruitment.field.strataHint")} value={values.strata} errors={errors} rows={10} />
        <Checkbox ctx={ctx} name="volunteersOpen" label={t("sortition.recruitment.field.volunteers")} hint={t("sortition.recruitment.field.volunteersHint")} checked={values.volunteersOpen ?? false} errors={errors} />
        <TranslatableField ctx={ctx} name="consentText" label={t("sortition.recruitment.field.consent")} hint={t("sortition.recruitment.field.consentHint")} value={values.consentText} errors={errors} multiline rows={3} />
        <TranslatableField ctx={ctx} name="letterTemplate" label={t("sortition.recruitment.field.letter")} hint={t("sortition.recruitment.field.letterHint", { placeholders: PLACEHOLDERS.map((x) => `{{${x}}}`).join(", ") })} value={values.letterTemplate} errors={errors} multiline rows={14} required />
        <TextField ctx={ctx} name="registrationDeadline" type="date" label={t("sortition.recruitment.field.deadline")} value={values.registrationDeadline} errors={errors} />
        <TextField ctx={ctx} name="retentionDays" label={t("sortition.recruitment.field.retention")} hint={t("sortition.recruitment.field.retentionHint")} value={values.retentionDays} inputmode="numeric" errors={errors} required />
        <Submit>{t("sortition.recruitment.save")}</Submit>
      </Form>
    </section>
  );
}

export interface RegisterFormValues {
  count?: string;
  nameColumns?: string;
  addressColumns?: string;
  languageColumn?: string;
}

export interface RecruitmentPageProps {
  ctx: RequestContext;
  base: string;
  r: Recruitment;
  batches: BatchSummary[];
  counts: { total: number; invited: number; usedCodes: number };
  registerValues?: RegisterFormValues;
  inviteValues?: { count?: string; seed?: string };
  errors?: FieldErrors | undefined;
}

function RegisterSection({ ctx, here, r, values, errors }: { ctx: RequestContext; here: string; r: Recruitment; values: RegisterFormValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const m = r.registerMapping;
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t("sortition.recruitment.register.title")}</h2>
      {r.registerSize > 0 ? (
        <>
          <p>{t(r.registerColumns.length > 0 ? "sortition.recruitment.register.size" : "sortition.recruitment.register.countOnly", { size: r.registerSize })}</p>
          {r.registerColumns.length > 0 && (
            <dl>
              <dt>{t("sortition.recruitment.register.columns")}</dt>
              <dd>{r.registerColumns.join(", ")}</dd>
              <dt>{t("sortition.recruitment.field.nameColumns")}</dt>
              <dd>{m.name.join(", ") || "—"}</dd>
              <dt>{t("sortition.recruitment.field.addressColumns")}</dt>
              <dd>{m.address.join(", ") || "—"}</dd>
              <dt>{t("sortition.recruitment.field.languageColumn")}</dt>
              <dd>{m.language ?? "—"}</dd>
            </dl>
          )}
        </>
      ) : (
        <p>{t("sortition.recruitment.register.none")}</p>
      )}
      {!r.invitedAt && !r.personalDataDeletedAt && (
        <Form ctx={ctx} action={`${here}/register`} errors={errors} enctype="multipart/form-data">
          <p class="hint">{t("sortition.recruitment.register.hint")}</p>
          <div class="field">
            <label for="field-registerFile">{t("sortition.recruitment.field.registerFile")}</label>
            <input id="field-registerFile" name="registerFile" type="file" accept=".csv,text/csv,text/plain" aria-describedby={errors?.registerFile ? "field-registerFile-error" : undefined} />
            {errors?.registerFile && (
              <p id="field-registerFile-error" class="error-message">
                {t(errors.registerFile.key, errors.registerFile.values)}
              </p>
            )}
          </div>
          <TextField ctx={ctx} name="nameColumns" label={t("sortition.recruitment.field.nameColumns")} hint={t("sortition.recruitment.field.nameColumnsHint")} value={values.nameColumns} errors={errors} />
          <TextField ctx={ctx} name="addressColumns" label={t("sortition.recruitment.field.addressColumns")} hint={t("sortition.recruitment.field.addressColumnsHint")} value={values.addressColumns} errors={errors} />
          <TextField ctx={ctx} name="languageColumn" label={t("sortition.recruitment.field.languageColumn")} hint={t("sortition.recruitment.field.languageColumnHint")} value={values.languageColumn} errors={errors} />
          <TextField ctx={ctx} name="count" label={t("sortition.recruitment.field.count")} hint={t("sortition.recruitment.field.countHint")} value={values.count} inputmode="numeric" errors={errors} />
          <Submit>{t("sortition.recruitment.register.upload")}</Submit>
        </Form>
      )}
    </section>
  );
}

function LettersSection({ ctx, here, r, batches }: { ctx: RequestContext; here: string; r: Recruitment; batches: BatchSummary[] }) {
  const { t } = ctx;
  const done = batches.filter((b) => b.status === "done").length;
  const pending = batches.some((b) => b.status === "queued" || b.status === "printing");
  return (
    <section aria-labelledby="letters-title">
      <h2 id="letters-title">{t("sortition.letters.title")}</h2>
      <div role="status" aria-live="polite">
        <p>{t("sortition.letters.progress", { done, total: batches.length })}</p>
        {pending && (
          <p>
            {t("sortition.admin.refreshHint")} <a href={here}>{t("sortition.admin.refresh")}</a>
          </p>
        )}
      </div>
      {r.personalDataDeletedAt ? (
        <p>{t("sortition.letters.deleted")}</p>
      ) : (
        <table>
          <caption>{t("sortition.letters.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sortition.letters.col.batch")}</th>
              <th scope="col">{t("sortition.letters.col.letters")}</th>
              <th scope="col">{t("sortition.admin.col.status")}</th>
              <th scope="col">{t("sortition.letters.col.download")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr>
                <th scope="row">{b.batch}</th>
                <td>{b.letters}</td>
                <td>
                  {t(BATCH_STATUS_LABEL[b.status])}
                  {b.status === "failed" && b.error ? ` — ${b.error}` : ""}
                </td>
                <td>
                  {b.status === "done" ? (
                    <>
                      <a href={`${here}/letters/batch-${b.batch}.pdf`}>{t("sortition.letters.pdf", { batch: b.batch })}</a> · <a href={`${here}/letters/batch-${b.batch}.csv`}>{t("sortition.letters.csv", { batch: b.batch })}</a>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batches.some((b) => b.status === "failed") && <ActionButton ctx={ctx} action={`${here}/letters/retry`} label={t("sortition.letters.retry")} />}
    </section>
  );
}

export function RecruitmentPage({ ctx, base, r, batches, counts, registerValues, inviteValues, errors }: RecruitmentPageProps) {
  const { t } = ctx;
  const here = `${base}/recruitments/${r.id}`;
  const end = recruitmentRetentionEnd(r);
  return (
    <section aria-labelledby="recruitment-title">
      <p>
        <a href={`${base}/recruitments`}>{t("sortition.recruitment.back")}</a>
      </p>
      <h1 id="recruitment-title">{titleOf(ctx, r)}</h1>
      <p>
        <strong>{t(RECRUITMENT_STATUS_LABEL[r.status])}</strong> · <a href={`${here}/edit`}>{t("sortition.recruitment.edit")}</a>
      </p>
      <dl>
        <dt>{t("sortition.recruitment.field.strata")}</dt>
        <dd>{r.strata.map((s) => `${localize(s.label, ctx.locale, ctx.org.defaultLocale).text} (${s.options.length})`).join(", ") || "—"}</dd>
        <dt>{t("sortition.recruitment.field.volunteers")}</dt>
        <dd>{t(r.volunteersOpen ? "sortition.recruitment.yes" : "sortition.recruitment.no")}</dd>
        <dt>{t("sortition.recruitment.field.deadline")}</dt>
        <dd>{day(r.registrationDeadline)}</dd>
        <dt>{t("sortition.recruitment.registrations")}</dt>
        <dd>{t("sortition.recruitment.registrationCounts", { total: counts.total, used: counts.usedCodes, invitations: r.invitationCount })}</dd>
      </dl>
      <nav aria-labelledby="recruitment-links">
        <h2 id="recruitment-links">{t("sortition.recruitment.links")}</h2>
        <ul>
          <li>
            <a href={`${here}/composition`}>{t("sortition.recruitment.links.composition")}</a>
          </li>
          <li>
            <a href={`${here}/phone`}>{t("sortition.recruitment.links.phone")}</a>
          </li>
          <li>
            <a href={`${here}/duplicates`}>{t("sortition.recruitment.links.duplicates")}</a>
          </li>
        </ul>
      </nav>
      <RegisterSection ctx={ctx} here={here} r={r} values={registerValues ?? {}} errors={errors} />
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t("sortition.recruitment.invite.title")}</h2>
        {r.invitedAt ? (
          <>
            <p>{t("sortition.recruitment.invite.done", { count: r.invitationCount, size: r.registerSize, date: day(r.invitedAt) })}</p>
            <p>
              {t("sortition.recruitment.invite.seed")} <code>{r.sampleSeed}</code>
            </p>
            <p class="hint">{t("sortition.recruitment.invite.method")}</p>
          </>
        ) : r.registerSize > 0 && !r.personalDataDeletedAt ? (
          <Form ctx={ctx} action={`${here}/invite`} errors={errors}>
            <TextField ctx={ctx} name="invitations" label={t("sortition.recruitment.field.invitations")} hint={t("sortition.recruitment.field.invitationsHint", { size: r.registerSize })} value={inviteValues?.count} inputmode="numeric" errors={errors} required />
            <TextField ctx={ctx} name="seed" label={t("sortition.recruitment.field.seed")} hint={t("sortition.recruitment.field.seedHint")} value={inviteValues?.seed} errors={errors} />
            <Submit>{t("sortition.recruitment.invite.submit")}</Submit>
          </Form>
        ) : (
          <p>{t("sortition.recruitment.invite.needRegister")}</p>
        )}
      </section>
      {batches.length > 0 && <LettersSection ctx={ctx} here={here} r={r} batches={batches} />}
      <section aria-labelledby="lifecycle-title">
        <h2 id="lifecycle-title">{t("sortition.recruitment.lifecycle")}</h2>
        <div class="actions">
          {r.status === "draft" && <ActionButton ctx={ctx} action={`${here}/open`} label={t("sortition.recruitment.open")} />}
          {r.status !== "closed" && <ActionButton ctx={ctx} action={`${here}/close`} label={t("sortition.recruitment.close")} secondary />}
        </div>
        <p>
          {r.personalDataDeletedAt
            ? t("sortition.recruitment.retention.deleted", { date: day(r.personalDataDeletedAt) })
            : end
              ? t("sortition.recruitment.retention.until", { date: day(end) })
              : t("sortition.recruitment.retention.after", { days: r.retentionDays })}
        </p>
        {r.status === "closed" && !r.personalDataDeletedAt && <ActionButton ctx={ctx} action={`${here}/personal-data/delete`} label={t("sortition.recruitment.retention.deleteNow")} secondary />}
      </section>
    </section>
  );
}
