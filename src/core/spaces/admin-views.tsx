/** Back-office views of spaces: the list of processes, assemblies and groups; the space and group forms. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { TranslatableField } from "../components/fields";
import { Checkbox, Form, Select, Submit, TextField } from "../../web/ui/forms";
import { DeleteLink } from "./admin-confirm";
import { isHeroImageUrl } from "./inputs";
import { ActionButton, spaceAdminPath } from "./admin-parts";
import type { SpaceType } from "./schema";
import type { ProcessGroupRecord, SpaceRecord } from "./types";

function SpacesTable({ ctx, spaces, caption }: { ctx: RequestContext; spaces: SpaceRecord[]; caption: string }) {
  if (spaces.length === 0) return <p>{ctx.t("spaces.admin.none")}</p>;
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t("spaces.fields.title")}</th>
          <th scope="col">{ctx.t("spaces.fields.slug")}</th>
          <th scope="col">{ctx.t("spaces.admin.status")}</th>
          <th scope="col">{ctx.t("common.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {spaces.map((s) => (
          <tr>
            <td>
              <a href={spaceAdminPath(s, "/edit")}>{localize(s.title, ctx.locale, ctx.org.defaultLocale).text}</a>
            </td>
            <td>{s.slug}</td>
            <td>
              {s.publishedAt ? ctx.t("spaces.admin.published") : ctx.t("spaces.admin.unpublished")}
              {s.isPrivate ? ` · ${ctx.t("spaces.badge.private")}` : ""}
            </td>
            <td class="admin-actions">
              <a href={spaceAdminPath(s, "/edit")}>{ctx.t("common.edit")}</a>
              <ActionButton ctx={ctx} action={spaceAdminPath(s, s.publishedAt ? "/unpublish" : "/publish")} label={ctx.t(s.publishedAt ? "spaces.admin.unpublish" : "spaces.admin.publish")} secondary />
              <DeleteLink ctx={ctx} href={spaceAdminPath(s, "/delete")} name={localize(s.title, ctx.locale, ctx.org.defaultLocale).text} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SpacesAdminList({ ctx, processes, assemblies, groups }: { ctx: RequestContext; processes: SpaceRecord[]; assemblies: SpaceRecord[]; groups: ProcessGroupRecord[] }) {
  return (
    <>
      <h1>{ctx.t("spaces.admin.title")}</h1>
      <section aria-labelledby="admin-processes">
        <h2 id="admin-processes">{ctx.t("common.processes")}</h2>
        <p>
          <a class="button" href="/admin/spaces/new?type=process">{ctx.t("spaces.admin.newProcess")}</a>
        </p>
        <SpacesTable ctx={ctx} spaces={processes} caption={ctx.t("common.processes")} />
      </section>
      <section aria-labelledby="admin-groups">
        <h2 id="admin-groups">{ctx.t("spaces.groups.title")}</h2>
        <p>
          <a class="button" href="/admin/process-groups/new">{ctx.t("spaces.groups.new")}</a>
        </p>
        {groups.length === 0 ? (
          <p>{ctx.t("spaces.admin.none")}</p>
        ) : (
          <ul>
            {groups.map((g) => (
              <li>
                <a href={`/admin/process-groups/${g.id}/edit`}>{localize(g.title, ctx.locale, ctx.org.defaultLocale).text}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="admin-assemblies">
        <h2 id="admin-assemblies">{ctx.t("common.assemblies")}</h2>
        <p>
          <a class="button" href="/admin/spaces/new?type=assembly">{ctx.t("spaces.admin.newAssembly")}</a>
        </p>
        <SpacesTable ctx={ctx} spaces={assemblies} caption={ctx.t("common.assemblies")} />
      </section>
    </>
  );
}

/** Values shown in the space form: a stored space, or what was submitted. */
export interface SpaceFormValues {
  slug?: string;
  title?: Translatable;
  subtitle?: Translatable;
  shortDescription?: Translatable;
  description?: Translatable;
  heroImage?: string | null;
  heroImageAlt?: Translatable;
  groupId?: number | string | null;
  parentId?: number | string | null;
  startDate?: string | null;
  endDate?: string | null;
  purpose?: Translatable;
  composition?: Translatable;
  isPrivate?: boolean | string;
  isTransparent?: boolean | string;
  promoted?: boolean | string;
  activateStepsByDate?: boolean | string;
  weight?: number | string;
}

const checked = (v: boolean | string | undefined) => v === true || v === "on";

/** An assembly that may be chosen as a parent. */
export interface ParentChoice {
  id: number;
  title: Translatable;
}

