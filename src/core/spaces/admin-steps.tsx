/**
 * Back office of a space's steps — a process's steps, an assembly's phases (same rows, the assembly's
 * wording): list, create, edit, delete, reorder, activate, and close the current one with its archive.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RequestContext } from "../http/context";
import { notFound, type FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { nestFields, parseNested } from "../components/form-values";
import { TranslatableField } from "../components/fields";
import { Form, Submit, TextField } from "../../web/ui/forms";
import { redirectWithFlash } from "../../web/render";
import { ConfirmPage, DeleteLink } from "./admin-confirm";
import type { MessageKey } from "../i18n/catalogues";
import { ActionButton, requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "./admin-parts";
import { stepInput } from "./inputs";
import { activateStepsByDate, todayUtc } from "./steps-by-date";
import { listSteps } from "./queries";
import { activateStep, createStep, deleteStep, moveStep, updateStep } from "./steps-service";
import type { SpaceRecord, StepRecord } from "./types";
import { DateRange } from "./view-parts";

/** An assembly says "phases" where a process says "steps". */
const WORDS = {
  process: { title: "spaces.steps.title", new: "spaces.steps.new", edit: "spaces.steps.edit", empty: "spaces.steps.empty", active: "spaces.steps.active" },
  assembly: { title: "archive.phases.title", new: "archive.phases.new", edit: "archive.phases.edit", empty: "archive.phases.empty", active: "archive.phases.current" },
} as const satisfies Record<SpaceRecord["type"], Record<string, MessageKey>>;

