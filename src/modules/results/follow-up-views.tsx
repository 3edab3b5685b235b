/** The back-office page of the results' import from another component (follow-up-import.ts). */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { HandOverSource } from "../../core/resources/hand-over";
import { Form, RadioGroup, Submit } from "../../web/ui/forms";
import { text } from "./view-parts";

export const sourceValue = (s: { componentId: number; type: string }) => `${s.componentId}:${s.type}`;

export function FollowUpPage({ ctx, base, sources, value, errors }: { ctx: RequestContext; base: string; sources: HandOverSource[]; value: string; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("results.admin.back")}</a>
      </p>
      <h1>{t("results.admin.followUp.title")}</h1>
      <p>{t("results.admin.followUp.intro")}</p>
      {sources.length === 0 ? (
        <p>{t("results.admin.followUp.none")}</p>
      ) : (
        <Form ctx={ctx} action={`${base}/hand-over`} errors={errors}>
          <RadioGroup
            ctx={ctx}
            name="source"
            legend={t("results.admin.followUp.source")}
            options={sources.map((s) => ({ value: sourceValue(s), label: t("results.admin.followUp.option", { label: t(s.label), component: text(ctx, s.componentName).text }) }))}
            value={value}
            errors={errors}
          />
          <Submit>{t("results.admin.followUp.submit")}</Submit>
        </Form>
      )}
    </>
  );
}
