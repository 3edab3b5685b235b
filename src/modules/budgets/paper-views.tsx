/**
 * The back office's paper ballots: counts per budget and polling place, the entries awaiting another
 * person's confirmation, the form of one sheet (marks, points or ranks by the budget's ballot kind) and
 * the CSV upload of a polling place.
 */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { formatNumber } from "../../core/i18n/numbers";
import type { Values } from "../../core/i18n/translator";
import { localize } from "../../core/i18n/translator";
import { Form, Submit, TextArea, TextField } from "../../web/ui/forms";
import { MONEY_VALUES, type BallotError } from "./ballot-rules";
import { formatMoney } from "./money";
import type { CsvError } from "./paper-csv";
import type { EntryError, PaperBudget, PaperCounts, WaitingBallot, WaitingBatch } from "./paper-ballots";

const name = (ctx: RequestContext, v: Translatable) => localize(v, ctx.locale, ctx.org.defaultLocale).text;

/** A ballot rule's refusal in words, amounts in the budget's currency. */
export function ballotErrorText(ctx: RequestContext, currency: string, e: BallotError): string {
  const values: Values = Object.fromEntries(Object.entries(e.values).map(([k, v]) => [k, MONEY_VALUES.has(k) ? formatMoney(ctx.locale, currency, v) : v]));
  return ctx.t(e.key, values);
}

export function entryErrorText(ctx: RequestContext, currency: string, e: EntryError): string {
  return "rule" in e ? ballotErrorText(ctx, currency, e.rule) : ctx.t(e.key, e.values);
}

/** The form's errors: the first per field for the summary (all of them are listed in the projects' fieldset). */
export function entryFieldErrors(ctx: RequestContext, currency: string, errors: EntryError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    if (out[e.field]) continue;
    out[e.field] = { key: "budgets.paper.error.text", values: { text: entryErrorText(ctx, currency, e) } };
  }
  return out;
}

export interface EntryValues {
  pollingPlace: string;
  sheet: string;
  /** Project id → the mark: "on" (marked), points or rank as typed. */
  marks: Record<number, string>;
}

export function PaperEntryPage({ ctx, base, budget, values, errors }: { ctx: RequestContext; base: string; budget: PaperBudget; values: EntryValues; errors?: EntryError[] | undefined }) {
  const { t } = ctx;
  const money = (n: number) => formatMoney(ctx.locale, budget.currency, n);
  const fieldErrors = errors && errors.length > 0 ? entryFieldErrors(ctx, budget.currency, errors) : undefined;
  const projectErrors = (errors ?? []).filter((e) => e.field === "projects");
  const kind = budget.voteType;
  return (
    <>
      <p>
        <a href={`${base}/paper`}>{t("budgets.paper.back")}</a>
      </p>
      <h1>{t("budgets.paper.entry.title", { budget: name(ctx, budget.title) })}</h1>
      <p>{t("budgets.paper.entry.intro")}</p>
      <p>
        <a href={`${base}/paper/${budget.id}/import`}>{t("budgets.paper.import.link")}</a>
      </p>
      <Form ctx={ctx} action={`${base}/paper/${budget.id}/new`} errors={fieldErrors}>
        <TextField ctx={ctx} name="pollingPlace" label={t("budgets.paper.field.pollingPlace")} value={values.pollingPlace} errors={fieldErrors} required />
        <TextField ctx={ctx} name="sheet" label={t("budgets.paper.field.sheet")} hint={t("budgets.paper.field.sheetHint")} value={values.sheet} errors={fieldErrors} required />
        <fieldset id="field-projects" class={projectErrors.length > 0 ? "field-error" : undefined} aria-describedby={projectErrors.length > 0 ? "field-projects-error" : undefined}>
          <legend>{t(`budgets.paper.field.projects.${kind}`)}</legend>
          {projectErrors.length > 0 && (
            <ul id="field-projects-error" class="error-message">
              {projectErrors.map((e) => (
                <li>{entryErrorText(ctx, budget.currency, e)}</li>
              ))}
            </ul>
          )}
          {budget.projects.map((p) => {
            const label = t("budgets.paper.field.project", { ref: p.ref, title: name(ctx, p.title), cost: money(p.cost) });
            const mark = values.marks[p.id] ?? "";
            return kind === "cumulative" || kind === "ordinal" ? (
              <div class="field">
                <label for={`mark-${p.id}`}>{label}</label>
                <input id={`mark-${p.id}`} name={`mark.${p.id}`} type="text" inputMode="numeric" size={4} value={mark} aria-describedby={`mark-${p.id}-hint`} />
                <span id={`mark-${p.id}-hint`} class="hint">
                  {t(kind === "cumulative" ? "budgets.paper.field.pointsHint" : "budgets.paper.field.rankHint")}
                </span>
              </div>
            ) : (
              <div class="field field-checkbox">
                <input id={`mark-${p.id}`} name={`mark.${p.id}`} type="checkbox" value="on" checked={mark === "on"} />
                <label for={`mark-${p.id}`}>{label}</label>
              </div>
            );
          })}
        </fieldset>
        <Submit>{t("budgets.paper.entry.submit")}</Submit>
      </Form>
    </>
  );
}

