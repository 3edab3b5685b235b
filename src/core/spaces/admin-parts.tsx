/** Pieces shared by the back-office screens of a space: its header with tabs, small action buttons. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import { localize } from "../i18n/translator";
import { sendAdminPage } from "../admin/layout";
import { requireUser } from "../http/guards";
import { forbidden, notFound } from "../http/result";
import { canAdministerSpace, loadSpaceAccess, type SpaceAccess } from "../permissions/access";
import { CsrfField } from "../../web/ui/forms";
import { findSpaceById } from "./queries";
import type { Actor } from "./service";
import { spacePath, type SpaceRecord } from "./types";

export type SpaceTab = "edit" | "steps" | "members" | "components" | "categories" | "roles" | "private" | "moderation" | "theme";

const TABS: Array<{ tab: SpaceTab; label: MessageKey; path: string; only?: SpaceRecord["type"] }> = [
  { tab: "edit", label: "spaces.admin.tab.edit", path: "/edit" },
  { tab: "steps", label: "spaces.admin.tab.steps", path: "/steps" },
  { tab: "members", label: "spaces.admin.tab.members", path: "/members", only: "assembly" },
  { tab: "components", label: "spaces.admin.tab.components", path: "/components" },
  { tab: "categories", label: "categories.admin.tab", path: "/categories" },
  { tab: "roles", label: "spaces.admin.tab.roles", path: "/roles" },
  { tab: "private", label: "spaces.admin.tab.private", path: "/private-users" },
  { tab: "moderation", label: "moderation.tab", path: "/moderation" },
  // The theme area edits a space's theme (with its contrast checks) at its own address.
  { tab: "theme", label: "spaces.admin.tab.theme", path: "/admin/appearance/spaces/" },
];

const tabHref = (space: { id: number }, path: string) => (path.startsWith("/admin/") ? `${path}${space.id}` : spaceAdminPath(space, path));

export const spaceAdminPath = (space: { id: number }, rest = "") => `/admin/spaces/${space.id}${rest}`;

export function SpaceAdminHeader({ ctx, space, current }: { ctx: RequestContext; space: SpaceRecord; current: SpaceTab | null }) {
  const title = localize(space.title, ctx.locale, ctx.org.defaultLocale).text;
  return (
    <div class="space-admin-header">
      <p class="hint">
        <a href="/admin/spaces">{ctx.t("spaces.admin.title")}</a> · {ctx.t(space.type === "process" ? "spaces.admin.process" : "spaces.admin.assembly")} ·{" "}
        {space.publishedAt ? ctx.t("spaces.admin.published") : ctx.t("spaces.admin.unpublished")} · <a href={spacePath(space)}>{ctx.t("spaces.admin.viewPublic")}</a>
      </p>
      <div class="admin-actions">
        <p class="space-admin-name">{title}</p>
        <ActionButton ctx={ctx} action={spaceAdminPath(space, space.publishedAt ? "/unpublish" : "/publish")} label={ctx.t(space.publishedAt ? "spaces.admin.unpublish" : "spaces.admin.publish")} secondary={Boolean(space.publishedAt)} />
        {/* Deleting a space is for organization admins, as creating one is. */}
        {ctx.user?.isAdmin && (
          <a class="button button-danger button-small" href={spaceAdminPath(space, "/delete")}>
            {ctx.t("spaces.delete.button")}
          </a>
        )}
      </div>
      <nav aria-label={ctx.t("spaces.admin.sections")} class="tabs">
        <ul>
          {TABS.filter((t) => !t.only || t.only === space.type).map((t) => (
            <li>
              <a href={tabHref(space, t.path)} aria-current={t.tab === current ? "page" : undefined}>
                {ctx.t(t.tab === "steps" && space.type === "assembly" ? "archive.phases.title" : t.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** A one-button form posting to `action` (publish, activate, delete...). */
export function ActionButton({ ctx, action, label, secondary }: { ctx: RequestContext; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={secondary ? "button button-secondary button-small" : "button button-small"}>
        {label}
      </button>
    </form>
  );
}

/** A component's back-office page: the space's header with its "components" tab, then the page. */
export function sendComponentAdminPage(req: FastifyRequest, reply: FastifyReply, c: { space: SpaceRecord }, title: string, body: ComponentChildren, status = 200) {
  return sendSpaceAdminPage(req, reply, c.space, { title, tab: "components", body, status });
}

export function sendSpaceAdminPage(req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, page: { title: string; tab: SpaceTab | null; body: ComponentChildren; status?: number }) {
  return sendAdminPage(req, reply, {
    title: page.title,
    status: page.status ?? 200,
    body: (
      <>
        <SpaceAdminHeader ctx={req.ctx} space={space} current={page.tab} />
        {page.body}
      </>
    ),
  });
}

/** The space and the acting admin (organization admin or the space's own admin), or null after a redirect. */
export async function requireSpaceAdmin(req: FastifyRequest, reply: FastifyReply, rawId: string): Promise<{ space: SpaceRecord; actor: Actor; access: SpaceAccess } | null> {
  const user = requireUser(req, reply);
  if (!user) return null;
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : null;
  const space = id === null ? null : await findSpaceById(req.server.deps.db, id);
  if (!space) throw notFound();
  const access = await loadSpaceAccess(req.server.deps.db, user, space.id);
  if (!canAdministerSpace(access)) throw forbidden();
  return { space, actor: { id: user.id, ip: req.ip }, access };
}

export const actorOf = (req: FastifyRequest): Actor => ({ id: req.ctx.user?.id ?? 0, ip: req.ip });
