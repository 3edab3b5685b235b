/** Back office of spaces: list, create, edit, publish; process groups. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { nestFields, parseNested } from "../components/form-values";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { notFound, type FieldErrors } from "../http/result";
import { redirectWithFlash } from "../../web/render";
import { actorOf, requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "./admin-parts";
import { GroupForm, SpaceForm, SpacesAdminList, type SpaceFormValues } from "./admin-views";
import { groupInput, spaceInput } from "./inputs";
import { findGroup, listAllSpaces, listGroups, listParentChoices } from "./queries";
import type { SpaceType } from "./schema";
import { createGroup, createSpace, setSpacePublished, updateGroup, updateSpace } from "./service";
import { activateStepsByDate, todayUtc } from "./steps-by-date";
import { checkImage, saveImage, uploadedFile } from "./uploads";

const typeOf = (v: unknown): SpaceType => (v === "assembly" ? "assembly" : "process");

/** Parses the space form (urlencoded or multipart) and stores an uploaded hero image. */
async function readSpaceForm(app: FastifyInstance, req: FastifyRequest) {
  const values = nestFields(req.body);
  const parsed = parseNested(spaceInput, values);
  const file = uploadedFile(values.heroImageFile);
  let upload: string | null = null;
  let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
  const fileError = file ? checkImage(file, "heroImageFile") : null;
  if (fileError) errors = { ...errors, ...fileError };
  // Stored only when the whole form is valid, so a refused form leaves no orphan file behind.
  if (file && Object.keys(errors).length === 0) {
    const saved = await saveImage(app.deps.db, file, "heroImageFile");
    if (saved.ok) upload = saved.value;
    else errors = saved.errors;
  }
  delete values.heroImageFile;
  return { values: values as SpaceFormValues, parsed, upload, errors };
}

