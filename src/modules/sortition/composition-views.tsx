/**
 * Back-office views of a recruitment's registrations: the links between the registration pages (and back
 * to the recruitment's page, recruitment-views.tsx), the pool's composition against the targets (tables, updated
 * live by public/sortition-composition.js when JavaScript runs; a reload link otherwise), and the form
 * of a draw from these registrations.
 */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { assetUrl } from "../../web/assets";
import { Form, RadioGroup, Submit, TextArea, TextField } from "../../web/ui/forms";
import type { Composition } from "./composition";
import { compositionTables } from "./composition";
import type { RecruitmentRow } from "./registration-service";
import { DRAW_ALGORITHMS } from "./schema";

const tr = (ctx: RequestContext, v: Parameters<typeof localize>[0]) => localize(v, ctx.locale, ctx.org.defaultLocale).text;

export const registrationsBase = (base: string, r: Pick<RecruitmentRow, "id">) => `${base}/recruitments/${r.id}`;

export type RegistrationsTab = "composition" | "phone" | "duplicates" | "draw";

/** The links between a recruitment's registration pages (the current one marked). */
export function RegistrationsNav({ ctx, base, r, current, publicUrl, duplicates }: { ctx: RequestContext; base: string; r: RecruitmentRow; current: RegistrationsTab; publicUrl: string; duplicates?: number }) {
  const { t } = ctx;
  const here = registrationsBase(base, r);
  const tabs: Array<[RegistrationsTab, string]> = [
    ["composition", t("sortition.registrations.tab.composition")],
    ["phone", t("sortition.registrations.tab.phone")],
    ["duplicates", duplicates ? t("sortition.registrations.tab.duplicatesCount", { count: duplicates }) : t("sortition.registrations.tab.duplicates")],
    ["draw", t("sortition.registrations.tab.draw")],
  ];
  return (
    <>
      <p>
        <a href={here}>{t("sortition.registrations.back")}</a>
      </p>
      <h1 id="registrations-title">{t("sortition.registrations.of", { title: tr(ctx, r.title) })}</h1>
      <nav aria-label={t("sortition.registrations.nav")}>
        <ul class="tabs">
          {tabs.map(([tab, label]) => (
            <li>
              <a href={`${here}/${tab}`} aria-current={tab === current ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
          <li>
            <a href={publicUrl}>{t("sortition.registrations.publicForm")}</a>
          </li>
        </ul>
      </nav>
    </>
  );
}

/** The pool against the targets: one table per stratum (the accessible form of any chart). */
export function CompositionTables({ ctx, r, composition, live }: { ctx: RequestContext; r: RecruitmentRow; composition: Composition; live: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="composition-title" data-live={live}>
      <h2 id="composition-title">{t("sortition.registrations.composition")}</h2>
      <div role="status" aria-live="polite">
        <p>
          {t("sortition.registrations.total")} <strong data-total>{composition.total}</strong>
        </p>
      </div>
      {composition.duplicates > 0 && <p>{t("sortition.registrations.duplicatesWaiting", { count: composition.duplicates })}</p>}
      <p>
        {t("sortition.registrations.reloadHint")} <a href="?">{t("sortition.registrations.reload")}</a>
      </p>
      <p class="hint">{t("sortition.registrations.neededHint")}</p>
      {compositionTables(r.strata, composition).map(({ stratum, rows }) => (
        <table data-category={stratum.category}>
          <caption>{tr(ctx, stratum.label) || stratum.category}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sortition.registrations.col.answer")}</th>
              <th scope="col">{t("sortition.registrations.col.registered")}</th>
              <th scope="col">{t("sortition.registrations.col.target")}</th>
              <th scope="col">{t("sortition.registrations.col.needed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-value={row.value} data-min={row.target?.min ?? 0}>
                <th scope="row">{tr(ctx, stratum.options.find((o) => o.value === row.value)?.label) || row.value}</th>
                <td data-registered>{row.registered}</td>
                <td>{row.target ? t("sortition.registrations.targetRange", { min: row.target.min, max: row.target.max }) : "—"}</td>
                <td data-needed>{row.needed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <script src={assetUrl("sortition-composition.js")} defer />
    </section>
  );
}

export interface RegistrationDrawValues {
  title: string;
  k: string;
  algorithm: string;
  quotas: string;
  commitment: string;
  randomness: string;
}

export function RegistrationDrawForm({ ctx, action, total, values, errors }: { ctx: RequestContext; action: string; total: number; values: RegistrationDrawValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="registration-draw-title">
      <h2 id="registration-draw-title">{t("sortition.registrations.tab.draw")}</h2>
      <p>{t("sortition.registrations.drawIntro", { count: total })}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="title" label={t("sortition.admin.field.title")} value={values.title} errors={errors} required />
        <TextField ctx={ctx} name="k" label={t("sortition.admin.field.k")} value={values.k} inputmode="numeric" errors={errors} required />
        <RadioGroup ctx={ctx} name="algorithm" legend={t("sortition.admin.field.algorithm")} value={values.algorithm || "leximin"} errors={errors} options={DRAW_ALGORITHMS.map((a) => ({ value: a, label: t(a === "leximin" ? "sortition.algorithm.leximinHint" : "sortition.algorithm.legacyHint") }))} />
        <TextArea ctx={ctx} name="quotas" label={t("sortition.registrations.field.quotas")} hint={t("sortition.registrations.field.quotasHint")} value={values.quotas} errors={errors} rows={8} />
        <TextArea ctx={ctx} name="commitment" label={t("sortition.admin.field.commitment")} hint={t("sortition.admin.field.commitmentHint")} value={values.commitment} errors={errors} rows={3} />
        <TextField ctx={ctx} name="randomness" label={t("sortition.admin.field.randomness")} hint={t("sortition.admin.field.randomnessHint")} value={values.randomness} errors={errors} />
        <Submit>{t("sortition.registrations.createDraw")}</Submit>
      </Form>
    </section>
  );
}
