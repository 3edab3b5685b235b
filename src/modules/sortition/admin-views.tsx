/** Back-office views of the sortition component: the draws, the new draw form, a draw's page. */
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../core/http/result";
import type { RequestContext } from "../../core/http/context";
import { localize } from "../../core/i18n/translator";
import type { MessageKey } from "../../core/i18n/catalogues";
import { CsrfField, Form, RadioGroup, Submit, TextArea, TextField } from "../../web/ui/forms";
import { QuotaTable } from "./record-view";
import { DRAW_ALGORITHMS, type DrawRow, type DrawStatus } from "./schema";

export const STATUS_LABEL: Record<DrawStatus, MessageKey> = {
  draft: "sortition.status.draft",
  running: "sortition.status.running",
  done: "sortition.status.done",
  failed: "sortition.status.failed",
  cancelled: "sortition.status.cancelled",
  published: "sortition.status.published",
};

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export function DrawList({ ctx, base, draws }: { ctx: RequestContext; base: string; draws: DrawRow[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="draws-title">
      <h1 id="draws-title">{t("sortition.admin.title")}</h1>
      <p>{t("sortition.admin.intro")}</p>
      <p>
        <a class="button" href={`${base}/new`}>
          {t("sortition.admin.new")}
        </a>{" "}
        <a class="button button-secondary" href={`${base}/recruitments`}>
          {t("sortition.recruitment.open.link")}
        </a>
      </p>
      {draws.length === 0 ? (
        <p>{t("sortition.admin.none")}</p>
      ) : (
        <table>
          <caption>{t("sortition.admin.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sortition.admin.col.title")}</th>
              <th scope="col">{t("sortition.admin.col.status")}</th>
              <th scope="col">{t("sortition.admin.col.size")}</th>
              <th scope="col">{t("sortition.admin.col.created")}</th>
            </tr>
          </thead>
          <tbody>
            {draws.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/draws/${d.id}`}>{localize(d.title, ctx.locale, ctx.org.defaultLocale).text}</a>
                </th>
                <td>{t(STATUS_LABEL[d.status])}</td>
                <td>{t("sortition.admin.size", { k: d.k, pool: d.poolSize })}</td>
                <td>{when(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export interface NewDrawValues {
  title?: string;
  k?: string;
  algorithm?: string;
  household?: string;
  idColumn?: string;
  commitment?: string;
  randomness?: string;
  people?: string;
  categories?: string;
}

export function NewDrawForm({ ctx, base, values, errors }: { ctx: RequestContext; base: string; values: NewDrawValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="new-draw-title">
      <p>
        <a href={base}>{t("sortition.admin.back")}</a>
      </p>
      <h1 id="new-draw-title">{t("sortition.admin.new")}</h1>
      <Form ctx={ctx} action={`${base}/new`} errors={errors} enctype="multipart/form-data">
        <TextField ctx={ctx} name="title" label={t("sortition.admin.field.title")} value={values.title} errors={errors} required />
        <fieldset>
          <legend>{t("sortition.admin.field.pool")}</legend>
          <p class="hint">{t("sortition.admin.field.poolHint")}</p>
          <div class="field">
            <label for="field-peopleFile">{t("sortition.admin.field.peopleFile")}</label>
            <input id="field-peopleFile" name="peopleFile" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <TextArea ctx={ctx} name="people" label={t("sortition.admin.field.people")} value={values.people} errors={errors} rows={6} />
        </fieldset>
        <fieldset>
          <legend>{t("sortition.admin.field.quotas")}</legend>
          <p class="hint">{t("sortition.admin.field.quotasHint")}</p>
          <div class="field">
            <label for="field-categoriesFile">{t("sortition.admin.field.categoriesFile")}</label>
            <input id="field-categoriesFile" name="categoriesFile" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <TextArea ctx={ctx} name="categories" label={t("sortition.admin.field.categories")} value={values.categories} errors={errors} rows={6} />
        </fieldset>
        <TextField ctx={ctx} name="k" label={t("sortition.admin.field.k")} value={values.k} inputmode="numeric" errors={errors} required />
        <RadioGroup ctx={ctx} name="algorithm" legend={t("sortition.admin.field.algorithm")} value={values.algorithm ?? "leximin"} errors={errors} options={DRAW_ALGORITHMS.map((a) => ({ value: a, label: t(a === "leximin" ? "sortition.algorithm.leximinHint" : "sortition.algorithm.legacyHint") }))} />
        <TextField ctx={ctx} name="household" label={t("sortition.admin.field.household")} hint={t("sortition.admin.field.householdHint")} value={values.household} errors={errors} />
        <TextField ctx={ctx} name="idColumn" label={t("sortition.admin.field.idColumn")} hint={t("sortition.admin.field.idColumnHint")} value={values.idColumn} errors={errors} />
        <TextArea ctx={ctx} name="commitment" label={t("sortition.admin.field.commitment")} hint={t("sortition.admin.field.commitmentHint")} value={values.commitment} errors={errors} rows={3} />
        <TextField ctx={ctx} name="randomness" label={t("sortition.admin.field.randomness")} hint={t("sortition.admin.field.randomnessHint")} value={values.randomness} errors={errors} />
        <Submit>{t("sortition.admin.create")}</Submit>
      </Form>
    </section>
  );
}

function PostButton({ ctx, action, label, secondary }: { ctx: RequestContext; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={secondary ? "button button-secondary" : "button"}>
        {label}
      </button>
    </form>
  );
}

export function DrawPage({ ctx, base, draw, pool, recordUrl, isAssembly, errors, randomness, seatingStarted = false, children }: { ctx: RequestContext; base: string; draw: DrawRow; pool: Map<string, number>; recordUrl: string; isAssembly: boolean; errors?: FieldErrors | undefined; randomness?: string; seatingStarted?: boolean; children?: ComponentChildren }) {
  const { t } = ctx;
  const here = `${base}/draws/${draw.id}`;
  const editable = draw.status === "draft" || draw.status === "failed" || draw.status === "cancelled";
  const p = draw.progress;
  return (
    <section aria-labelledby="draw-title">
      <p>
        <a href={base}>{t("sortition.admin.back")}</a>
      </p>
      <h1 id="draw-title">{localize(draw.title, ctx.locale, ctx.org.defaultLocale).text}</h1>
      <div role="status" aria-live="polite">
        <p>
          <strong>{t(STATUS_LABEL[draw.status])}</strong>
          {draw.status === "running" && p ? ` — ${t("sortition.admin.progress", { phase: p.phase, iterations: p.iterations })}` : ""}
          {draw.status === "running" && draw.cancelRequestedAt ? ` — ${t("sortition.admin.cancelling")}` : ""}
        </p>
        {draw.status === "running" && (
          <p>
            {t("sortition.admin.refreshHint")} <a href={here}>{t("sortition.admin.refresh")}</a>
          </p>
        )}
        {draw.status === "failed" && <p class="error-message">{t("sortition.admin.failed", { error: draw.error ?? "" })}</p>}
      </div>
      <p>{t("sortition.admin.size", { k: draw.k, pool: draw.poolSize })}</p>
      <dl>
        <dt>{t("sortition.record.algorithm")}</dt>
        <dd>{t(draw.algorithm === "leximin" ? "sortition.algorithm.leximin" : "sortition.algorithm.legacy")}</dd>
        <dt>{t("sortition.record.commitment")}</dt>
        <dd>{draw.commitment || "—"}</dd>
        <dt>{t("sortition.record.randomness")}</dt>
        <dd>
          <code>{draw.randomness ?? "—"}</code>
        </dd>
        {draw.seed && (
          <>
            <dt>{t("sortition.record.seed")}</dt>
            <dd>
              <code>{draw.seed}</code>
            </dd>
          </>
        )}
        {draw.durationMs !== null && (
          <>
            <dt>{t("sortition.admin.duration")}</dt>
            <dd>{t("sortition.admin.ms", { ms: draw.durationMs })}</dd>
          </>
        )}
      </dl>
      {editable && (
        <Form ctx={ctx} action={`${here}/randomness`} errors={errors}>
          <TextField ctx={ctx} name="randomness" label={t("sortition.admin.field.randomness")} hint={t("sortition.admin.field.randomnessHint")} value={randomness ?? draw.randomness ?? ""} errors={errors} />
          <Submit>{t("sortition.admin.saveRandomness")}</Submit>
        </Form>
      )}
      <div class="actions">
        {editable && draw.randomness !== null && <PostButton ctx={ctx} action={`${here}/run`} label={t("sortition.admin.run")} />}
        {(draw.status === "running" || draw.status === "draft") && !draw.cancelRequestedAt && <PostButton ctx={ctx} action={`${here}/cancel`} label={t("sortition.admin.cancel")} secondary />}
        {draw.status === "done" && <PostButton ctx={ctx} action={`${here}/publish`} label={t("sortition.admin.publish")} />}
        {draw.status === "published" && isAssembly && !draw.seatedAt && !seatingStarted && <PostButton ctx={ctx} action={`${here}/seat`} label={t("sortition.admin.seat")} />}
      </div>
      {draw.seatedAt && <p>{t("sortition.admin.seated", { at: when(draw.seatedAt) })}</p>}
      {children}
      {(draw.status === "done" || draw.status === "published") && (
        <p>
          <a href={recordUrl}>{t("sortition.admin.viewRecord")}</a> · <a href={`${recordUrl}.json`}>{t("sortition.record.download")}</a>
        </p>
      )}
      <QuotaTable ctx={ctx} draw={draw} pool={pool} />
      {draw.result && (
        <>
          <h2>{t("sortition.record.panel", { k: draw.result.panel.length })}</h2>
          <p>{t("sortition.record.panelRows")}</p>
          <p class="draw-panel">{draw.result.panel.join(", ")}</p>
        </>
      )}
    </section>
  );
}
