/** Back-office screens of a space's categories and of the organization's scopes. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { TranslatableField } from "../components/fields";
import { ConfirmPage, DeleteLink } from "../spaces/admin-confirm";
import { Form, Select, Submit, TextField } from "../../web/ui/forms";
import { nameIn } from "./labels";
import type { Category, CategoryNode, ScopeNode, ScopeTree } from "./queries";

const nameOf = (ctx: RequestContext, n: Translatable) => nameIn(n, { locale: ctx.locale, fallback: ctx.org.defaultLocale }) ?? "—";

export function CategoriesAdminList({ ctx, base, tree }: { ctx: RequestContext; base: string; tree: CategoryNode[] }) {
  const rows = tree.flatMap((c) => [{ c, parent: null as CategoryNode | null }, ...c.children.map((s) => ({ c: s, parent: c }))]);
  return (
    <>
      <h1>{ctx.t("categories.title")}</h1>
      <p>{ctx.t("categories.admin.intro")}</p>
      <p>
        <a class="button" href={`${base}/new`}>
          {ctx.t("categories.admin.new")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{ctx.t("categories.admin.empty")}</p>
      ) : (
        <table class="admin-categories">
          <caption class="visually-hidden">{ctx.t("categories.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("categories.fields.name")}</th>
              <th scope="col">{ctx.t("categories.fields.weight")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, parent }) => {
              const name = nameOf(ctx, c.name);
              return (
                <tr class={parent ? "sub-category" : undefined}>
                  <th scope="row">
                    {parent ? <span aria-hidden="true">– </span> : null}
                    {name}
                    {parent && <span class="hint"> ({ctx.t("categories.admin.subOf", { name: nameOf(ctx, parent.name) })})</span>}
                  </th>
                  <td>{c.weight}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${c.id}/edit`}>
                      {ctx.t("common.edit")}
                      <span class="visually-hidden"> {name}</span>
                    </a>{" "}
                    <DeleteLink ctx={ctx} href={`${base}/${c.id}/delete`} name={name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface CategoryFormValues {
  name?: Translatable;
  description?: Translatable;
  parentId?: number | string | null;
  weight?: number | string;
}

/** `parents`: the space's top-level categories the category may go under (itself left out). */
export function CategoryForm({ ctx, action, heading, values, parents, errors }: { ctx: RequestContext; action: string; heading: string; values: CategoryFormValues; parents: Category[]; errors?: FieldErrors | undefined }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="name" label={ctx.t("categories.fields.name")} value={values.name} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={ctx.t("categories.fields.description")} value={values.description} errors={errors} multiline rows={3} />
        <Select
          ctx={ctx}
          name="parentId"
          label={ctx.t("categories.fields.parent")}
          hint={ctx.t("categories.fields.parentHint")}
          value={values.parentId == null ? "" : String(values.parentId)}
          errors={errors}
          options={[{ value: "", label: ctx.t("categories.fields.parentNone") }, ...parents.map((p) => ({ value: String(p.id), label: nameOf(ctx, p.name) }))]}
        />
        <TextField ctx={ctx} name="weight" type="number" inputmode="numeric" label={ctx.t("categories.fields.weight")} hint={ctx.t("categories.fields.weightHint")} value={values.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}

/** What deleting a category or scope does, then the confirmation (or only the way back when refused). */
export function DeletionConfirm(props: { ctx: RequestContext; kind: "category" | "scope"; name: string; action: string; cancelHref: string; contained: number; filed: number; errors?: FieldErrors | undefined }) {
  const { ctx } = props;
  const keys =
    props.kind === "category"
      ? ({ heading: "categories.delete.heading", inUse: "categories.delete.inUse", hasChildren: "categories.delete.hasChildren" } as const)
      : ({ heading: "categories.scopes.delete.heading", inUse: "categories.scopes.delete.inUse", hasChildren: "categories.scopes.delete.hasChildren" } as const);
  const refused = props.contained > 0;
  return (
    <ConfirmPage ctx={ctx} heading={ctx.t(keys.heading, { name: props.name })} action={refused ? null : props.action} cancelHref={props.cancelHref} errors={props.errors}>
      {refused ? (
        <p class="notice">{ctx.t(keys.hasChildren, { count: props.contained })}</p>
      ) : (
        <>
          <p>{ctx.t(keys.inUse, { count: props.filed })}</p>
          <p>{ctx.t("spaces.confirm.irreversible")}</p>
        </>
      )}
    </ConfirmPage>
  );
}

export function ScopesAdminList({ ctx, tree }: { ctx: RequestContext; tree: ScopeTree }) {
  const base = "/admin/scopes";
  return (
    <>
      <h1>{ctx.t("categories.scopes.title")}</h1>
      <p>{ctx.t("categories.scopes.intro")}</p>
      <p>
        <a class="button" href={`${base}/new`}>
          {ctx.t("categories.scopes.new")}
        </a>
      </p>
      {tree.flat.length === 0 ? (
        <p>{ctx.t("categories.scopes.empty")}</p>
      ) : (
        <table class="admin-scopes">
          <caption class="visually-hidden">{ctx.t("categories.scopes.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("categories.scopes.fields.name")}</th>
              <th scope="col">{ctx.t("categories.scopes.fields.type")}</th>
              <th scope="col">{ctx.t("categories.scopes.fields.code")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {tree.flat.map((s) => {
              const name = nameOf(ctx, s.name);
              return (
                <tr>
                  <th scope="row">
                    {s.depth > 0 ? <span aria-hidden="true">{"– ".repeat(s.depth)}</span> : null}
                    {name}
                  </th>
                  <td>{nameIn(s.scopeType, { locale: ctx.locale, fallback: ctx.org.defaultLocale }) ?? ""}</td>
                  <td>{s.code ?? ""}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${s.id}/edit`}>
                      {ctx.t("common.edit")}
                      <span class="visually-hidden"> {name}</span>
                    </a>{" "}
                    <DeleteLink ctx={ctx} href={`${base}/${s.id}/delete`} name={name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface ScopeFormValues {
  name?: Translatable;
  scopeType?: Translatable;
  code?: string | null;
  parentId?: number | string | null;
  weight?: number | string;
}

/** `parents`: the scopes it may be part of (itself and those it contains left out). */
export function ScopeForm({ ctx, action, heading, values, parents, errors }: { ctx: RequestContext; action: string; heading: string; values: ScopeFormValues; parents: ScopeNode[]; errors?: FieldErrors | undefined }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="name" label={ctx.t("categories.scopes.fields.name")} value={values.name} errors={errors} required />
        <TranslatableField ctx={ctx} name="scopeType" label={ctx.t("categories.scopes.fields.type")} hint={ctx.t("categories.scopes.fields.typeHint")} value={values.scopeType} errors={errors} />
        <TextField ctx={ctx} name="code" label={ctx.t("categories.scopes.fields.code")} hint={ctx.t("categories.scopes.fields.codeHint")} value={values.code ?? ""} errors={errors} autocomplete="off" />
        <Select
          ctx={ctx}
          name="parentId"
          label={ctx.t("categories.scopes.fields.parent")}
          value={values.parentId == null ? "" : String(values.parentId)}
          errors={errors}
          options={[{ value: "", label: ctx.t("categories.scopes.fields.parentNone") }, ...parents.map((p) => ({ value: String(p.id), label: `${"– ".repeat(p.depth)}${nameOf(ctx, p.name)}` }))]}
        />
        <TextField ctx={ctx} name="weight" type="number" inputmode="numeric" label={ctx.t("categories.fields.weight")} hint={ctx.t("categories.fields.weightHint")} value={values.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}
