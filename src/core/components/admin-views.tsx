/** Back-office views of components: the space's components, the generated settings form, the permissions screen. */
import { z } from "zod";
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import type { ComponentPermissionsValue } from "../spaces/schema";
import { ActionButton, spaceAdminPath } from "../spaces/admin-parts";
import { DeleteLink } from "../spaces/admin-confirm";
import type { ComponentRecord, SpaceRecord, StepRecord } from "../spaces/types";
import { listVerifications } from "../verifications/registry";
import type { OptionChoices } from "../verifications/types";
import { Checkbox, Form, Select, Submit } from "../../web/ui/forms";
import type { ComponentManifest } from "./define";
import { isMessageKey, SchemaFields, TranslatableField } from "./fields";
import { getComponentManifest, listComponentManifests } from "./registry";
import { componentPath } from "../spaces/types";

export const componentAdminPath = (space: { id: number }, component: { id: number } | null, rest = "") => spaceAdminPath(space, `/components${component ? `/${component.id}` : ""}${rest}`);

export function ComponentsAdminList({ ctx, space, components, values, errors }: { ctx: RequestContext; space: SpaceRecord; components: ComponentRecord[]; values: { manifest?: string; name?: Translatable }; errors?: FieldErrors }) {
  return (
    <>
      <h1>{ctx.t("components.admin.title")}</h1>
      {components.length === 0 ? (
        <p>{ctx.t("components.admin.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{ctx.t("components.admin.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("components.admin.name")}</th>
              <th scope="col">{ctx.t("components.admin.type")}</th>
              <th scope="col">{ctx.t("spaces.admin.status")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {components.map((c, i) => {
              const manifest = getComponentManifest(c.manifest);
              return (
                <tr>
                  <td>
                    <a href={componentPath(space, c.id)}>{localize(c.name, ctx.locale, ctx.org.defaultLocale).text}</a>
                  </td>
                  <td>{manifest ? ctx.t(manifest.label) : c.manifest}</td>
                  <td>{c.publishedAt ? ctx.t("spaces.admin.published") : ctx.t("spaces.admin.unpublished")}</td>
                  <td class="admin-actions">
                    {manifest && manifest.adminRoutes.length > 0 && <a href={componentAdminPath(space, c, "/manage")}>{ctx.t("components.admin.manage")}</a>}
                    <a href={componentAdminPath(space, c, "/edit")}>{ctx.t("components.admin.configure")}</a>
                    {manifest && manifest.actions.length > 0 && <a href={componentAdminPath(space, c, "/permissions")}>{ctx.t("components.admin.permissions")}</a>}
                    <ActionButton ctx={ctx} action={componentAdminPath(space, c, c.publishedAt ? "/unpublish" : "/publish")} label={ctx.t(c.publishedAt ? "spaces.admin.unpublish" : "spaces.admin.publish")} secondary />
                    {i > 0 && <ActionButton ctx={ctx} action={componentAdminPath(space, c, "/up")} label={ctx.t("spaces.steps.moveUp")} secondary />}
                    {i < components.length - 1 && <ActionButton ctx={ctx} action={componentAdminPath(space, c, "/down")} label={ctx.t("spaces.steps.moveDown")} secondary />}
                    {!c.publishedAt && <DeleteLink ctx={ctx} href={componentAdminPath(space, c, "/delete")} name={localize(c.name, ctx.locale, ctx.org.defaultLocale).text} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{ctx.t("components.admin.add")}</h2>
      <Form ctx={ctx} action={componentAdminPath(space, null)} errors={errors}>
        <Select ctx={ctx} name="manifest" label={ctx.t("components.admin.type")} value={values.manifest ?? ""} errors={errors} options={listComponentManifests().map((m) => ({ value: m.name, label: ctx.t(m.label) }))} />
        <TranslatableField ctx={ctx} name="name" label={ctx.t("components.admin.name")} value={values.name} errors={errors} required />
        <Submit>{ctx.t("components.admin.add")}</Submit>
      </Form>
    </>
  );
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

export interface SettingsFormValues {
  name?: Translatable;
  global?: Record<string, unknown>;
  defaultStep?: Record<string, unknown>;
  steps?: Record<string, Record<string, unknown>>;
}

/** The generated settings form: the name, global settings, then the default step and each step. */
export function ComponentSettingsForm(props: { ctx: RequestContext; space: SpaceRecord; component: ComponentRecord; manifest: ComponentManifest; steps: StepRecord[]; values: SettingsFormValues; errors?: FieldErrors }) {
  const { ctx, manifest, values, errors } = props;
  const labels = manifest.labels as Record<string, string>;
  const labelKeyFor = (key: string, description?: string) => {
    const k = labels[key] ?? description;
    return isMessageKey(k) ? k : undefined;
  };
  const hasStepSettings = Object.keys(manifest.stepSettings.shape).length > 0;
  return (
    <>
      <h1>{ctx.t("components.admin.configureTitle", { name: localize(props.component.name, ctx.locale, ctx.org.defaultLocale).text })}</h1>
      <p class="hint">{ctx.t(manifest.description)}</p>
      <Form ctx={ctx} action={componentAdminPath(props.space, props.component, "/edit")} errors={errors}>
        <TranslatableField ctx={ctx} name="name" label={ctx.t("components.admin.name")} value={values.name} errors={errors} required />
        {Object.keys(manifest.settings.shape).length > 0 && (
          <fieldset class="settings-group">
            <legend>{ctx.t("components.admin.globalSettings")}</legend>
            <SchemaFields ctx={ctx} schema={manifest.settings} prefix="global" values={asRecord(values.global)} errors={errors} labelKeyFor={labelKeyFor} />
          </fieldset>
        )}
        {hasStepSettings && props.steps.length === 0 && (
          <fieldset class="settings-group">
            <legend>{ctx.t("components.admin.defaultStepSettings")}</legend>
            <SchemaFields ctx={ctx} schema={manifest.stepSettings} prefix="defaultStep" values={asRecord(values.defaultStep)} errors={errors} labelKeyFor={labelKeyFor} />
          </fieldset>
        )}
        {hasStepSettings &&
          props.steps.map((s) => {
            const stepTitle = localize(s.title, ctx.locale, ctx.org.defaultLocale).text;
            return (
              <fieldset class="settings-group">
                <legend>{ctx.t("components.admin.stepSettings", { step: stepTitle })}</legend>
                <SchemaFields ctx={ctx} schema={manifest.stepSettings} prefix={`steps.${s.id}`} values={asRecord(values.steps?.[String(s.id)])} errors={errors} labelKeyFor={labelKeyFor} labelSuffix={stepTitle} />
              </fieldset>
            );
          })}
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}

/** Per action, every installed verification handler: a checkbox to require it, and its options. */
export function PermissionsForm(props: {
  ctx: RequestContext;
  space: SpaceRecord;
  component: ComponentRecord;
  manifest: ComponentManifest;
  values: ComponentPermissionsValue;
  errors?: FieldErrors;
  /** By handler name, the selects some options offer (see `VerificationHandler.optionChoices`). */
  choices?: Record<string, Record<string, OptionChoices>>;
}) {
  const { ctx, manifest, values, errors } = props;
  const localizedChoices = (handler: string) => {
    const byKey = props.choices?.[handler];
    if (!byKey) return undefined;
    return Object.fromEntries(
      Object.entries(byKey).map(([key, c]) => [key, { blank: ctx.t(c.blank), options: c.choices.map((o) => ({ value: o.value, label: localize(o.label, ctx.locale, ctx.org.defaultLocale).text })) }]),
    );
  };
  const handlers = listVerifications();
  const actionLabels = manifest.actionLabels as Record<string, Parameters<typeof ctx.t>[0]>;
  return (
    <>
      <h1>{ctx.t("components.permissions.title", { name: localize(props.component.name, ctx.locale, ctx.org.defaultLocale).text })}</h1>
      <p>{ctx.t("components.permissions.intro")}</p>
      {handlers.length === 0 && <p>{ctx.t("components.permissions.noHandlers")}</p>}
      <Form ctx={ctx} action={componentAdminPath(props.space, props.component, "/permissions")} errors={errors}>
        {manifest.actions.map((action) => {
          const actionLabel = actionLabels[action] ? ctx.t(actionLabels[action]) : action;
          return (
            <fieldset class="settings-group">
              <legend>{ctx.t("components.permissions.action", { action: actionLabel })}</legend>
              {handlers.map((h) => {
                const attached = values[action]?.handlers[h.name];
                const prefix = `perm.${action}.${h.name}`;
                const handlerLabel = ctx.t(h.label);
                const schema = h.options instanceof z.ZodObject ? h.options : null;
                return (
                  <div class="permission-handler">
                    <Checkbox ctx={ctx} name={`${prefix}.enabled`} label={ctx.t("components.permissions.require", { handler: handlerLabel, action: actionLabel })} checked={attached !== undefined} errors={errors} />
                    {schema && Object.keys(schema.shape).length > 0 && (
                      <fieldset class="handler-options">
                        <legend>{ctx.t("components.permissions.options", { handler: handlerLabel, action: actionLabel })}</legend>
                        <SchemaFields
                          ctx={ctx}
                          schema={schema}
                          prefix={`${prefix}.options`}
                          values={asRecord(attached)}
                          errors={errors}
                          labelKeyFor={(key, description) => (isMessageKey(description) ? description : undefined) ?? (isMessageKey(key) ? key : undefined)}
                          labelSuffix={actionLabel}
                          choices={localizedChoices(h.name)}
                        />
                      </fieldset>
                    )}
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}
