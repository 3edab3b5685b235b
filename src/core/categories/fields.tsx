/**
 * The form fields and list filters a component uses, one line each (the trees come from `categoriesFor` / `scopesFor`, taxonomy.ts):
 *   <CategorySelect ctx={ctx} name="categoryId" trees={categoryChoices(ctx, loaded)} value={values.categoryId} errors={errors} />
 *   <ScopeSelect ctx={ctx} name="scopeId" tree={scopes} value={values.scopeId} errors={errors} />
 *   <CategoryFilter ctx={ctx} trees={categoryChoices(ctx, loaded)} value={filter.categoryId} />   (a GET form's select, "any" first)
 *   <ScopeFilter ctx={ctx} tree={scopes} value={filter.scopeId} />
 * A top-level category with sub-categories is an <optgroup> holding itself and them; several spaces'
 * categories (a site-wide list) are grouped by space, sub-categories indented. Each renders nothing
 * when there is nothing to choose.
 */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { GroupedSelect, type GroupedOptions, type SelectOption } from "../../web/ui/forms";
import { nameIn } from "./labels";
import type { CategoryNode, ScopeTree, SpaceCategories } from "./queries";

/** One space's categories; `label` (the space's title) when several spaces' are offered together. */
export interface CategoryTreeChoice {
  label?: string;
  categories: CategoryNode[];
}

type Mode = "form" | "filter";

/** Loaded trees as the fields take them, each labelled with its space's title in the reader's language. */
export function categoryChoices(ctx: RequestContext, loaded: SpaceCategories[]): CategoryTreeChoice[] {
  return loaded.map((s) => ({ label: name(ctx, s.spaceTitle), categories: s.categories }));
}

const name = (ctx: RequestContext, n: Translatable) => nameIn(n, { locale: ctx.locale, fallback: ctx.org.defaultLocale }) ?? "";
const asValue = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function categoryOptions(ctx: RequestContext, trees: CategoryTreeChoice[], mode: Mode): GroupedOptions {
  const nonEmpty = trees.filter((t) => t.categories.length > 0);
  // In a filter a parent stands for itself and its sub-categories: say so.
  const parentLabel = (c: CategoryNode) => (mode === "filter" && c.children.length > 0 ? ctx.t("categories.filter.allOf", { name: name(ctx, c.name) }) : name(ctx, c.name));
  if (nonEmpty.length > 1) {
    return nonEmpty.map((t) => ({
      group: t.label ?? "",
      options: t.categories.flatMap((c): SelectOption[] => [{ value: String(c.id), label: parentLabel(c) }, ...c.children.map((s) => ({ value: String(s.id), label: `– ${name(ctx, s.name)}` }))]),
    }));
  }
  return (nonEmpty[0]?.categories ?? []).map((c) =>
    c.children.length === 0
      ? { value: String(c.id), label: name(ctx, c.name) }
      : { group: name(ctx, c.name), options: [{ value: String(c.id), label: parentLabel(c) }, ...c.children.map((s) => ({ value: String(s.id), label: name(ctx, s.name) }))] },
  );
}

function scopeOptions(ctx: RequestContext, tree: ScopeTree, mode: Mode): GroupedOptions {
  return tree.roots.map((root) => {
    if (root.children.length === 0) return { value: String(root.id), label: name(ctx, root.name) };
    const below = tree.flat.filter((n) => n.depth > 0 && isUnder(tree, n.id, root.id));
    return {
      group: name(ctx, root.name),
      options: [
        { value: String(root.id), label: mode === "filter" ? ctx.t("categories.filter.allOf", { name: name(ctx, root.name) }) : name(ctx, root.name) },
        ...below.map((n) => ({ value: String(n.id), label: `${"– ".repeat(n.depth - 1)}${name(ctx, n.name)}` })),
      ],
    };
  });
}

function isUnder(tree: ScopeTree, id: number, rootId: number): boolean {
  for (let n = tree.byId.get(id), i = 0; n && i < 100; n = n.parentId === null ? undefined : tree.byId.get(n.parentId), i++) if (n.id === rootId) return true;
  return false;
}

interface SelectProps {
  ctx: RequestContext;
  name?: string;
  label?: string;
  hint?: string;
  value?: string | number | null | undefined;
  errors?: FieldErrors | undefined;
}

/** A form's category field ("No category" first); nothing when the spaces have no category. */
export function CategorySelect(props: SelectProps & { trees: CategoryTreeChoice[]; mode?: Mode }) {
  const { ctx } = props;
  const mode = props.mode ?? "form";
  const options = categoryOptions(ctx, props.trees, mode);
  if (options.length === 0) return null;
  const blank = { value: "", label: ctx.t(mode === "filter" ? "categories.filter.anyCategory" : "categories.field.noCategory") };
  return <GroupedSelect ctx={ctx} name={props.name ?? (mode === "filter" ? "category" : "categoryId")} label={props.label ?? ctx.t("categories.field.category")} hint={props.hint} value={asValue(props.value)} errors={props.errors} options={[blank, ...options]} />;
}

/** A form's scope field ("No scope" first); nothing when the organization has no scope. */
export function ScopeSelect(props: SelectProps & { tree: ScopeTree; mode?: Mode }) {
  const { ctx } = props;
  const mode = props.mode ?? "form";
  if (props.tree.roots.length === 0) return null;
  const blank = { value: "", label: ctx.t(mode === "filter" ? "categories.filter.anyScope" : "categories.field.noScope") };
  return <GroupedSelect ctx={ctx} name={props.name ?? (mode === "filter" ? "scope" : "scopeId")} label={props.label ?? ctx.t("categories.field.scope")} hint={props.hint} value={asValue(props.value)} errors={props.errors} options={[blank, ...scopeOptions(ctx, props.tree, mode)]} />;
}

/** A list's category filter (`?category=`): "Any category" first; a parent also finds its sub-categories. */
export function CategoryFilter(props: Omit<SelectProps, "errors"> & { trees: CategoryTreeChoice[] }) {
  return <CategorySelect {...props} mode="filter" />;
}

/** A list's scope filter (`?scope=`): "Any scope" first; a scope also finds those it contains. */
export function ScopeFilter(props: Omit<SelectProps, "errors"> & { tree: ScopeTree }) {
  return <ScopeSelect {...props} mode="filter" />;
}

/** A resource's category and scope in a line of text ("Environment · Ixelles"), or nothing. */
export function FiledUnder({ ctx, category, scope }: { ctx: RequestContext; category?: Translatable | null | undefined; scope?: Translatable | null | undefined }) {
  const parts = [category, scope].flatMap((n) => (n ? [name(ctx, n)] : [])).filter(Boolean);
  if (parts.length === 0) return null;
  return <span class="filed-under">{parts.join(" · ")}</span>;
}
