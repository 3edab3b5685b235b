/** The audit log page: a filter form, the entries with their changes, and pagination. */
import type { RequestContext } from "../http/context";
import { localize } from "../i18n/translator";
import { TextField } from "../../web/ui/forms";
import { diffValues } from "./diff";
import type { AuditFilter, AuditRow } from "./query";
import { formatDateTime } from "../i18n/formats";

const when = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function pageHref(filter: AuditFilter, page: number): string {
  const q = new URLSearchParams();
  for (const k of ["actor", "action", "resource", "resourceId"] as const) {
    const v = filter[k];
    if (v) q.set(k, v);
  }
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}

function Changes({ ctx, row }: { ctx: RequestContext; row: AuditRow }) {
  const changes = diffValues(row.before, row.after);
  if (changes.length === 0) return <>{ctx.t("audit.noChanges")}</>;
  return (
    <details>
      <summary>{ctx.t("audit.changeCount", { count: changes.length })}</summary>
      <table class="audit-diff">
        <caption class="visually-hidden">{ctx.t("audit.changesCaption", { id: row.id })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t("audit.field")}</th>
            <th scope="col">{ctx.t("audit.before")}</th>
            <th scope="col">{ctx.t("audit.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row"><code>{c.path || ctx.t("audit.value")}</code></th>
              <td>{c.before === null ? <em>{ctx.t("audit.empty")}</em> : <code>{c.before}</code>}</td>
              <td>{c.after === null ? <em>{ctx.t("audit.empty")}</em> : <code>{c.after}</code>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AuditPage({ ctx, filter, rows, hasNext }: { ctx: RequestContext; filter: AuditFilter; rows: AuditRow[]; hasNext: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <form method="get" action="/admin/audit" class="form filter-form" role="search" aria-label={t("audit.filters")}>
        <TextField ctx={ctx} name="actor" label={t("audit.filter.actor")} hint={t("audit.filter.actorHint")} value={filter.actor} />
        <TextField ctx={ctx} name="action" label={t("audit.filter.action")} hint={t("audit.filter.actionHint")} value={filter.action} />
        <TextField ctx={ctx} name="resource" label={t("audit.filter.resource")} hint={t("audit.filter.resourceHint")} value={filter.resource} />
        <TextField ctx={ctx} name="resourceId" label={t("audit.filter.resourceId")} value={filter.resourceId} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">{t("audit.filter.submit")}</button>
          <a href="/admin/audit">{t("audit.filter.reset")}</a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <table class="audit-table">
          <caption class="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.resource")}</th>
              <th scope="col">{t("audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td><time datetime={r.createdAt.toISOString()}>{when(ctx, r.createdAt)}</time></td>
                <td>
                  {r.actorId === null ? t("audit.system") : r.actorName ? <>{r.actorName}{r.actorEmail ? <><br /><small>{r.actorEmail}</small></> : null}</> : t("audit.deletedActor", { id: r.actorId })}
                  {r.ip ? <><br /><small>{t("audit.ip", { ip: r.ip })}</small></> : null}
                </td>
                <td><code>{r.action}</code></td>
                <td>
                  <code>{r.resourceType}{r.resourceId ? ` #${r.resourceId}` : ""}</code>
                  {r.spaceId !== null ? (
                    <>
                      <br />
                      <small>{r.spaceTitle ? t("audit.inNamedSpace", { space: localize(r.spaceTitle, ctx.locale, ctx.org.defaultLocale).text, id: r.spaceId }) : t("audit.inSpace", { id: r.spaceId })}</small>
                    </>
                  ) : null}
                </td>
                <td><Changes ctx={ctx} row={r} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("audit.pagination")} class="pagination">
        <ul>
          {filter.page > 1 && <li><a href={pageHref(filter, filter.page - 1)} rel="prev">{t("audit.newer")}</a></li>}
          <li aria-current="page">{t("audit.page", { page: filter.page })}</li>
          {hasNext && <li><a href={pageHref(filter, filter.page + 1)} rel="next">{t("audit.older")}</a></li>}
        </ul>
      </nav>
    </>
  );
}