export function PaperImportPage({ ctx, base, budget, pollingPlace, csv, errors, formErrors }: { ctx: RequestContext; base: string; budget: PaperBudget; pollingPlace: string; csv?: string | undefined; errors?: CsvError[] | undefined; formErrors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={`${base}/paper`}>{t("budgets.paper.back")}</a>
      </p>
      <h1>{t("budgets.paper.import.title", { budget: name(ctx, budget.title) })}</h1>
      <p>{t(`budgets.paper.import.format.${budget.voteType}`)}</p>
      <pre>{t(`budgets.paper.import.example.${budget.voteType}`)}</pre>
      <p>{t("budgets.paper.import.refs", { refs: budget.projects.map((p) => `${p.ref} = ${name(ctx, p.title)}`).join("; ") })}</p>
      {errors && errors.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("budgets.paper.import.refused", { count: errors.length })}</h2>
          <ul>
            {errors.slice(0, 100).map((e) => {
              const said = "error" in e ? entryErrorText(ctx, budget.currency, e.error) : t(e.key, e.values);
              return <li>{e.line > 0 ? t("budgets.paper.import.line", { line: e.line, text: said }) : said}</li>;
            })}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={`${base}/paper/${budget.id}/import`} errors={formErrors} enctype="multipart/form-data">
        <TextField ctx={ctx} name="pollingPlace" label={t("budgets.paper.field.pollingPlace")} value={pollingPlace} errors={formErrors} required />
        <div class="field">
          <label for="field-file">{t("budgets.paper.import.file")}</label>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <TextArea ctx={ctx} name="csv" label={t("budgets.paper.import.paste")} value={csv} errors={formErrors} rows={8} />
        <Submit>{t("budgets.paper.import.submit")}</Submit>
      </Form>
    </>
  );
}

