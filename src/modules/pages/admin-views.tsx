/** Back-office views of the pages component: the list of pages and the page form. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { TranslatableField } from "../../core/components/fields";
import { DeleteLink } from "../../core/spaces/admin-confirm";
import { Form, Submit, TextField } from "../../web/ui/forms";
import type { PageSummary } from "./service";

export function PagesAdminList({ ctx, base, pages, componentName }: { ctx: RequestContext; base: string; pages: PageSummary[]; componentName: string }) {
  return (
    <>
      <h1>{ctx.t("pages.admin.title", { name: componentName })}</h1>
      <p>
        <a class="button" href={`${base}/new`}>
          {ctx.t("pages.admin.new")}
        </a>
      </p>
      {pages.length === 0 ? (
        <p>{ctx.t("pages.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{ctx.t("pages.toc")}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("pages.admin.pageTitle")}</th>
              <th scope="col">{ctx.t("pages.admin.weight")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr>
                <td>{localize(p.title, ctx.locale, ctx.org.defaultLocale).text}</td>
                <td>{p.weight}</td>
                <td class="admin-actions">
                  <a href={`${base}/${p.id}/edit`}>{ctx.t("common.edit")}</a>
                  <DeleteLink ctx={ctx} href={`${base}/${p.id}/delete`} name={localize(p.title, ctx.locale, ctx.org.defaultLocale).text} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface PageFormValues {
  title?: Record<string, string | undefined>;
  body?: Record<string, string | undefined>;
  weight?: number | string;
}

export function PageForm({ ctx, action, values, errors, heading }: { ctx: RequestContext; action: string; values: PageFormValues; errors?: FieldErrors; heading: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={ctx.t("pages.admin.pageTitle")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="body" label={ctx.t("pages.admin.body")} hint={ctx.t("pages.admin.bodyHint")} value={values.body} errors={errors} multiline rows={12} />
        <TextField ctx={ctx} name="weight" type="number" label={ctx.t("pages.admin.weight")} hint={ctx.t("pages.admin.weightHint")} value={values.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}
