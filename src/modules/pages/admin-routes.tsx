/** Back-office routes of the pages component (relative to /admin/spaces/:spaceId/components/:id/manage). */
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { actorOf, sendSpaceAdminPage } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { PageForm, PagesAdminList, type PageFormValues } from "./admin-views";
import type { PagesGlobal, PagesStep } from "./routes";
import { createPage, deletePage, findPage, listPageSummaries, pageInput, updatePage } from "./service";

type Handler = ComponentRoute<PagesGlobal, PagesStep>["handler"];
type C = ComponentRequest<PagesGlobal, PagesStep>;

const nameOf = (req: Parameters<Handler>[0], c: C) => localize(c.component.name, req.ctx.locale, req.ctx.org.defaultLocale).text;
const pageIdOf = (c: C) => (/^\d{1,15}$/.test(c.params.pageId ?? "") ? Number(c.params.pageId) : -1);

const list: Handler = async (req, reply, c) => {
  const pages = await listPageSummaries(c.deps.db, c.component.id);
  const name = nameOf(req, c);
  return sendSpaceAdminPage(req, reply, c.space, { title: name, tab: "components", body: <PagesAdminList ctx={req.ctx} base={c.base} pages={pages} componentName={name} /> });
};

const newForm: Handler = async (req, reply, c) =>
  sendSpaceAdminPage(req, reply, c.space, { title: req.ctx.t("pages.admin.new"), tab: "components", body: <PageForm ctx={req.ctx} action={`${c.base}/new`} values={{}} heading={req.ctx.t("pages.admin.new")} /> });

const create: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const parsed = parseNested(pageInput, values);
  if (!parsed.ok) {
    return sendSpaceAdminPage(req, reply, c.space, {
      title: req.ctx.t("pages.admin.new"),
      tab: "components",
      status: 422,
      body: <PageForm ctx={req.ctx} action={`${c.base}/new`} values={values as PageFormValues} errors={parsed.errors} heading={req.ctx.t("pages.admin.new")} />,
    });
  }
  await createPage(c.deps.db, actorOf(req), c.space.id, c.component.id, parsed.value);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("pages.admin.saved"));
};

const editForm: Handler = async (req, reply, c) => {
  const page = await findPage(c.deps.db, c.component.id, pageIdOf(c));
  if (!page) throw notFound();
  const heading = req.ctx.t("pages.admin.edit");
  return sendSpaceAdminPage(req, reply, c.space, { title: heading, tab: "components", body: <PageForm ctx={req.ctx} action={`${c.base}/${page.id}/edit`} values={page} heading={heading} /> });
};

const update: Handler = async (req, reply, c) => {
  const pageId = pageIdOf(c);
  const values = nestFields(req.body);
  const parsed = parseNested(pageInput, values);
  if (!parsed.ok) {
    const heading = req.ctx.t("pages.admin.edit");
    return sendSpaceAdminPage(req, reply, c.space, {
      title: heading,
      tab: "components",
      status: 422,
      body: <PageForm ctx={req.ctx} action={`${c.base}/${pageId}/edit`} values={values as PageFormValues} errors={parsed.errors} heading={heading} />,
    });
  }
  if (!(await updatePage(c.deps.db, actorOf(req), c.space.id, c.component.id, pageId, parsed.value))) throw notFound();
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("pages.admin.saved"));
};

const confirmRemove: Handler = async (req, reply, c) => {
  const page = await findPage(c.deps.db, c.component.id, pageIdOf(c));
  if (!page) throw notFound();
  const { ctx } = req;
  return sendSpaceAdminPage(req, reply, c.space, {
    title: ctx.t("spaces.confirm.title"),
    tab: "components",
    body: (
      <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: localize(page.title, ctx.locale, ctx.org.defaultLocale).text })} action={`${c.base}/${page.id}/delete`} cancelHref={c.base}>
        <p>{ctx.t("spaces.confirm.irreversible")}</p>
      </ConfirmPage>
    ),
  });
};

const remove: Handler = async (req, reply, c) => {
  await deletePage(c.deps.db, actorOf(req), c.space.id, c.component.id, pageIdOf(c));
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("pages.admin.deleted"));
};

export const pagesAdminRoutes: Array<ComponentRoute<PagesGlobal, PagesStep>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: newForm },
  { method: "POST", path: "/new", handler: create },
  { method: "GET", path: "/:pageId/edit", handler: editForm },
  { method: "POST", path: "/:pageId/edit", handler: update },
  { method: "GET", path: "/:pageId/delete", handler: confirmRemove },
  { method: "POST", path: "/:pageId/delete", handler: remove },
];
