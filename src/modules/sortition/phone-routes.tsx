/**
 * Phone registrations entered by staff (`/recruitments/<id>/phone` under the component's manage base):
 * the public form's questions, contact and consent (an email or a phone number is enough), and the
 * letter's code when the person has one. Stored with source "phone" and the staff member, audited;
 * after each one the empty form comes back for the next call.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { actorOf } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { Form, Submit, TextField } from "../../web/ui/forms";
import { redirectWithFlash } from "../../web/render";
import { loadRecruitment, recruitmentParams, sendRegistrationsPage } from "./composition-routes";
import { registrationsBase } from "./composition-views";
import { registrationErrors, registrationValues, type RegistrationValues } from "./registration-inputs";
import { isOpen, register, type RecruitmentRow } from "./registration-service";
import { RegistrationFields } from "./registration-views";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;
type Route = ComponentRoute<SortitionSettings, SortitionStepSettings>;

function PhoneForm({ ctx, r, action, values, errors }: { ctx: RequestContext; r: RecruitmentRow; action: string; values: RegistrationValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="phone-title">
      <h2 id="phone-title">{t("sortition.registrations.tab.phone")}</h2>
      <p>{t("sortition.registrations.phoneIntro")}</p>
      {!isOpen(r) && <p class="error-message">{t("sortition.register.closed")}</p>}
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="code" label={t("sortition.registrations.field.phoneCode")} hint={t("sortition.register.field.codeHint")} value={values.code} errors={errors} autocomplete="off" />
        <RegistrationFields ctx={ctx} r={r} values={values} errors={errors} phone />
        <Submit>{t("sortition.registrations.phoneSubmit")}</Submit>
      </Form>
    </section>
  );
}

function phonePage(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, values: RegistrationValues, errors?: FieldErrors) {
  const action = `${registrationsBase(c.base, r)}/phone`;
  return sendRegistrationsPage(req, reply, c, r, "phone", <PhoneForm ctx={req.ctx} r={r} action={action} values={values} errors={errors} />, { status: errors ? 422 : 200 });
}

const show: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  return phonePage(req, reply, c, r, registrationValues({}, r.strata));
};

const submit: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  const values = registrationValues(req.body, r.strata);
  const errors = registrationErrors(values, r.strata, { phone: true });
  if (Object.keys(errors).length > 0) return phonePage(req, reply, c, r, values, errors);
  const outcome = await register(
    c.deps,
    r,
    {
      code: values.code,
      features: values.strata,
      contact: { name: values.name, email: values.email || null, phone: values.phone || null, showName: values.showName, locale: req.ctx.locale },
      link: componentPath(c.space, c.component.id, `/recruitments/${r.id}/register`),
    },
    { source: "phone", actor: actorOf(req), spaceId: c.space.id },
  );
  if (!outcome.ok) return phonePage(req, reply, c, r, values, outcome.errors);
  const flash = outcome.duplicateOf === null ? req.ctx.t("sortition.registrations.phoneDone", { name: values.name }) : req.ctx.t("sortition.registrations.phoneDuplicate", { name: values.name });
  return redirectWithFlash(reply, `${registrationsBase(c.base, r)}/phone`, outcome.duplicateOf === null ? "success" : "info", flash);
};

export const phoneRoutes: Route[] = [
  { method: "GET", path: "/recruitments/:recruitmentId/phone", params: recruitmentParams, handler: show },
  { method: "POST", path: "/recruitments/:recruitmentId/phone", params: recruitmentParams, handler: submit },
];
