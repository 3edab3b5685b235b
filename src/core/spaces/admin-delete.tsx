/**
 * Deleting a space (organization admins, like creating one): a confirmation page (GET), then the
 * deletion (POST). A space whose components hold participation is kept (unpublish instead) unless the
 * admin forces it by typing its address (slug); the forced deletion is audited with the count.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { deletionRequest, judgeDeletion, participationIn } from "../components/participation";
import { forbidden, type FieldErrors } from "../http/result";
import { localize } from "../i18n/translator";
import { redirectWithFlash } from "../../web/render";
import { ConfirmPage, ParticipationGuard } from "./admin-confirm";
import { ActionButton, requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "./admin-parts";
import { spaceDeletionFacts } from "./queries";
import { deleteSpace } from "./service";
import type { SpaceRecord } from "./types";

type P = { id: string };

export async function spaceDeleteRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function load(req: FastifyRequest<{ Params: P }>, reply: FastifyReply) {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return null;
    if (!a.access.orgAdmin) throw forbidden();
    const facts = await spaceDeletionFacts(db, a.space.id);
    return { ...a, participation: await participationIn(db, facts.components), children: facts.children };
  }

  function page(req: FastifyRequest, reply: FastifyReply, l: { space: SpaceRecord; participation: number; children: number }, status = 200, errors?: FieldErrors, typed?: string) {
    const { ctx } = req;
    const { space } = l;
    const heading = ctx.t("spaces.confirm.deleteNamed", { name: localize(space.title, ctx.locale, ctx.org.defaultLocale).text });
    const action = spaceAdminPath(space, "/delete");
    const cancelHref = spaceAdminPath(space, "/edit");
    const what = (
      <>
        <p>{ctx.t("spaces.confirm.space")}</p>
        {l.children > 0 && <p>{ctx.t("spaces.confirm.children", { count: l.children })}</p>}
      </>
    );
    const body =
      l.participation > 0 ? (
        <ParticipationGuard
          ctx={ctx}
          kind="space"
          heading={heading}
          participation={l.participation}
          orgAdmin
          expected={space.slug}
          action={action}
          cancelHref={cancelHref}
          unpublish={space.publishedAt ? <ActionButton ctx={ctx} action={spaceAdminPath(space, "/unpublish")} label={ctx.t("spaces.admin.unpublish")} /> : undefined}
          errors={errors}
          values={{ confirmation: typed ?? "" }}
        >
          {what}
        </ParticipationGuard>
      ) : (
        <ConfirmPage ctx={ctx} heading={heading} action={action} cancelHref={cancelHref} errors={errors}>
          {what}
          <p>{ctx.t("spaces.confirm.irreversible")}</p>
        </ConfirmPage>
      );
    return sendSpaceAdminPage(req, reply, space, { title: ctx.t("spaces.confirm.title"), tab: null, status, body });
  }

  app.get<{ Params: P }>("/admin/spaces/:id/delete", async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    return page(req, reply, l);
  });

  app.post<{ Params: P }>("/admin/spaces/:id/delete", async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const request = deletionRequest(req.body);
    const verdict = judgeDeletion(l.participation, l.access.orgAdmin, l.space.slug, request);
    if (!verdict.ok) {
      if (verdict.reason === "notOrgAdmin") throw forbidden();
      if (verdict.reason === "participation") return page(req, reply, l, 409, { _form: { key: "spaces.delete.refused" } });
      return page(req, reply, l, 422, { confirmation: { key: "spaces.delete.confirmationMismatch", values: { expected: `“${l.space.slug}”` } } }, request.confirmation);
    }
    const outcome = await deleteSpace(db, l.actor, l.space.id, { allowParticipation: verdict.forced });
    // Participation that arrived between the page and the deletion keeps the space.
    if (!outcome.deleted) return page(req, reply, { ...l, participation: outcome.participation }, 409, { _form: { key: "spaces.delete.refused" } });
    return redirectWithFlash(reply, "/admin/spaces", "success", req.ctx.t("spaces.delete.deleted"));
  });
}
