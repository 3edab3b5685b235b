/**
 * Back-office routes of the results' import from another component (relative to the component's admin
 * base): choose a source that hands resources over (a budget's selected projects), import its items.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentRoute } from "../../core/components/define";
import type { FieldErrors } from "../../core/http/result";
import { actorOf, sendSpaceAdminPage } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { followUpSources, importFollowUp } from "./follow-up-import";
import { FollowUpPage, sourceValue } from "./follow-up-views";
import { place, type C, type Handler } from "./route-parts";
import type { ResultSettings, ResultStepSettings } from "./settings";

async function form(req: FastifyRequest, reply: FastifyReply, c: C, value: string, errors?: FieldErrors) {
  const sources = await followUpSources(c.deps.db, place(c));
  const body = <FollowUpPage ctx={req.ctx} base={c.base} sources={sources} value={value || (sources[0] ? sourceValue(sources[0]) : "")} errors={errors} />;
  return sendSpaceAdminPage(req, reply, c.space, { title: req.ctx.t("results.admin.followUp.title"), tab: "components", body, status: errors ? 422 : 200 });
}

const run: Handler = async (req, reply, c) => {
  const raw = (req.body as Record<string, unknown> | undefined)?.source;
  const value = typeof raw === "string" ? raw : "";
  const match = /^(\d{1,15}):([a-z_]{1,60})$/.exec(value);
  const invalid: FieldErrors = { source: { key: "results.admin.followUp.invalid" } };
  if (!match) return form(req, reply, c, value, invalid);
  const done = await importFollowUp(c.deps.db, actorOf(req), place(c), { componentId: Number(match[1]), type: match[2] ?? "" }, req.ctx.org.defaultLocale);
  if (!done.ok) return form(req, reply, c, value, invalid);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("results.admin.followUp.done", { created: done.created, skipped: done.skipped }));
};

export const followUpAdminRoutes: Array<ComponentRoute<ResultSettings, ResultStepSettings>> = [
  { method: "GET", path: "/hand-over", handler: async (req, reply, c) => form(req, reply, c, "") },
  { method: "POST", path: "/hand-over", handler: run },
];
