/**
 * The public registration form of a recruitment, under the sortition component's base
 * (`/spaces/<slug>/c/<componentId>`):
 *
 * - `GET  /recruitments/<id>/register`: step 1, the code printed on the letter (and, when the recruitment
 *   is open to volunteers, a link to `?volunteer=1`); `?code=<code>` (the letter's link) goes straight
 *   to step 2 when the code is a letter of this recruitment not used yet.
 * - `POST /recruitments/<id>/register/code` (`code`): checks the code (unknown or used: step 1 again,
 *   422, with the reason); a good one gets step 2 in the answer. Nothing is marked yet.
 * - `POST /recruitments/<id>/register`: the registration itself, in one request:
 *   `_csrf` (from any page of the site in the same cookie session), `code` (the letter's code, any case,
 *   with or without the dash; empty for a volunteer), `stratum.<category>` for each stratum (one of its
 *   option values), `name`, `email`, `phone` (optional), `showName=on` (optional: show my name on the
 *   assembly page), `consent=on`. Success: 303 to `/recruitments/<id>/registered` with a flash; the code is
 *   marked used in the same transaction (a second use, even at the same instant, is refused: 422 with
 *   the reason, values kept). Closed (status closed, or past `registrationDeadline`): 409.
 * - `GET  /recruitments/<id>/registered`: the confirmation page.
 *
 * The POSTs are rate limited per client address (a benchmark sending many registrations from one
 * machine sets TRUST_PROXY=loopback and one X-Forwarded-For per simulated person, as bench/signatures.ts does).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound, type FieldErrors } from "../../core/http/result";
import { redirectWithFlash } from "../../web/render";
import { registrationErrors, registrationValues, type RegistrationValues } from "./registration-inputs";
import { checkCode, findPublicRecruitment, isOpen, register, type RecruitmentRow } from "./registration-service";
import { ClosedPage, CodeStep, DetailsStep, DonePage, recruitmentTitle } from "./registration-views";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;
type Route = ComponentRoute<SortitionSettings, SortitionStepSettings>;

const params = z.object({ recruitmentId: z.string().regex(/^\d{1,15}$/) });
const query = z.object({ code: z.string().max(40).optional(), volunteer: z.string().max(5).optional() });

const paths = (c: C, r: RecruitmentRow) => {
  const here = `${c.base}/recruitments/${r.id}/register`;
  return { here, code: `${here}/code`, done: `${c.base}/recruitments/${r.id}/registered` };
};

/** The recruitment, if the public may see it (a draft is not public yet): a copy at most a second old (ADR 0040). */
async function load(c: C): Promise<RecruitmentRow> {
  const r = await findPublicRecruitment(c.deps.db, c.component.id, Number(c.params.recruitmentId));
  if (!r || r.status === "draft") throw notFound();
  return r;
}

const empty = (r: RecruitmentRow, code: string): RegistrationValues => ({ code, strata: Object.fromEntries(r.strata.map((s) => [s.category, ""])), name: "", email: "", phone: "", showName: false, consent: false });

function page(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, body: preact.ComponentChildren, status = 200) {
  return sendComponentPage(req, reply, c, { title: recruitmentTitle(req.ctx, r), body, status });
}

const closed = (req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, status: number) => page(req, reply, c, r, <ClosedPage ctx={req.ctx} r={r} back={c.base} />, status);

function codeStep(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, code: string, errors?: FieldErrors) {
  const p = paths(c, r);
  return page(req, reply, c, r, <CodeStep ctx={req.ctx} r={r} action={p.code} here={p.here} code={code} errors={errors} />, errors ? 422 : 200);
}

function detailsStep(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, values: RegistrationValues, errors?: FieldErrors) {
  return page(req, reply, c, r, <DetailsStep ctx={req.ctx} r={r} action={paths(c, r).here} values={values} errors={errors} />, errors ? 422 : 200);
}

const codeError = (state: "unknown" | "used"): FieldErrors => ({ code: { key: state === "used" ? "sortition.register.error.codeUsed" : "sortition.register.error.codeUnknown" } });

const show: Route["handler"] = async (req, reply, c) => {
  const r = await load(c);
  if (!isOpen(r)) return closed(req, reply, c, r, 200);
  const q = query.safeParse(req.query);
  const code = q.success ? (q.data.code ?? "").trim() : "";
  if (code) {
    const state = await checkCode(c.deps, r.id, code);
    return state === "ok" ? detailsStep(req, reply, c, r, empty(r, code)) : codeStep(req, reply, c, r, code, codeError(state));
  }
  if (q.success && q.data.volunteer && r.volunteersOpen) return detailsStep(req, reply, c, r, empty(r, ""));
  return codeStep(req, reply, c, r, "");
};

const submitCode: Route["handler"] = async (req, reply, c) => {
  const r = await load(c);
  if (!isOpen(r)) return closed(req, reply, c, r, 409);
  const code = registrationValues(req.body, []).code;
  if (!code) return codeStep(req, reply, c, r, code, { code: { key: "sortition.register.error.codeRequired" } });
  const state = await checkCode(c.deps, r.id, code);
  return state === "ok" ? detailsStep(req, reply, c, r, empty(r, code)) : codeStep(req, reply, c, r, code, codeError(state));
};

const submit: Route["handler"] = async (req, reply, c) => {
  const r = await load(c);
  if (!isOpen(r)) return closed(req, reply, c, r, 409);
  const values = registrationValues(req.body, r.strata);
  if (!values.code && !r.volunteersOpen) return codeStep(req, reply, c, r, "", { code: { key: "sortition.register.error.codeRequired" } });
  const errors = registrationErrors(values, r.strata, { phone: false });
  if (Object.keys(errors).length > 0) return detailsStep(req, reply, c, r, values, errors);
  const outcome = await register(
    c.deps,
    r,
    { code: values.code, features: values.strata, contact: { name: values.name, email: values.email || null, phone: values.phone || null, showName: values.showName, locale: req.ctx.locale }, link: paths(c, r).here },
    { source: "web" },
  );
  if (!outcome.ok) {
    if (outcome.errors._form) return closed(req, reply, c, r, 409);
    return detailsStep(req, reply, c, r, values, outcome.errors);
  }
  return redirectWithFlash(reply, paths(c, r).done, "success", req.ctx.t("sortition.register.flash"));
};

const done: Route["handler"] = async (req, reply, c) => {
  const r = await load(c);
  return page(req, reply, c, r, <DonePage ctx={req.ctx} r={r} back={c.base} />);
};

const LIMIT = { max: 30, timeWindow: "10 minutes" };

export const registrationRoutes: Route[] = [
  { method: "GET", path: "/recruitments/:recruitmentId/register", params, handler: show },
  { method: "POST", path: "/recruitments/:recruitmentId/register/code", params, rateLimit: LIMIT, handler: submitCode },
  { method: "POST", path: "/recruitments/:recruitmentId/register", params, rateLimit: LIMIT, handler: submit },
  { method: "GET", path: "/recruitments/:recruitmentId/registered", params, handler: done },
];
