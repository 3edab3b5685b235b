/** Back-office views of the proposals tools: merge, split and import forms, and a proposal's history (also on its public page). */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { CheckboxGroup, Form, GroupedSelect, Submit } from "../../web/ui/forms";
import type { LinkedProposal } from "./history";
import { IMPORT_STATES } from "./import";
import type { ToolComponent } from "./merge";
import { text } from "./view-parts";

/** The components grouped under their space's title. */
function componentOptions(ctx: RequestContext, components: ToolComponent[]) {
  const groups = new Map<number, { group: string; options: Array<{ value: string; label: string }> }>();
  for (const c of components) {
    const g = groups.get(c.spaceId) ?? { group: text(ctx, c.spaceTitle).text, options: [] };
    g.options.push({ value: String(c.id), label: `${text(ctx, c.name).text} (#${c.id})` });
    groups.set(c.spaceId, g);
  }
  return [...groups.values()];
}

export interface MergeValues {
  ids: number[];
  title?: Translatable | undefined;
  body?: Translatable | undefined;
  targetComponentId?: string | undefined;
}

/** The end of the merge and split forms: the component the new proposals go to, and the button. */
function TargetAndSubmit(props: { ctx: RequestContext; value: string | undefined; components: ToolComponent[]; errors: FieldErrors | undefined; submit: string }) {
  const { ctx, errors } = props;
  return (
    <>
      <GroupedSelect
        ctx={ctx}
        name="targetComponentId"
        label={ctx.t("proposals.tools.target")}
        hint={ctx.t("proposals.tools.targetHint")}
        value={props.value ?? ""}
        errors={errors}
        required
        options={componentOptions(ctx, props.components)}
      />
      <Submit>{props.submit}</Submit>
    </>
  );
}

export function MergeForm(props: { ctx: RequestContext; base: string; values: MergeValues; titles: Map<number, Translatable>; components: ToolComponent[]; errors?: FieldErrors | undefined }) {
  const { ctx, base, values, errors } = props;
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("proposals.admin.back")}</a>
      </p>
      <h1>{t("proposals.tools.merge.title")}</h1>
      <p>{t("proposals.tools.merge.intro")}</p>
      <Form ctx={ctx} action={`${base}/merge`} errors={errors}>
        <fieldset>
          <legend>{t("proposals.tools.merge.selected")}</legend>
          <ul>
            {values.ids.map((id) => {
              const title = props.titles.get(id);
              const shown = title ? text(ctx, title) : null;
              return (
                <li>
                  <input type="hidden" name="ids" value={String(id)} />#{id}{" "}
                  {shown && (
                    <a href={`${base}/${id}`} lang={shown.lang}>
                      {shown.text}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
        <TranslatableField ctx={ctx} name="title" label={t("proposals.tools.newTitle")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="body" label={t("proposals.tools.newBody")} hint={t("proposals.admin.plainText")} value={values.body} errors={errors} multiline rows={8} required />
        <TargetAndSubmit ctx={ctx} value={values.targetComponentId} components={props.components} errors={errors} submit={t("proposals.tools.merge.submit")} />
      </Form>
    </>
  );
}

export interface SplitValues {
  parts: Array<{ title?: Translatable | undefined; body?: Translatable | undefined }>;
  targetComponentId?: string | undefined;
}

export function SplitForm(props: { ctx: RequestContext; base: string; id: number; title: Translatable; values: SplitValues; components: ToolComponent[]; errors?: FieldErrors | undefined }) {
  const { ctx, base, values, errors } = props;
  const { t } = ctx;
  const title = text(ctx, props.title);
  return (
    <>
      <p>
        <a href={`${base}/${props.id}`}>{t("proposals.admin.back")}</a>
      </p>
      <h1>{t("proposals.tools.split.title")}</h1>
      <p lang={title.lang}>
        #{props.id} {title.text}
      </p>
      <p>{t("proposals.tools.split.intro")}</p>
      <Form ctx={ctx} action={`${base}/${props.id}/split`} errors={errors}>
        {values.parts.map((part, i) => (
          <fieldset>
            <legend>{t("proposals.tools.split.part", { n: i + 1 })}</legend>
            <TranslatableField ctx={ctx} name={`parts.${i}.title`} label={t("proposals.tools.newTitle")} value={part.title} errors={errors} required={i < 2} />
            <TranslatableField ctx={ctx} name={`parts.${i}.body`} label={t("proposals.tools.newBody")} value={part.body} errors={errors} multiline rows={5} required={i < 2} />
          </fieldset>
        ))}
        <TargetAndSubmit ctx={ctx} value={values.targetComponentId} components={props.components} errors={errors} submit={t("proposals.tools.split.submit")} />
      </Form>
    </>
  );
}

export interface ImportValues {
  sourceComponentId?: string | undefined;
  states: string[];
}

export function ImportForm(props: { ctx: RequestContext; base: string; values: ImportValues; components: ToolComponent[]; errors?: FieldErrors | undefined }) {
  const { ctx, base, values, errors } = props;
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("proposals.admin.back")}</a>
      </p>
      <h1>{t("proposals.tools.import.title")}</h1>
      <p>{t("proposals.tools.import.intro")}</p>
      {props.components.length === 0 ? (
        <p>{t("proposals.tools.import.none")}</p>
      ) : (
        <Form ctx={ctx} action={`${base}/import`} errors={errors}>
          <GroupedSelect ctx={ctx} name="sourceComponentId" label={t("proposals.tools.import.source")} value={values.sourceComponentId ?? ""} errors={errors} required options={componentOptions(ctx, props.components)} />
          <CheckboxGroup ctx={ctx} name="states" legend={t("proposals.tools.import.states")} options={IMPORT_STATES.map((s) => ({ value: s, label: t(`proposals.tools.import.state.${s}`) }))} checked={values.states} errors={errors} />
          <Submit>{t("proposals.tools.import.submit")}</Submit>
        </Form>
      )}
    </>
  );
}

/** A proposal's history: where it came from and where it went (merge, split, import). */
export function HistorySection({ ctx, links }: { ctx: RequestContext; links: LinkedProposal[] }) {
  if (links.length === 0) return null;
  const { t } = ctx;
  const closed = links.some((l) => l.direction === "into" && l.kind !== "imported");
  const groups = new Map<string, LinkedProposal[]>();
  for (const l of links) groups.set(`${l.kind}.${l.direction}`, [...(groups.get(`${l.kind}.${l.direction}`) ?? []), l]);
  return (
    <section aria-labelledby="proposal-history" class="proposal-history">
      <h2 id="proposal-history">{t("proposals.tools.history.title")}</h2>
      {closed && (
        <p class="notice" role="note">
          {t("proposals.tools.history.closed")}
        </p>
      )}
      <dl>
        {[...groups.entries()].map(([key, items]) => (
          <>
            <dt>{t(`proposals.tools.history.${key}` as "proposals.tools.history.merged.from")}</dt>
            {items.map((l) => {
              const title = text(ctx, l.title);
              return (
                <dd>
                  <a href={l.url} lang={title.lang}>
                    #{l.id} {title.text}
                  </a>{" "}
                  · {t("proposals.count.supports", { count: l.supportsCount })}
                </dd>
              );
            })}
          </>
        ))}
      </dl>
    </section>
  );
}

/** The split link shown on a proposal's back-office page. */
export function ToolLinks({ ctx, base, id }: { ctx: RequestContext; base: string; id: number }) {
  return (
    <p>
      <a class="button button-secondary" href={`${base}/${id}/split`}>
        {ctx.t("proposals.tools.split.link")}
      </a>
    </p>
  );
}
