/** The back office's list of people, with search, pagination and per-person actions. */
import type { RequestContext } from "../../http/context";
import type { FieldErrors } from "../../http/result";
import { CsrfField, ErrorSummary } from "../../../web/ui/forms";
import { USER_FILTERS, type UserFilter } from "../inputs";
import type { AdminUserRow, UserAdminAction } from "../service/admin-users";
import { dateTimeFormat } from "../../i18n/formats";

export interface AdminUsersData {
  rows: AdminUserRow[];
  total: number;
  page: number;
  pages: number;
  q: string;
  status: UserFilter;
}

function Status({ ctx, u }: { ctx: RequestContext; u: AdminUserRow }) {
  const { t } = ctx;
  const badges = [
    u.deleted && t("accounts.admin.statusDeleted"),
    u.isAdmin && t("accounts.admin.statusAdmin"),
    u.blocked && t("accounts.admin.statusBlocked"),
    !u.deleted && !u.emailConfirmed && t("accounts.admin.statusUnconfirmed"),
  ].filter((b): b is string => Boolean(b));
  if (badges.length === 0) badges.push(t("accounts.admin.statusActive"));
  return (
    <ul class="badge-list">
      {badges.map((b) => (
        <li class="badge">{b}</li>
      ))}
    </ul>
  );
}

function ActionButton({ ctx, u, action, back }: { ctx: RequestContext; u: AdminUserRow; action: UserAdminAction; back: string }) {
  const label = {
    block: ctx.t("accounts.admin.block"),
    unblock: ctx.t("accounts.admin.unblock"),
    grant_admin: ctx.t("accounts.admin.grantAdmin"),
    revoke_admin: ctx.t("accounts.admin.revokeAdmin"),
  }[action];
  return (
    <form method="post" action={`/admin/users/${u.id}/${action.replace("_", "-")}`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="return_to" value={back} />
      <button type="submit" class="button button-secondary">
        {label}
        <span class="visually-hidden"> · {u.name}</span>
      </button>
    </form>
  );
}

const FILTER_LABELS = {
  all: "accounts.admin.filterAll",
  admins: "accounts.admin.statusAdmin",
  blocked: "accounts.admin.statusBlocked",
  unconfirmed: "accounts.admin.statusUnconfirmed",
  deleted: "accounts.admin.statusDeleted",
} as const satisfies Record<UserFilter, string>;

function pageHref(q: string, status: UserFilter, page: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (status !== "all") params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return `/admin/users${s ? `?${s}` : ""}`;
}

export function AdminUsersView({ ctx, data, errors }: { ctx: RequestContext; data: AdminUsersData; errors?: FieldErrors }) {
  const { t } = ctx;
  const me = ctx.user?.id;
  const back = pageHref(data.q, data.status, data.page);
  const dateFormat = dateTimeFormat(ctx.locale, { dateStyle: "medium" });
  return (
    <>
      <h1>{t("accounts.admin.title")}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/admin/users" class="search-form" role="search">
        <div class="field">
          <label for="users-q">{t("accounts.admin.search")}</label>
          <input id="users-q" type="search" name="q" value={data.q} />
        </div>
        <div class="field">
          <label for="users-status">{t("accounts.admin.filter")}</label>
          <select id="users-status" name="status">
            {USER_FILTERS.map((f) => (
              <option value={f} selected={f === data.status}>
                {t(FILTER_LABELS[f])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-primary">{t("accounts.admin.searchSubmit")}</button>
      </form>
      <p role="status">{t("accounts.admin.count", { count: data.total })}</p>
      {data.rows.length > 0 && (
        <table class="admin-users">
          <caption class="visually-hidden">{t("accounts.admin.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accounts.admin.name")}</th>
              <th scope="col">{t("accounts.admin.email")}</th>
              <th scope="col">{t("accounts.admin.status")}</th>
              <th scope="col">{t("accounts.admin.registered")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((u) => (
              <tr>
                <th scope="row">
                  {u.deleted ? t("accounts.deletedParticipant") : u.name} {u.id === me && <span>{t("accounts.admin.you")}</span>}
                </th>
                <td>{u.email ?? "—"}</td>
                <td><Status ctx={ctx} u={u} /></td>
                <td>{dateFormat.format(u.createdAt)}</td>
                <td>
                  {u.id !== me && !u.deleted && (
                    <div class="button-row">
                      {u.blocked ? (
                        <ActionButton ctx={ctx} u={u} action="unblock" back={back} />
                      ) : (
                        // Blocking asks for a reason (sent to the person): moderation's form.
                        <a class="button button-secondary" href={`/admin/moderation/users/${u.id}/block?return_to=${encodeURIComponent(back)}`}>
                          {t("accounts.admin.block")}
                          <span class="visually-hidden"> · {u.name}</span>
                        </a>
                      )}
                      <ActionButton ctx={ctx} u={u} action={u.isAdmin ? "revoke_admin" : "grant_admin"} back={back} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.pages > 1 && (
        <nav class="pagination" aria-label={t("accounts.admin.pagination")}>
          <ul>
            {data.page > 1 && <li><a href={pageHref(data.q, data.status, data.page - 1)} rel="prev">{t("accounts.admin.previous")}</a></li>}
            <li aria-current="page">{t("accounts.admin.page", { page: data.page, pages: data.pages })}</li>
            {data.page < data.pages && <li><a href={pageHref(data.q, data.status, data.page + 1)} rel="next">{t("accounts.admin.next")}</a></li>}
          </ul>
        </nav>
      )}
    </>
  );
}