export async function spaceAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get("/admin/spaces", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const [processes, assemblies, groups] = await Promise.all([listAllSpaces(db, "process"), listAllSpaces(db, "assembly"), listGroups(db)]);
    return sendAdminPage(req, reply, { title: req.ctx.t("spaces.admin.title"), body: <SpacesAdminList ctx={req.ctx} processes={processes} assemblies={assemblies} groups={groups} /> });
  });

  const newHeading = (req: FastifyRequest, type: SpaceType) => req.ctx.t(type === "process" ? "spaces.admin.newProcess" : "spaces.admin.newAssembly");

  app.get<{ Querystring: { type?: string } }>("/admin/spaces/new", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const type = typeOf(req.query.type);
    const [groups, parents] = await Promise.all([listGroups(db), listParentChoices(db, null)]);
    return sendAdminPage(req, reply, { title: newHeading(req, type), body: <SpaceForm ctx={req.ctx} type={type} action={`/admin/spaces/new?type=${type}`} values={{}} groups={groups} parents={parents} heading={newHeading(req, type)} /> });
  });

  app.post<{ Querystring: { type?: string } }>("/admin/spaces/new", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const type = typeOf(req.query.type);
    const form = await readSpaceForm(app, req);
    const result = form.parsed.ok && Object.keys(form.errors).length === 0 ? await createSpace(db, actorOf(req), type, form.parsed.value, form.upload) : null;
    if (!result || !result.ok) {
      const [groups, parents] = await Promise.all([listGroups(db), listParentChoices(db, null)]);
      const errors = result && !result.ok ? result.errors : form.errors;
      return sendAdminPage(req, reply, {
        title: newHeading(req, type),
        status: 422,
        body: <SpaceForm ctx={req.ctx} type={type} action={`/admin/spaces/new?type=${type}`} values={form.values} errors={errors} groups={groups} parents={parents} heading={newHeading(req, type)} />,
      });
    }
    if (result.value.activateStepsByDate) await activateStepsByDate(db, todayUtc(), { spaceId: result.value.id });
    return redirectWithFlash(reply, spaceAdminPath(result.value, "/edit"), "success", req.ctx.t("spaces.admin.created"));
  });

  app.get<{ Params: { id: string } }>("/admin/spaces/:id", async (req, reply) => reply.redirect(`/admin/spaces/${encodeURIComponent(req.params.id)}/edit`, 303));

  app.get<{ Params: { id: string } }>("/admin/spaces/:id/edit", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const [groups, parents] = await Promise.all([listGroups(db), listParentChoices(db, a.space.id)]);
    const heading = req.ctx.t("spaces.admin.tab.edit");
    return sendSpaceAdminPage(req, reply, a.space, { title: heading, tab: "edit", body: <SpaceForm ctx={req.ctx} type={a.space.type} action={spaceAdminPath(a.space, "/edit")} values={a.space} groups={groups} parents={parents} heading={heading} /> });
  });

  app.post<{ Params: { id: string } }>("/admin/spaces/:id/edit", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const form = await readSpaceForm(app, req);
    const result = form.parsed.ok && Object.keys(form.errors).length === 0 ? await updateSpace(db, a.actor, a.space.id, form.parsed.value, form.upload) : null;
    if (!result || !result.ok) {
      const [groups, parents] = await Promise.all([listGroups(db), listParentChoices(db, a.space.id)]);
      const heading = req.ctx.t("spaces.admin.tab.edit");
      const errors = result && !result.ok ? result.errors : form.errors;
      return sendSpaceAdminPage(req, reply, a.space, {
        title: heading,
        tab: "edit",
        status: 422,
        body: <SpaceForm ctx={req.ctx} type={a.space.type} action={spaceAdminPath(a.space, "/edit")} values={form.values} errors={errors} groups={groups} parents={parents} heading={heading} />,
      });
    }
    // Turning date-driven steps on takes effect now, not at the job's next run.
    if (result.value.activateStepsByDate) await activateStepsByDate(db, todayUtc(), { spaceId: a.space.id });
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/edit"), "success", req.ctx.t("spaces.admin.saved"));
  });

  for (const publish of [true, false]) {
    app.post<{ Params: { id: string } }>(`/admin/spaces/:id/${publish ? "publish" : "unpublish"}`, async (req, reply) => {
      const a = await requireSpaceAdmin(req, reply, req.params.id);
      if (!a) return reply;
      await setSpacePublished(db, a.actor, a.space.id, publish);
      const back = typeof req.headers.referer === "string" && new URL(req.headers.referer, "http://x").pathname === "/admin/spaces" ? "/admin/spaces" : spaceAdminPath(a.space, "/edit");
      return redirectWithFlash(reply, back, "success", req.ctx.t(publish ? "spaces.admin.publishedFlash" : "spaces.admin.unpublishedFlash"));
    });
  }

  // Process groups.
  const groupPage = (req: FastifyRequest, reply: FastifyReply, action: string, values: Parameters<typeof GroupForm>[0]["values"], heading: string, errors?: FieldErrors) =>
    sendAdminPage(req, reply, { title: heading, status: errors ? 422 : 200, body: <GroupForm ctx={req.ctx} action={action} values={values} errors={errors} heading={heading} /> });

  app.get("/admin/process-groups/new", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return groupPage(req, reply, "/admin/process-groups/new", {}, req.ctx.t("spaces.groups.new"));
  });

  app.post("/admin/process-groups/new", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const values = nestFields(req.body);
    const parsed = parseNested(groupInput, values);
    if (!parsed.ok) return groupPage(req, reply, "/admin/process-groups/new", values, req.ctx.t("spaces.groups.new"), parsed.errors);
    await createGroup(db, actorOf(req), parsed.value);
    return redirectWithFlash(reply, "/admin/spaces", "success", req.ctx.t("spaces.admin.saved"));
  });

  app.get<{ Params: { id: string } }>("/admin/process-groups/:id/edit", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const group = /^\d{1,15}$/.test(req.params.id) ? await findGroup(db, Number(req.params.id)) : null;
    if (!group) throw notFound();
    return groupPage(req, reply, `/admin/process-groups/${group.id}/edit`, group, req.ctx.t("spaces.groups.edit"));
  });

  app.post<{ Params: { id: string } }>("/admin/process-groups/:id/edit", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : -1;
    const values = nestFields(req.body);
    const parsed = parseNested(groupInput, values);
    if (!parsed.ok) return groupPage(req, reply, `/admin/process-groups/${id}/edit`, values, req.ctx.t("spaces.groups.edit"), parsed.errors);
    if (!(await updateGroup(db, actorOf(req), id, parsed.value))) throw notFound();
    return redirectWithFlash(reply, "/admin/spaces", "success", req.ctx.t("spaces.admin.saved"));
  });
}
