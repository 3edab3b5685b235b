/**
 * Back office of categories (a space's, for its administrators: /admin/spaces/:id/categories) and of
 * scopes (the organization's, for organization administrators: /admin/scopes). Every change is a
 * plain form post, audited by the services; refusals re-render the form with translated errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { nestFields, parseNested } from "../components/form-values";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { notFound, type FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { actorOf, requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "../spaces/admin-parts";
import type { SpaceRecord } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import { CategoriesAdminList, CategoryForm, DeletionConfirm, ScopeForm, ScopesAdminList, type CategoryFormValues, type ScopeFormValues } from "./admin-views";
import { categoryInput, scopeInput } from "./inputs";
import { nameIn } from "./labels";
import { findCategory, loadCategoryTree, loadScopeTree, type ScopeTree } from "./queries";
import { deleteScope, createScope, scopeDeletion, updateScope } from "./scopes-service";
import { categoryDeletion, createCategory, deleteCategory, updateCategory } from "./service";

type P = { id: string; categoryId?: string; scopeId?: string };
const idOf = (raw: string | undefined) => (/^\d{1,15}$/.test(raw ?? "") ? Number(raw) : -1);
const nameFor = (req: FastifyRequest, n: Translatable) => nameIn(n, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale }) ?? "";

/** The scopes a scope may be part of: not itself, not one it contains. */
function possibleParents(tree: ScopeTree, id: number | null) {
  if (id === null) return tree.flat;
  const below = new Set<number>([id]);
  for (const n of tree.flat) if (n.parentId !== null && below.has(n.parentId)) below.add(n.id);
  return tree.flat.filter((n) => !below.has(n.id));
}

export async function categoryAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const base = (space: SpaceRecord) => spaceAdminPath(space, "/categories");

  async function formPage(req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, opts: { id: number | null; values: CategoryFormValues; errors?: FieldErrors }) {
    const tree = await loadCategoryTree(db, space.id);
    const heading = req.ctx.t(opts.id === null ? "categories.admin.new" : "categories.admin.edit");
    const action = opts.id === null ? `${base(space)}/new` : `${base(space)}/${opts.id}/edit`;
    return sendSpaceAdminPage(req, reply, space, {
      title: heading,
      tab: "categories",
      status: opts.errors ? 422 : 200,
      body: <CategoryForm ctx={req.ctx} action={action} heading={heading} values={opts.values} parents={tree.filter((c) => c.id !== opts.id)} errors={opts.errors} />,
    });
  }

  app.get<{ Params: P }>("/admin/spaces/:id/categories", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const tree = await loadCategoryTree(db, a.space.id);
    return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("categories.title"), tab: "categories", body: <CategoriesAdminList ctx={req.ctx} base={base(a.space)} tree={tree} /> });
  });

  app.get<{ Params: P }>("/admin/spaces/:id/categories/new", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    return formPage(req, reply, a.space, { id: null, values: {} });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/categories/new", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const values = nestFields(req.body) as CategoryFormValues;
    const parsed = parseNested(categoryInput, values);
    const result = parsed.ok ? await createCategory(db, a.actor, a.space.id, parsed.value) : parsed;
    if (!result.ok) return formPage(req, reply, a.space, { id: null, values, errors: result.errors });
    return redirectWithFlash(reply, base(a.space), "success", req.ctx.t("categories.admin.created"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/categories/:categoryId/edit", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const category = await findCategory(db, a.space.id, idOf(req.params.categoryId));
    if (!category) throw notFound();
    return formPage(req, reply, a.space, { id: category.id, values: category });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/categories/:categoryId/edit", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const id = idOf(req.params.categoryId);
    const values = nestFields(req.body) as CategoryFormValues;
    const parsed = parseNested(categoryInput, values);
    if (!parsed.ok) {
      if (!(await findCategory(db, a.space.id, id))) throw notFound();
      return formPage(req, reply, a.space, { id, values, errors: parsed.errors });
    }
    const result = await updateCategory(db, a.actor, a.space.id, id, parsed.value);
    if (!result) throw notFound();
    if (!result.ok) return formPage(req, reply, a.space, { id, values, errors: result.errors });
    return redirectWithFlash(reply, base(a.space), "success", req.ctx.t("categories.admin.saved"));
  });

  async function confirmPage(req: FastifyRequest<{ Params: P }>, reply: FastifyReply, space: SpaceRecord, errors?: FieldErrors) {
    const category = await findCategory(db, space.id, idOf(req.params.categoryId));
    if (!category) throw notFound();
    const what = await categoryDeletion(db, category.id);
    return sendSpaceAdminPage(req, reply, space, {
      title: req.ctx.t("categories.delete.heading", { name: nameFor(req, category.name) }),
      tab: "categories",
      status: errors ? 422 : 200,
      body: <DeletionConfirm ctx={req.ctx} kind="category" name={nameFor(req, category.name)} action={`${base(space)}/${category.id}/delete`} cancelHref={base(space)} errors={errors} contained={what.children} filed={what.filed} />,
    });
  }

  app.get<{ Params: P }>("/admin/spaces/:id/categories/:categoryId/delete", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    return confirmPage(req, reply, a.space);
  });

  app.post<{ Params: P }>("/admin/spaces/:id/categories/:categoryId/delete", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const result = await deleteCategory(db, a.actor, a.space.id, idOf(req.params.categoryId));
    if (!result) throw notFound();
    if (!result.ok) return confirmPage(req, reply, a.space, result.errors);
    return redirectWithFlash(reply, base(a.space), "success", req.ctx.t("categories.admin.deleted"));
  });
}

