/** The services' back office: review queue, one petition's file, types, abuse controls. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { Localized } from "../../web/layout";
import { CsrfField, ErrorSummary, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import { CommitteeAdmin } from "./committee-admin";
import { regionLabel, STATE_LABELS } from "./labels";
import type { PetitionDetails, QueueItem } from "./queries";
import type { PetitionState, PetitionTypeRow } from "./schema";
import { servicesTransitionsFrom } from "./states";
import { CountsDetail, formatCount, formatDate, Paragraphs, ProgressBars, StateBadge } from "./view-parts";

export const QUEUE_TABS = {
  review: ["submitted", "under_review"],
  transmit: ["threshold_reached"],
  decide: ["awaiting_decision"],
  answer: ["transmitted", "hearing_scheduled"],
} as const satisfies Record<string, readonly PetitionState[]>;
export type QueueTab = keyof typeof QUEUE_TABS;

export function QueuePage({ ctx, tab, items }: { ctx: RequestContext; tab: QueueTab; items: QueueItem[] }) {
  const { t } = ctx;
  const now = Date.now();
  const bulkTargets = [...new Set(QUEUE_TABS[tab].flatMap((s) => servicesTransitionsFrom(s)))];
  return (
    <div>
      <h1>{t("petitions.admin.queue")}</h1>
      <p>{t("petitions.admin.queueIntro")}</p>
      <p>
        <a href="/admin/petitions/types">{t("petitions.admin.types")}</a> · <a href="/admin/petitions/abuse">{t("petitions.admin.abuse")}</a>
      </p>
      <nav aria-label={t("petitions.admin.queue")} class="tabs">
        <ul>
          {(Object.keys(QUEUE_TABS) as QueueTab[]).map((k) => (
            <li>
              <a href={`/admin/petitions?tab=${k}`} aria-current={k === tab ? "page" : undefined}>
                {t(`petitions.admin.tab.${k}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{t("petitions.admin.emptyQueue")}</p>
      ) : (
        <form method="post" action="/admin/petitions/bulk">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="tab" value={tab} />
          <table class="table">
            <caption class="visually-hidden">{t(`petitions.admin.tab.${tab}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("petitions.admin.col.select")}</th>
                <th scope="col">{t("petitions.admin.col.title")}</th>
                <th scope="col">{t("petitions.admin.col.state")}</th>
                <th scope="col">{t("petitions.admin.col.days")}</th>
                <th scope="col">{t("petitions.admin.col.due")}</th>
                <th scope="col">{t("petitions.admin.col.cosponsors")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                // A suggestion awaiting the parliament's decision has no review or answer deadline left.
                const due = i.state === "transmitted" || i.state === "hearing_scheduled" ? i.answerDueAt : i.state === "awaiting_decision" ? null : i.reviewDueAt;
                return (
                  <tr>
                    <td>
                      <input type="checkbox" name="ids" value={String(i.id)} id={`select-${i.id}`} aria-label={`${t("petitions.admin.col.select")}: ${i.title}`} />
                    </td>
                    <td>
                      <a href={`/admin/petitions/${i.id}`}>{i.title}</a>
                    </td>
                    <td>
                      <StateBadge ctx={ctx} state={i.state} />
                    </td>
                    <td>{i.daysInReview ?? ""}</td>
                    <td>
                      {due ? formatDate(ctx, due) : ""}
                      {due && due.getTime() < now ? <strong> ({t("petitions.admin.overdue")})</strong> : null}
                    </td>
                    <td>
                      {i.cosponsors} / {i.cosponsorsRequired}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {bulkTargets.length > 0 && (
            <>
              <Select ctx={ctx} name="to" label={t("petitions.admin.bulk")} options={bulkTargets.map((s) => ({ value: s, label: t(STATE_LABELS[s]) }))} />
              <Submit>{t("petitions.admin.bulkSubmit")}</Submit>
            </>
          )}
        </form>
      )}
    </div>
  );
}

function TransitionForm({ ctx, p, to }: { ctx: RequestContext; p: PetitionDetails; to: PetitionState }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={`/admin/petitions/${p.id}/transition`} class="form petition-transition">
      <input type="hidden" name="to" value={to} />
      <h3>{t("petitions.admin.moveTo", { state: t(STATE_LABELS[to]) })}</h3>
      {to === "hearing_scheduled" && (
        <>
          <TextField ctx={ctx} name="hearingAt" type="datetime-local" label={t("petitions.admin.hearingAt")} />
          <TextField ctx={ctx} name="hearingLink" type="url" label={t("petitions.admin.hearingLink")} />
        </>
      )}
      {to === "answered" && (
        <>
          <TextArea ctx={ctx} name="answer" label={t("petitions.admin.answer")} rows={8} />
          <TextField ctx={ctx} name="answerUrl" type="url" label={t("petitions.admin.answerUrl")} />
        </>
      )}
      <TextField ctx={ctx} name={`note_${to}`} label={t("petitions.admin.publicNote")} />
      <Submit>{t("petitions.admin.moveTo", { state: t(STATE_LABELS[to]) })}</Submit>
    </Form>
  );
}

export function ManagePage({ ctx, p, notes, errors, values }: { ctx: RequestContext; p: PetitionDetails; notes: Array<{ body: string; author: string | null; at: Date }>; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined }) {
  const { t } = ctx;
  const assessed = new Map(p.assessments.map((a) => [a.criterion, a]));
  const targets = servicesTransitionsFrom(p.state);
  return (
    <div>
      <h1>{t("petitions.admin.manage", { title: p.title })}</h1>
      <p>
        <StateBadge ctx={ctx} state={p.state} /> · <a href={`/petitions/${p.id}`}>/petitions/{p.id}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <ProgressBars ctx={ctx} petitionId={p.id} type={p.type} counts={p.counts} showRegions />
      <CountsDetail ctx={ctx} counts={p.counts} />
      <section aria-labelledby="text-title" class="petition-text">
        <h2 id="text-title">{t("petitions.form.body")}</h2>
        {p.summary && (
          <>
            <h3>{t("petitions.form.summary")}</h3>
            <div class="petition-summary" lang={p.language}>
              <Paragraphs text={p.summary} />
            </div>
          </>
        )}
        <div class="petition-body" lang={p.language}>
          <Paragraphs text={p.body} />
        </div>
      </section>
      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t("petitions.admin.criteria")}</h2>
        {/* The criteria are assessed while the petition is under review (see assessCriterion): before and after, they are read only. */}
        {p.state === "under_review" ? (
          p.type.criteria.map((c) => {
            const a = assessed.get(c.key);
            return (
              <Form ctx={ctx} action={`/admin/petitions/${p.id}/assess/${encodeURIComponent(c.key)}`} class="form petition-criterion">
                <fieldset>
                  <legend>
                    <Localized ctx={ctx} value={c.label} />
                  </legend>
                  <div class="field field-radio">
                    <input type="radio" id={`met-${c.key}`} name="met" value="met" checked={a?.met === true} />
                    <label for={`met-${c.key}`}>{t("petitions.admin.met")}</label>
                    <input type="radio" id={`notmet-${c.key}`} name="met" value="not_met" checked={a?.met === false} />
                    <label for={`notmet-${c.key}`}>{t("petitions.admin.notMet")}</label>
                  </div>
                  <TextField ctx={ctx} name={`note_${c.key}`} label={t("petitions.admin.note")} value={a?.note} />
                  <Submit>{t("petitions.admin.assess")}</Submit>
                </fieldset>
              </Form>
            );
          })
        ) : (
          <>
            <p>{t("petitions.errors.notUnderReview")}</p>
            {p.type.criteria.length > 0 && (
              <ul class="petition-criteria">
                {p.type.criteria.map((c) => {
                  const a = assessed.get(c.key);
                  return (
                    <li>
                      <Localized ctx={ctx} value={c.label} />
                      {a ? `: ${t(a.met ? "petitions.show.criterionMet" : "petitions.show.criterionNotMet")}${a.note ? ` (${a.note})` : ""}` : ""}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </section>
      <CommitteeAdmin ctx={ctx} p={p} errors={errors} values={values} />
      {targets.length > 0 && (
        <section aria-labelledby="transitions-title">
          <h2 id="transitions-title">{t("petitions.admin.transitions")}</h2>
          {targets.map((to) => (
            <TransitionForm ctx={ctx} p={p} to={to} />
          ))}
        </section>
      )}
      {(p.state === "published" || p.state === "threshold_reached") && (
        <section aria-labelledby="paper-title">
          <h2 id="paper-title">{t("petitions.admin.paper")}</h2>
          <Form ctx={ctx} action={`/admin/petitions/${p.id}/paper`}>
            <Select ctx={ctx} name="region" label={t("petitions.admin.paperRegion")} options={ALL_REGIONS.map((r) => ({ value: r, label: regionLabel(t, r) }))} />
            <TextField ctx={ctx} name="count" type="number" label={t("petitions.admin.paperCount")} />
            <Submit>{t("petitions.admin.paperAdd")}</Submit>
          </Form>
        </section>
      )}
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t("petitions.admin.notes")}</h2>
        <ul>
          {notes.map((n) => (
            <li>
              <time dateTime={n.at.toISOString()}>{formatDate(ctx, n.at, true)}</time> {n.author ? `(${n.author})` : ""}: {n.body}
            </li>
          ))}
        </ul>
        <Form ctx={ctx} action={`/admin/petitions/${p.id}/notes`}>
          <TextArea ctx={ctx} name="body" label={t("petitions.admin.noteBody")} rows={3} />
          <Submit>{t("petitions.admin.noteAdd")}</Submit>
        </Form>
      </section>
      <p>
        <a href={`/admin/petitions/${p.id}/signatures.csv`}>{t("petitions.admin.export")}</a>
      </p>
    </div>
  );
}

export function AbusePage({ ctx, domains, errors, values }: { ctx: RequestContext; domains: string[]; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined }) {
  const { t } = ctx;
  return (
    <div>
      <h1>{t("petitions.admin.abuse")}</h1>
      <section aria-labelledby="invalidate-title">
        <h2 id="invalidate-title">{t("petitions.admin.invalidate")}</h2>
        <p>{t("petitions.admin.invalidateIntro")}</p>
        <Form ctx={ctx} action="/admin/petitions/abuse/invalidate" errors={errors}>
          <TextField ctx={ctx} name="petitionId" label={t("petitions.admin.col.title")} inputmode="numeric" value={values?.petitionId} errors={errors} />
          <TextField ctx={ctx} name="ip" label={t("petitions.admin.ip")} value={values?.ip} errors={errors} />
          <TextField ctx={ctx} name="domain" label={t("petitions.admin.domain")} value={values?.domain} errors={errors} />
          <TextField ctx={ctx} name="from" type="datetime-local" label={t("petitions.admin.from")} value={values?.from} errors={errors} />
          <TextField ctx={ctx} name="to" type="datetime-local" label={t("petitions.admin.to")} value={values?.to} errors={errors} />
          <Submit>{t("petitions.admin.invalidateSubmit")}</Submit>
        </Form>
      </section>
      <section aria-labelledby="blocked-title">
        <h2 id="blocked-title">{t("petitions.admin.blockedDomains")}</h2>
        {domains.length === 0 ? (
          <p>{t("petitions.admin.noBlocked")}</p>
        ) : (
          <ul>
            {domains.map((d) => (
              <li>
                <form method="post" action="/admin/petitions/abuse/domains">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="domain" value={d} />
                  <input type="hidden" name="block" value="off" />
                  {d} <button type="submit" class="button">{t("petitions.admin.unblock", { domain: d })}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <Form ctx={ctx} action="/admin/petitions/abuse/domains">
          <input type="hidden" name="block" value="on" />
          <TextField ctx={ctx} name="domain" label={t("petitions.admin.domain")} />
          <Submit>{t("petitions.admin.block")}</Submit>
        </Form>
      </section>
    </div>
  );
}

export function TypesPage({ ctx, components, types }: { ctx: RequestContext; components: Array<{ id: number; name: Translatable }>; types: PetitionTypeRow[] }) {
  const { t } = ctx;
  return (
    <div>
      <h1>{t("petitions.admin.types")}</h1>
      {components.length === 0 ? (
        <p>{t("petitions.admin.noComponent")}</p>
      ) : (
        components.map((c) => (
          <section aria-labelledby={`component-${c.id}`}>
            <h2 id={`component-${c.id}`}>
              #{c.id} <Localized ctx={ctx} value={c.name} />
            </h2>
            {types.some((ty) => ty.componentId === c.id) && (
              <table>
                <caption class="visually-hidden">
                  {t("petitions.admin.types")} #{c.id}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("petitions.show.type")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {types
                    .filter((ty) => ty.componentId === c.id)
                    .map((ty) => {
                      const title = localize(ty.title, ctx.locale, ctx.org.defaultLocale).text;
                      return (
                        <tr>
                          <th scope="row">
                            <a href={`/admin/petitions/types/${ty.id}`}>{title}</a> ({t("petitions.admin.typeSummary", { threshold: formatCount(ctx, ty.threshold), age: ty.minAge })}
                            {ty.committee ? `, ${t("petitions.admin.committee.kind")}` : ""})
                          </th>
                          <td class="admin-actions">
                            <a href={`/admin/petitions/types/${ty.id}`}>
                              {t("common.edit")}
                              <span class="visually-hidden"> {title}</span>
                            </a>
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            )}
            <p>
              <a href={`/admin/petitions/types/new?component=${c.id}`}>{t("petitions.admin.typeNew")}</a>
            </p>
          </section>
        ))
      )}
    </div>
  );
}
