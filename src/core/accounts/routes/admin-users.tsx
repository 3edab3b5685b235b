/** /admin/users: the people of the organization; block, unblock, grant or revoke the administrator role. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendAdminPage } from "../../admin/layout";
import { safeReturnPath } from "../../home/routes";
import { requireAdmin } from "../../http/guards";
import { fail, notFound, type FieldErrors } from "../../http/result";
import { blockParticipant, unblockParticipant } from "../../moderation/block";
import { blockInput } from "../../moderation/inputs";
import { redirectWithFlash } from "../../../web/render";
import { adminUsersQuery } from "../inputs";
import { findUserById } from "../users";
import { applyUserAdminAction, listUsers, type UserAdminAction } from "../service/admin-users";
import { AdminUsersView } from "../views/admin-users";

const ACTIONS: Record<string, UserAdminAction> = {
  block: "block",
  unblock: "unblock",
  "grant-admin": "grant_admin",
  "revoke-admin": "revoke_admin",
};

export async function adminUsersRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function showList(req: FastifyRequest, reply: FastifyReply, query: unknown, errors?: FieldErrors) {
    const parsed = adminUsersQuery.safeParse(query ?? {});
    const q = parsed.success ? parsed.data : {};
    const list = await listUsers(db, q);
    return sendAdminPage(req, reply, {
      status: errors ? 422 : 200,
      title: req.ctx.t("accounts.admin.title"),
      body: <AdminUsersView ctx={req.ctx} data={{ ...list, q: q.q ?? "", status: q.status ?? "all" }} errors={errors} />,
    });
  }

  app.get("/admin/users", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return showList(req, reply, req.query);
  });

  app.post<{ Params: { id: string; action: string } }>("/admin/users/:id/:action", async (req, reply) => {
    const admin = requireAdmin(req, reply);
    if (!admin) return reply;
    const action = ACTIONS[req.params.action];
    const id = Number(req.params.id);
    if (!action || !Number.isSafeInteger(id) || id <= 0) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = safeReturnPath(body.return_to);
    const actor = { id: admin.id, ip: req.ip };
    // Blocking is moderation's (a reason, content hidden, a mail); the button leads to its form.
    const reason = blockInput.shape.reason.safeParse(body.reason);
    if (action === "block" && !reason.success && !(await findUserById(db, id))) throw notFound();
    const result =
      action === "block" ? (reason.success ? await blockParticipant(app.deps, actor, id, reason.data) : fail({ reason: { key: "moderation.block.reasonRequired" } }))
      : action === "unblock" ? await unblockParticipant(app.deps, actor, id)
      : await applyUserAdminAction(db, actor, id, action);
    if (!result.ok) return showList(req, reply, Object.fromEntries(new URL(back, "http://x").searchParams), result.errors);
    const target = back.startsWith("/admin/users") ? back : "/admin/users";
    return redirectWithFlash(reply, target, "success", req.ctx.t(`accounts.admin.done.${action}`, { name: result.value.name }));
  });
}