export function SpaceForm(props: { ctx: RequestContext; type: SpaceType; action: string; values: SpaceFormValues; errors?: FieldErrors; groups: ProcessGroupRecord[]; parents: ParentChoice[]; heading: string }) {
  const { ctx, type, values: v, errors } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      <Form ctx={ctx} action={props.action} errors={errors} enctype="multipart/form-data">
        <TranslatableField ctx={ctx} name="title" label={ctx.t("spaces.fields.title")} value={v.title} errors={errors} required />
        <TextField ctx={ctx} name="slug" label={ctx.t("spaces.fields.slug")} hint={ctx.t("spaces.fields.slugHint")} value={v.slug} errors={errors} required />
        <TranslatableField ctx={ctx} name="subtitle" label={ctx.t("spaces.fields.subtitle")} value={v.subtitle} errors={errors} />
        <TranslatableField ctx={ctx} name="shortDescription" label={ctx.t("spaces.fields.shortDescription")} value={v.shortDescription} errors={errors} multiline rows={3} />
        <TranslatableField ctx={ctx} name="description" label={ctx.t("spaces.fields.description")} hint={ctx.t("spaces.fields.markdownHint")} value={v.description} errors={errors} multiline rows={8} />
        {type === "assembly" && (
          <>
            <TranslatableField ctx={ctx} name="purpose" label={ctx.t("spaces.assembly.purpose")} value={v.purpose} errors={errors} multiline />
            <TranslatableField ctx={ctx} name="composition" label={ctx.t("spaces.assembly.composition")} value={v.composition} errors={errors} multiline />
          </>
        )}
        <fieldset class="field">
          <legend>{ctx.t("spaces.fields.heroImage")}</legend>
          {/* The form again after a refusal holds what was typed: only a valid address becomes an image's source. */}
          {v.heroImage && isHeroImageUrl(v.heroImage) && <img class="admin-thumb" src={v.heroImage} alt={ctx.t("spaces.fields.currentImage")} />}
          <TextField ctx={ctx} name="heroImage" type="url" label={ctx.t("spaces.fields.heroImageUrl")} hint={ctx.t("spaces.fields.heroImageUrlHint")} value={v.heroImage ?? ""} errors={errors} />
          <div class={`field${errors?.heroImageFile ? " field-error" : ""}`}>
            <label for="field-heroImageFile">{ctx.t("spaces.fields.heroImageFile")}</label>
            {errors?.heroImageFile && (
              <p id="field-heroImageFile-error" class="error-message">
                {ctx.t(errors.heroImageFile.key, errors.heroImageFile.values)}
              </p>
            )}
            <input id="field-heroImageFile" type="file" name="heroImageFile" accept="image/png,image/jpeg,image/gif,image/webp" aria-describedby={errors?.heroImageFile ? "field-heroImageFile-error" : undefined} />
          </div>
          <TranslatableField ctx={ctx} name="heroImageAlt" label={ctx.t("spaces.fields.heroImageAlt")} hint={ctx.t("spaces.fields.heroImageAltHint")} value={v.heroImageAlt} errors={errors} />
        </fieldset>
        {type === "process" && (
          <Select
            ctx={ctx}
            name="groupId"
            label={ctx.t("spaces.fields.group")}
            value={v.groupId == null ? "" : String(v.groupId)}
            errors={errors}
            options={[{ value: "", label: ctx.t("spaces.fields.noGroup") }, ...props.groups.map((g) => ({ value: String(g.id), label: localize(g.title, ctx.locale, ctx.org.defaultLocale).text }))]}
          />
        )}
        {type === "assembly" && (
          <Select
            ctx={ctx}
            name="parentId"
            label={ctx.t("spaces.fields.parent")}
            hint={ctx.t("spaces.fields.parentHint")}
            value={v.parentId == null ? "" : String(v.parentId)}
            errors={errors}
            options={[{ value: "", label: ctx.t("spaces.fields.noParent") }, ...props.parents.map((a) => ({ value: String(a.id), label: localize(a.title, ctx.locale, ctx.org.defaultLocale).text }))]}
          />
        )}
        <TextField ctx={ctx} name="startDate" type="date" label={ctx.t("spaces.fields.startDate")} value={v.startDate ?? ""} errors={errors} />
        <TextField ctx={ctx} name="endDate" type="date" label={ctx.t("spaces.fields.endDate")} value={v.endDate ?? ""} errors={errors} />
        <Checkbox ctx={ctx} name="isPrivate" label={ctx.t("spaces.fields.isPrivate")} hint={ctx.t("spaces.fields.isPrivateHint")} checked={checked(v.isPrivate)} errors={errors} />
        {type === "assembly" && <Checkbox ctx={ctx} name="isTransparent" label={ctx.t("spaces.fields.isTransparent")} hint={ctx.t("spaces.fields.isTransparentHint")} checked={checked(v.isTransparent)} errors={errors} />}
        {type === "process" && (
          <Checkbox ctx={ctx} name="activateStepsByDate" label={ctx.t("spaces.fields.activateStepsByDate")} hint={ctx.t("spaces.fields.activateStepsByDateHint")} checked={checked(v.activateStepsByDate)} errors={errors} />
        )}
        <Checkbox ctx={ctx} name="promoted" label={ctx.t("spaces.fields.promoted")} checked={checked(v.promoted)} errors={errors} />
        <TextField ctx={ctx} name="weight" type="number" label={ctx.t("spaces.fields.weight")} value={v.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}

export function GroupForm({ ctx, action, values, errors, heading }: { ctx: RequestContext; action: string; values: { title?: Translatable; description?: Translatable; weight?: number | string }; errors?: FieldErrors; heading: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={ctx.t("spaces.fields.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={ctx.t("spaces.fields.description")} value={values.description} errors={errors} multiline rows={3} />
        <TextField ctx={ctx} name="weight" type="number" label={ctx.t("spaces.fields.weight")} value={values.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}