function StepsAdminList({ ctx, space, steps }: { ctx: RequestContext; space: SpaceRecord; steps: StepRecord[] }) {
  const base = spaceAdminPath(space, "/steps");
  const words = WORDS[space.type];
  return (
    <>
      <h1>{ctx.t(words.title)}</h1>
      {space.activateStepsByDate && <p class="hint">{ctx.t("spaces.steps.byDateNote")}</p>}
      <p>
        <a class="button" href={`${base}/new`}>{ctx.t(words.new)}</a>
      </p>
      {steps.length === 0 ? (
        <p>{ctx.t(words.empty)}</p>
      ) : (
        <table class="admin-steps">
          <caption class="visually-hidden">{ctx.t(words.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("spaces.fields.title")}</th>
              <th scope="col">{ctx.t("spaces.steps.dates")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => {
              const title = localize(s.title, ctx.locale, ctx.org.defaultLocale).text;
              return (
                <tr aria-current={s.active ? "step" : undefined}>
                  <th scope="row">
                    {title} {s.active && <span class="badge">{ctx.t(words.active)}</span>}
                  </th>
                  <td>
                    <DateRange ctx={ctx} start={s.startDate} end={s.endDate} />
                  </td>
                  <td class="admin-actions">
                    <a href={`${base}/${s.id}/edit`}>{ctx.t("common.edit")}</a>
                    {!s.active && <ActionButton ctx={ctx} action={`${base}/${s.id}/activate`} label={ctx.t("spaces.steps.activate")} />}
                    {s.active && <ActionButton ctx={ctx} action={`${base}/close-and-archive`} label={ctx.t("archive.close")} />}
                    {i > 0 && <ActionButton ctx={ctx} action={`${base}/${s.id}/up`} label={ctx.t("spaces.steps.moveUp")} secondary />}
                    {i < steps.length - 1 && <ActionButton ctx={ctx} action={`${base}/${s.id}/down`} label={ctx.t("spaces.steps.moveDown")} secondary />}
                    <DeleteLink ctx={ctx} href={`${base}/${s.id}/delete`} name={title} />
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

interface StepValues {
  title?: Translatable;
  description?: Translatable;
  startDate?: string | null;
  endDate?: string | null;
  ctaText?: Translatable;
  ctaPath?: string | null;
}

function StepForm({ ctx, action, values, errors, heading }: { ctx: RequestContext; action: string; values: StepValues; errors?: FieldErrors; heading: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={ctx.t("spaces.fields.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={ctx.t("spaces.fields.description")} hint={ctx.t("spaces.fields.markdownHint")} value={values.description} errors={errors} multiline />
        <TextField ctx={ctx} name="startDate" type="date" label={ctx.t("spaces.fields.startDate")} value={values.startDate ?? ""} errors={errors} />
        <TextField ctx={ctx} name="endDate" type="date" label={ctx.t("spaces.fields.endDate")} value={values.endDate ?? ""} errors={errors} />
        <TranslatableField ctx={ctx} name="ctaText" label={ctx.t("spaces.fields.ctaText")} hint={ctx.t("spaces.fields.ctaTextHint")} value={values.ctaText} errors={errors} />
        <TextField ctx={ctx} name="ctaPath" label={ctx.t("spaces.fields.ctaPath")} hint={ctx.t("spaces.fields.ctaPathHint")} value={values.ctaPath ?? ""} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}

type P = { id: string; stepId?: string };
const stepIdOf = (p: P) => (/^\d{1,15}$/.test(p.stepId ?? "") ? Number(p.stepId) : -1);

export async function stepAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  /** Processes' steps and assemblies' phases alike. */
  const processAdmin = (req: FastifyRequest<{ Params: P }>, reply: FastifyReply) => requireSpaceAdmin(req, reply, req.params.id);

  const formPage = (req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, action: string, values: StepValues, heading: string, errors?: FieldErrors) =>
    sendSpaceAdminPage(req, reply, space, { title: heading, tab: "steps", status: errors ? 422 : 200, body: <StepForm ctx={req.ctx} action={action} values={values} errors={errors} heading={heading} /> });

  app.get<{ Params: P }>("/admin/spaces/:id/steps", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    const steps = await listSteps(db, a.space.id);
    return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t(WORDS[a.space.type].title), tab: "steps", body: <StepsAdminList ctx={req.ctx} space={a.space} steps={steps} /> });
  });

  app.get<{ Params: P }>("/admin/spaces/:id/steps/new", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    return formPage(req, reply, a.space, spaceAdminPath(a.space, "/steps/new"), {}, req.ctx.t(WORDS[a.space.type].new));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/steps/new", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    const values = nestFields(req.body);
    const parsed = parseNested(stepInput, values);
    if (!parsed.ok) return formPage(req, reply, a.space, spaceAdminPath(a.space, "/steps/new"), values, req.ctx.t(WORDS[a.space.type].new), parsed.errors);
    await createStep(db, a.actor, a.space.id, parsed.value);
    await activateStepsByDate(db, todayUtc(), { spaceId: a.space.id });
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/steps"), "success", req.ctx.t("spaces.admin.saved"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/steps/:stepId/edit", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    const step = (await listSteps(db, a.space.id)).find((s) => s.id === stepIdOf(req.params));
    if (!step) throw notFound();
    return formPage(req, reply, a.space, spaceAdminPath(a.space, `/steps/${step.id}/edit`), step, req.ctx.t(WORDS[a.space.type].edit));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/steps/:stepId/edit", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    const stepId = stepIdOf(req.params);
    const values = nestFields(req.body);
    const parsed = parseNested(stepInput, values);
    if (!parsed.ok) return formPage(req, reply, a.space, spaceAdminPath(a.space, `/steps/${stepId}/edit`), values, req.ctx.t(WORDS[a.space.type].edit), parsed.errors);
    if (!(await updateStep(db, a.actor, a.space.id, stepId, parsed.value))) throw notFound();
    // New dates take effect now in a process that follows them (nothing happens otherwise).
    await activateStepsByDate(db, todayUtc(), { spaceId: a.space.id });
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/steps"), "success", req.ctx.t("spaces.admin.saved"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/steps/:stepId/delete", async (req, reply) => {
    const a = await processAdmin(req, reply);
    if (!a) return reply;
    const step = (await listSteps(db, a.space.id)).find((s) => s.id === stepIdOf(req.params));
    if (!step) throw notFound();
    const { ctx } = req;
    const base = spaceAdminPath(a.space, "/steps");
    return sendSpaceAdminPage(req, reply, a.space, {
      title: ctx.t("spaces.confirm.title"),
      tab: "steps",
      body: (
        <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: localize(step.title, ctx.locale, ctx.org.defaultLocale).text })} action={`${base}/${step.id}/delete`} cancelHref={base}>
          <p>{ctx.t("spaces.confirm.step")}</p>
          {step.active && <p>{ctx.t("spaces.confirm.stepActive")}</p>}
          <p>{ctx.t("spaces.confirm.irreversible")}</p>
        </ConfirmPage>
      ),
    });
  });

  const actions = {
    activate: (spaceId: number, stepId: number, actor: { id: number; ip: string | null }) => activateStep(db, actor, spaceId, stepId),
    up: (spaceId: number, stepId: number, actor: { id: number; ip: string | null }) => moveStep(db, actor, spaceId, stepId, -1),
    down: (spaceId: number, stepId: number, actor: { id: number; ip: string | null }) => moveStep(db, actor, spaceId, stepId, 1),
    delete: (spaceId: number, stepId: number, actor: { id: number; ip: string | null }) => deleteStep(db, actor, spaceId, stepId),
  } as const;
  for (const [name, run] of Object.entries(actions)) {
    app.post<{ Params: P }>(`/admin/spaces/:id/steps/:stepId/${name}`, async (req, reply) => {
      const a = await processAdmin(req, reply);
      if (!a) return reply;
      if (!(await run(a.space.id, stepIdOf(req.params), a.actor))) throw notFound();
      return redirectWithFlash(reply, spaceAdminPath(a.space, "/steps"), "success", req.ctx.t(name === "activate" ? "spaces.steps.activated" : "spaces.admin.saved"));
    });
  }
}
