/** The moderators' screens: the queue with its filters and decisions, the title correction, blocking. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { formatDateTime } from "../i18n/formats";
import { localize } from "../i18n/translator";
import { CsrfField, ErrorSummary, Form, Submit, TextArea, TextField } from "../../web/ui/forms";
import { BLOCK_REASON_MAX, NOTE_MAX, QUEUE_FILTERS, type QueueFilter } from "./inputs";
import type { QueueItem, QueuePage } from "./queue";
import { canEditTitle } from "./service";
import type { Target } from "./targets";
import { REASON_LABELS } from "./views";

const FILTER_LABELS = { pending: "moderation.queue.filter.pending", hidden: "moderation.queue.filter.hidden", all: "moderation.queue.filter.all" } as const satisfies Record<QueueFilter, string>;

export const queueHref = (base: string, filter: QueueFilter, page = 1) => {
  const q = new URLSearchParams();
  if (filter !== "pending") q.set("filter", filter);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
};

const titleText = (ctx: RequestContext, title: Target["title"]) => (typeof title === "string" ? title : localize(title, ctx.locale, ctx.org.defaultLocale).text);

function Item({ ctx, item, back, showSpace }: { ctx: RequestContext; item: QueueItem; back: string; showSpace: boolean }) {
  const { t } = ctx;
  const headingId = `moderation-${item.id}`;
  const action = (what: string) => `/admin/moderation/${item.id}/${what}`;
  const reporters = item.reasons.reduce((n, r) => n + r.count, 0);
  return (
    <li>
      <article class="moderation-item" aria-labelledby={headingId}>
        <h2 id={headingId}>
          {item.target ? (
            <>
              <span class="moderation-kind">{t(item.target.label)}</span> {item.target.url ? <a href={item.target.url}>{titleText(ctx, item.target.title)}</a> : titleText(ctx, item.target.title)}
            </>
          ) : (
            t("moderation.queue.gone")
          )}
        </h2>
        <ul class="badge-list">
          {item.hidden && <li class="badge">{t("moderation.queue.hidden")}</li>}
          {item.pending && <li class="badge">{t("moderation.queue.pending")}</li>}
          {!item.hidden && !item.pending && <li class="badge">{t("moderation.queue.reviewed")}</li>}
        </ul>
        <p class="hint">
          {showSpace && <>{t("moderation.queue.space", { space: localize(item.spaceTitle, ctx.locale, ctx.org.defaultLocale).text })} · </>}
          {t("moderation.queue.reporters", { count: Math.max(reporters, item.reportCount) })} · {t("moderation.queue.updated", { date: formatDateTime(ctx.locale, item.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </p>
        {item.reasons.length > 0 && (
          <ul class="moderation-reasons">
            {item.reasons.map((r) => (
              <li>
                {t("moderation.queue.reason", { reason: t(REASON_LABELS[r.reason]), count: r.count })}
                {r.details.length > 0 && (
                  <ul>
                    {r.details.map((d) => (
                      <li>
                        <q>{d}</q>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {item.authors.length > 0 && (
          <p>
            {t("moderation.queue.authors")}{" "}
            {item.authors.map((a, i) => (
              <>
                {i > 0 && ", "}
                {a.name}
                {a.blocked && ` (${t("moderation.queue.blocked")})`}
                {ctx.user?.isAdmin && !a.blocked && a.id !== ctx.user.id && (
                  <>
                    {" "}
                    <a href={`/admin/moderation/users/${a.id}/block?return_to=${encodeURIComponent(back)}`}>
                      {t("moderation.block.link")}
                      <span class="visually-hidden"> {a.name}</span>
                    </a>
                  </>
                )}
              </>
            ))}
          </p>
        )}
        {item.target && (
          <form method="post" action={action(item.hidden ? "unhide" : "hide")} class="form moderation-decision">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="return_to" value={back} />
            <div class="field">
              <label for={`note-${item.id}`}>{t("moderation.decision.note")}</label>
              <textarea id={`note-${item.id}`} name="note" rows={2} maxLength={NOTE_MAX} />
            </div>
            <div class="button-row">
              <button type="submit" class={item.hidden ? "button" : "button button-danger"}>
                {t(item.hidden ? "moderation.decision.unhide" : "moderation.decision.hide")}
              </button>
              <button type="submit" class="button button-secondary" formaction={action("keep")}>
                {t(item.hidden ? "moderation.decision.keepHidden" : "moderation.decision.keep")}
              </button>
              {canEditTitle(item.resourceType) && (
                <a href={`${action("title")}?return_to=${encodeURIComponent(back)}`} class="button button-secondary">
                  {t("moderation.title.link")}
                </a>
              )}
            </div>
          </form>
        )}
      </article>
    </li>
  );
}

export function QueueView({ ctx, heading, base, filter, data, showSpace }: { ctx: RequestContext; heading: string; base: string; filter: QueueFilter; data: QueuePage; showSpace: boolean }) {
  const { t } = ctx;
  const back = queueHref(base, filter, data.page);
  return (
    <>
      <h1>{heading}</h1>
      <p>{t("moderation.queue.intro")}</p>
      <nav aria-label={t("moderation.queue.filters")} class="tabs">
        <ul>
          {QUEUE_FILTERS.map((f) => (
            <li>
              <a href={queueHref(base, f)} aria-current={f === filter ? "page" : undefined}>
                {t(FILTER_LABELS[f])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">{t("moderation.queue.count", { count: data.total })}</p>
      {data.items.length > 0 && (
        <ol class="moderation-list">
          {data.items.map((item) => (
            <Item ctx={ctx} item={item} back={back} showSpace={showSpace} />
          ))}
        </ol>
      )}
      {data.pages > 1 && (
        <nav class="pagination" aria-label={t("moderation.queue.pagination")}>
          <ul>
            {data.page > 1 && (
              <li>
                <a href={queueHref(base, filter, data.page - 1)} rel="prev">
                  {t("accounts.admin.previous")}
                </a>
              </li>
            )}
            <li aria-current="page">{t("accounts.admin.page", { page: data.page, pages: data.pages })}</li>
            {data.page < data.pages && (
              <li>
                <a href={queueHref(base, filter, data.page + 1)} rel="next">
                  {t("accounts.admin.next")}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

export function TitleForm({ ctx, action, target, back, values, errors }: { ctx: RequestContext; action: string; target: Target; back: string; values: { title?: string; note?: string }; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("moderation.title.heading")}</h1>
      <p>
        {t(target.label)}: <a href={target.url}>{titleText(ctx, target.title)}</a>
      </p>
      <p>{t("moderation.title.intro")}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        <input type="hidden" name="return_to" value={back} />
        <TextField ctx={ctx} name="title" label={t("moderation.title.field")} value={values.title ?? titleText(ctx, target.title)} errors={errors} required />
        <TextArea ctx={ctx} name="note" label={t("moderation.title.note")} hint={t("moderation.title.noteHint")} value={values.note} errors={errors} rows={3} required />
        <Submit>{t("moderation.title.submit")}</Submit>
      </Form>
      <p>
        <a href={back}>{t("common.cancel")}</a>
      </p>
    </>
  );
}

export function BlockForm({ ctx, person, back, values, errors }: { ctx: RequestContext; person: { id: number; name: string; blocked: boolean; reason: string | null }; back: string; values: { reason?: string }; errors?: FieldErrors }) {
  const { t } = ctx;
  if (person.blocked) {
    return (
      <>
        <h1>{t("moderation.block.heading", { name: person.name })}</h1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <p>{t("moderation.block.isBlocked", { reason: person.reason ?? "—" })}</p>
        <form method="post" action={`/admin/moderation/users/${person.id}/unblock`} class="form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="return_to" value={back} />
          <button type="submit" class="button button-primary">
            {t("moderation.block.unblock")}
          </button>
        </form>
        <p>
          <a href={back}>{t("common.cancel")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t("moderation.block.heading", { name: person.name })}</h1>
      <p>{t("moderation.block.intro")}</p>
      <Form ctx={ctx} action={`/admin/moderation/users/${person.id}/block`} errors={errors}>
        <input type="hidden" name="return_to" value={back} />
        <TextArea ctx={ctx} name="reason" label={t("moderation.block.reason")} hint={t("moderation.block.reasonHint", { max: BLOCK_REASON_MAX })} value={values.reason} errors={errors} rows={4} required />
        <div class="form-actions">
          <button type="submit" class="button button-danger">
            {t("moderation.block.submit")}
          </button>
        </div>
      </Form>
      <p>
        <a href={back}>{t("common.cancel")}</a>
      </p>
    </>
  );
}