function DecisionButtons({ ctx, action, canConfirm }: { ctx: RequestContext; action: string; canConfirm: boolean }) {
  const { t } = ctx;
  return (
    <div class="button-row">
      {canConfirm ? (
        <form method="post" action={`${action}/confirm`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button">
            {t("budgets.paper.confirm")}
          </button>
        </form>
      ) : (
        <span>{t("budgets.paper.ownEntry")}</span>
      )}
      <form method="post" action={`${action}/reject`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <button type="submit" class="button button-secondary">
          {t("budgets.paper.reject")}
        </button>
      </form>
    </div>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function PaperOverviewPage({ ctx, base, counts, waiting, userId, shownLimit }: { ctx: RequestContext; base: string; counts: PaperCounts; waiting: { ballots: WaitingBallot[]; batches: WaitingBatch[] }; userId: number; shownLimit: number }) {
  const { t } = ctx;
  const n = (x: number) => formatNumber(ctx.locale, x);
  const titles = new Map(counts.budgets.map((b) => [b.id, name(ctx, b.title)]));
  const when = (d: Date) => new Intl.DateTimeFormat(ctx.locale, { dateStyle: "short", timeStyle: "short" }).format(d);
  return (
    <>
      <h1>{t("budgets.paper.title")}</h1>
      <p>{t("budgets.paper.intro")}</p>
      {counts.budgets.length === 0 ? (
        <p>{t("budgets.paper.noBudget")}</p>
      ) : (
        <>
          <Table caption={t("budgets.paper.counts.caption")} head={[t("budgets.paper.counts.budget"), t("budgets.paper.counts.online"), t("budgets.paper.counts.paperConfirmed"), t("budgets.paper.counts.paperWaiting"), t("budgets.paper.counts.imported"), t("budgets.paper.counts.total"), t("common.actions")]}>
            {counts.budgets.map((b) => (
              <tr>
                <th scope="row">{titles.get(b.id)}</th>
                <td>{n(b.counts.online)}</td>
                <td>{n(b.counts.paperConfirmed)}</td>
                <td>{n(b.counts.paperWaiting)}</td>
                <td>{n(b.counts.imported)}</td>
                <td>{n(b.counts.total)}</td>
                <td>
                  <a href={`${base}/paper/${b.id}/new`}>{t("budgets.paper.enter", { budget: titles.get(b.id) ?? "" })}</a>
                  {" · "}
                  <a href={`${base}/paper/${b.id}/import`}>{t("budgets.paper.importLink", { budget: titles.get(b.id) ?? "" })}</a>
                </td>
              </tr>
            ))}
          </Table>
          {counts.places.length > 0 && (
            <Table caption={t("budgets.paper.places.caption")} head={[t("budgets.paper.counts.budget"), t("budgets.paper.field.pollingPlace"), t("budgets.paper.counts.paperConfirmed"), t("budgets.paper.counts.paperWaiting")]}>
              {counts.places.map((p) => (
                <tr>
                  <td>{titles.get(p.budgetId)}</td>
                  <th scope="row">{p.place}</th>
                  <td>{n(p.confirmed)}</td>
                  <td>{n(p.waiting)}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
      <h2>{t("budgets.paper.waiting.title")}</h2>
      <p>{t("budgets.paper.waiting.intro")}</p>
      {waiting.batches.length === 0 && waiting.ballots.length === 0 && <p>{t("budgets.paper.waiting.none")}</p>}
      {waiting.batches.length > 0 && (
        <Table caption={t("budgets.paper.batches.caption")} head={[t("budgets.paper.counts.budget"), t("budgets.paper.field.pollingPlace"), t("budgets.paper.batches.count"), t("budgets.paper.enteredBy"), t("common.actions")]}>
          {waiting.batches.map((b) => (
            <tr>
              <td>{titles.get(b.budgetId)}</td>
              <th scope="row">{b.places.join(", ")}</th>
              <td>{n(b.count)}</td>
              <td>
                {b.enteredByName ?? "—"} ({when(b.enteredAt)})
              </td>
              <td>
                <DecisionButtons ctx={ctx} action={`${base}/paper/batches/${b.batch}`} canConfirm={b.enteredBy !== userId} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {waiting.ballots.length > 0 && (
        <Table caption={t("budgets.paper.ballots.caption", { max: shownLimit })} head={[t("budgets.paper.field.sheet"), t("budgets.paper.counts.budget"), t("budgets.paper.field.pollingPlace"), t("budgets.paper.ballots.marks"), t("budgets.paper.enteredBy"), t("common.actions")]}>
          {waiting.ballots.map((b) => (
            <tr>
              <th scope="row">{b.sheet}</th>
              <td>{titles.get(b.budgetId)}</td>
              <td>{b.place}</td>
              <td>
                <ul>
                  {b.items.map((i) => (
                    <li>{t("budgets.paper.ballots.mark", { ref: i.ref, title: name(ctx, i.title), points: i.points, rank: i.rank ?? 0 })}</li>
                  ))}
                </ul>
              </td>
              <td>
                {b.enteredByName ?? "—"} ({when(b.enteredAt)})
              </td>
              <td>
                <DecisionButtons ctx={ctx} action={`${base}/paper/ballots/${b.id}`} canConfirm={b.enteredBy !== userId} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