export async function scopeAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const base = "/admin/scopes";

  async function formPage(req: FastifyRequest, reply: FastifyReply, opts: { id: number | null; values: ScopeFormValues; errors?: FieldErrors }) {
    const tree = await loadScopeTree(db);
    const heading = req.ctx.t(opts.id === null ? "categories.scopes.new" : "categories.scopes.edit");
    const action = opts.id === null ? `${base}/new` : `${base}/${opts.id}/edit`;
    return sendAdminPage(req, reply, {
      title: heading,
      status: opts.errors ? 422 : 200,
      body: <ScopeForm ctx={req.ctx} action={action} heading={heading} values={opts.values} parents={possibleParents(tree, opts.id)} errors={opts.errors} />,
    });
  }

  app.get(base, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const tree = await loadScopeTree(db);
    return sendAdminPage(req, reply, { title: req.ctx.t("categories.scopes.title"), body: <ScopesAdminList ctx={req.ctx} tree={tree} /> });
  });

  app.get(`${base}/new`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return formPage(req, reply, { id: null, values: {} });
  });

  app.post(`${base}/new`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const values = nestFields(req.body) as ScopeFormValues;
    const parsed = parseNested(scopeInput, values);
    const result = parsed.ok ? await createScope(db, actorOf(req), parsed.value) : parsed;
    if (!result.ok) return formPage(req, reply, { id: null, values, errors: result.errors });
    return redirectWithFlash(reply, base, "success", req.ctx.t("categories.scopes.created"));
  });

  app.get<{ Params: P }>(`${base}/:scopeId/edit`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const scope = (await loadScopeTree(db)).byId.get(idOf(req.params.scopeId));
    if (!scope) throw notFound();
    return formPage(req, reply, { id: scope.id, values: scope });
  });

  app.post<{ Params: P }>(`${base}/:scopeId/edit`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const id = idOf(req.params.scopeId);
    const values = nestFields(req.body) as ScopeFormValues;
    const parsed = parseNested(scopeInput, values);
    if (!parsed.ok) {
      if (!(await loadScopeTree(db)).byId.has(id)) throw notFound();
      return formPage(req, reply, { id, values, errors: parsed.errors });
    }
    const result = await updateScope(db, actorOf(req), id, parsed.value);
    if (!result) throw notFound();
    if (!result.ok) return formPage(req, reply, { id, values, errors: result.errors });
    return redirectWithFlash(reply, base, "success", req.ctx.t("categories.scopes.saved"));
  });

  async function confirmPage(req: FastifyRequest<{ Params: P }>, reply: FastifyReply, errors?: FieldErrors) {
    const scope = (await loadScopeTree(db)).byId.get(idOf(req.params.scopeId));
    if (!scope) throw notFound();
    const what = await scopeDeletion(db, scope.id);
    return sendAdminPage(req, reply, {
      title: req.ctx.t("categories.scopes.delete.heading", { name: nameFor(req, scope.name) }),
      status: errors ? 422 : 200,
      body: <DeletionConfirm ctx={req.ctx} kind="scope" name={nameFor(req, scope.name)} action={`${base}/${scope.id}/delete`} cancelHref={base} errors={errors} contained={what.children} filed={what.filed} />,
    });
  }

  app.get<{ Params: P }>(`${base}/:scopeId/delete`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return confirmPage(req, reply);
  });

  app.post<{ Params: P }>(`${base}/:scopeId/delete`, async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const result = await deleteScope(db, actorOf(req), idOf(req.params.scopeId));
    if (!result) throw notFound();
    if (!result.ok) return confirmPage(req, reply, result.errors);
    return redirectWithFlash(reply, base, "success", req.ctx.t("categories.scopes.deleted"));
  });
}

/** Both areas, registered as one by app-routes. */
export async function categoriesRoutes(app: FastifyInstance): Promise<void> {
  await categoryAdminRoutes(app);
  await scopeAdminRoutes(app);
}
