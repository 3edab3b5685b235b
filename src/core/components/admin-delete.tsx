/**
 * Deleting a component: a confirmation page (GET), then the deletion (POST). A published component is
 * unpublished first; one that holds participation is kept (unpublish instead) unless an organization
 * admin forces it by typing its name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldErrors } from "../http/result";
import { localize } from "../i18n/translator";
import { ActionButton, sendSpaceAdminPage } from "../spaces/admin-parts";
import { ConfirmPage, ParticipationGuard } from "../spaces/admin-confirm";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import { loadComponentAdmin, type ComponentAdminParams } from "./admin-routes";
import { componentAdminPath } from "./admin-views";
import { deletionRequest, judgeDeletion, participationIn } from "./participation";
import { deleteComponent } from "./service";

type Loaded = NonNullable<Awaited<ReturnType<typeof loadComponentAdmin>>>;

const nameOf = (req: FastifyRequest, component: ComponentRecord) => localize(component.name, req.ctx.locale, req.ctx.org.defaultLocale).text;

function confirmationPage(req: FastifyRequest, reply: FastifyReply, c: Loaded, participation: number, status = 200, errors?: FieldErrors, typed?: string) {
  const { ctx } = req;
  const space: SpaceRecord = c.space;
  const name = nameOf(req, c.component);
  const heading = ctx.t("spaces.confirm.deleteNamed", { name });
  const action = componentAdminPath(space, c.component, "/delete");
  const cancelHref = componentAdminPath(space, null);
  const unpublish = <ActionButton ctx={ctx} action={componentAdminPath(space, c.component, "/unpublish")} label={ctx.t("spaces.admin.unpublish")} />;
  let body;
  if (c.component.publishedAt) {
    body = (
      <ConfirmPage ctx={ctx} heading={heading} action={null} cancelHref={cancelHref}>
        {participation > 0 && <p>{ctx.t("spaces.delete.holds", { kind: "component", count: participation })}</p>}
        <p>{ctx.t("spaces.delete.publishedComponent")}</p>
        {unpublish}
      </ConfirmPage>
    );
  } else if (participation > 0) {
    body = (
      <ParticipationGuard
        ctx={ctx}
        kind="component"
        heading={heading}
        participation={participation}
        orgAdmin={c.access.orgAdmin}
        expected={name}
        action={action}
        cancelHref={cancelHref}
        errors={errors}
        values={{ confirmation: typed ?? "" }}
      >
        <p>{ctx.t("spaces.confirm.component")}</p>
      </ParticipationGuard>
    );
  } else {
    body = (
      <ConfirmPage ctx={ctx} heading={heading} action={action} cancelHref={cancelHref} errors={errors}>
        <p>{ctx.t("spaces.confirm.component")}</p>
        <p>{ctx.t("spaces.confirm.irreversible")}</p>
      </ConfirmPage>
    );
  }
  return sendSpaceAdminPage(req, reply, space, { title: ctx.t("spaces.confirm.title"), tab: "components", status, body });
}

export async function componentDeleteRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const path = "/admin/spaces/:id/components/:componentId/delete";

  app.get<{ Params: ComponentAdminParams }>(path, async (req, reply) => {
    const c = await loadComponentAdmin(req, reply);
    if (!c) return reply;
    return confirmationPage(req, reply, c, await participationIn(db, [c.component]));
  });

  app.post<{ Params: ComponentAdminParams }>(path, async (req, reply) => {
    const c = await loadComponentAdmin(req, reply);
    if (!c) return reply;
    const request = deletionRequest(req.body);
    const participation = await participationIn(db, [c.component]);
    // A published component may be in use right now: it is unpublished before it can go.
    if (c.component.publishedAt) return confirmationPage(req, reply, c, participation, 403);
    const verdict = judgeDeletion(participation, c.access.orgAdmin, nameOf(req, c.component), request);
    if (!verdict.ok) {
      if (verdict.reason === "notOrgAdmin") return confirmationPage(req, reply, c, participation, 403);
      if (verdict.reason === "participation") return confirmationPage(req, reply, c, participation, 409, { _form: { key: "spaces.delete.refused" } });
      return confirmationPage(req, reply, c, participation, 422, { confirmation: { key: "spaces.delete.confirmationMismatch", values: { expected: `“${nameOf(req, c.component)}”` } } }, request.confirmation);
    }
    const outcome = await deleteComponent(db, c.actor, c.space.id, c.component.id, { allowParticipation: verdict.forced });
    // Participation that arrived between the page and the deletion keeps the component.
    if (!outcome.deleted) return confirmationPage(req, reply, c, outcome.participation, 409, { _form: { key: "spaces.delete.refused" } });
    return redirectWithFlash(reply, componentAdminPath(c.space, null), "success", req.ctx.t("components.admin.deleted"));
  });
}

