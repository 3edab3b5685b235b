/** Back office of an assembly's members: list, add, edit, remove. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RequestContext } from "../http/context";
import { notFound, type FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { nestFields, parseNested } from "../components/form-values";
import { TranslatableField } from "../components/fields";
import { Form, Select, Submit, TextField } from "../../web/ui/forms";
import { redirectWithFlash } from "../../web/render";
import { ConfirmPage, DeleteLink } from "./admin-confirm";
import { requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "./admin-parts";
import { MEMBER_DESIGNATIONS, MEMBER_POSITIONS, memberInput } from "./inputs";
import { createMember, deleteMember, updateMember } from "./members-service";
import { listMembers } from "./queries";
import type { AssemblyMemberRecord, SpaceRecord } from "./types";
import { MemberName } from "./view-parts";
import { MembersTable } from "./views";

interface MemberValues {
  name?: string;
  position?: string;
  positionOther?: Translatable;
  designation?: string | null;
  ceasedAt?: string | null;
  weight?: number | string;
  userEmail?: string;
}

function MemberForm({ ctx, action, values, errors, heading }: { ctx: RequestContext; action: string; values: MemberValues; errors?: FieldErrors; heading: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="name" label={ctx.t("spaces.members.name")} hint={ctx.t("spaces.members.nameHint")} value={values.name} errors={errors} />
        <Select ctx={ctx} name="position" label={ctx.t("spaces.members.positionLabel")} value={values.position ?? "member"} errors={errors} options={MEMBER_POSITIONS.map((p) => ({ value: p, label: ctx.t(`spaces.members.position.${p}`) }))} />
        <TranslatableField ctx={ctx} name="positionOther" label={ctx.t("spaces.members.positionOther")} value={values.positionOther} errors={errors} />
        <Select
          ctx={ctx}
          name="designation"
          label={ctx.t("spaces.members.designationLabel")}
          value={values.designation ?? ""}
          errors={errors}
          options={[{ value: "", label: "—" }, ...MEMBER_DESIGNATIONS.map((d) => ({ value: d, label: ctx.t(`spaces.members.designation.${d}`) }))]}
        />
        <TextField ctx={ctx} name="userEmail" type="email" label={ctx.t("spaces.members.userEmail")} hint={ctx.t("spaces.members.userEmailHint")} value={values.userEmail} errors={errors} />
        <TextField ctx={ctx} name="ceasedAt" type="date" label={ctx.t("spaces.members.ceasedAt")} value={values.ceasedAt ?? ""} errors={errors} />
        <TextField ctx={ctx} name="weight" type="number" label={ctx.t("spaces.fields.weight")} value={values.weight ?? 0} errors={errors} />
        <Submit>{ctx.t("common.save")}</Submit>
      </Form>
    </>
  );
}

function MembersAdmin({ ctx, space, members }: { ctx: RequestContext; space: SpaceRecord; members: AssemblyMemberRecord[] }) {
  const base = spaceAdminPath(space, "/members");
  return (
    <>
      <h1>{ctx.t("spaces.members.title")}</h1>
      <p>
        <a class="button" href={`${base}/new`}>{ctx.t("spaces.members.new")}</a>
      </p>
      {members.length === 0 ? (
        <p>{ctx.t("spaces.members.empty")}</p>
      ) : (
        <MembersTable
          ctx={ctx}
          members={members}
          actions={(m) => (
            <>
              <a href={`${base}/${m.id}/edit`}>
                {ctx.t("common.edit")}
                <span class="visually-hidden">
                  {" "}
                  <MemberName ctx={ctx} member={m} />
                </span>
              </a>
              <DeleteLink ctx={ctx} href={`${base}/${m.id}/delete`} name={m.name || ctx.t("spaces.members.drawnAnonymous")} />
            </>
          )}
        />
      )}
    </>
  );
}

type P = { id: string; memberId?: string };
const memberIdOf = (p: P) => (/^\d{1,15}$/.test(p.memberId ?? "") ? Number(p.memberId) : -1);

export async function memberAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function assemblyAdmin(req: FastifyRequest<{ Params: P }>, reply: FastifyReply) {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (a && a.space.type !== "assembly") throw notFound();
    return a;
  }
  const formPage = (req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, action: string, values: MemberValues, heading: string, errors?: FieldErrors) =>
    sendSpaceAdminPage(req, reply, space, { title: heading, tab: "members", status: errors ? 422 : 200, body: <MemberForm ctx={req.ctx} action={action} values={values} errors={errors} heading={heading} /> });

  app.get<{ Params: P }>("/admin/spaces/:id/members", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    const members = await listMembers(db, a.space.id);
    return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("spaces.members.title"), tab: "members", body: <MembersAdmin ctx={req.ctx} space={a.space} members={members} /> });
  });

  app.get<{ Params: P }>("/admin/spaces/:id/members/new", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    return formPage(req, reply, a.space, spaceAdminPath(a.space, "/members/new"), {}, req.ctx.t("spaces.members.new"));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/members/new", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    const values = nestFields(req.body);
    const parsed = parseNested(memberInput, values);
    const result = parsed.ok ? await createMember(db, a.actor, a.space.id, parsed.value) : parsed;
    if (!result.ok) return formPage(req, reply, a.space, spaceAdminPath(a.space, "/members/new"), values, req.ctx.t("spaces.members.new"), result.errors);
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/members"), "success", req.ctx.t("spaces.admin.saved"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/members/:memberId/edit", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    const member = (await listMembers(db, a.space.id)).find((m) => m.id === memberIdOf(req.params));
    if (!member) throw notFound();
    return formPage(req, reply, a.space, spaceAdminPath(a.space, `/members/${member.id}/edit`), member, req.ctx.t("spaces.members.edit"));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/members/:memberId/edit", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    const memberId = memberIdOf(req.params);
    const values = nestFields(req.body);
    const parsed = parseNested(memberInput, values);
    const result = parsed.ok ? await updateMember(db, a.actor, a.space.id, memberId, parsed.value) : parsed;
    if (!result.ok) return formPage(req, reply, a.space, spaceAdminPath(a.space, `/members/${memberId}/edit`), values, req.ctx.t("spaces.members.edit"), result.errors);
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/members"), "success", req.ctx.t("spaces.admin.saved"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/members/:memberId/delete", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    const member = (await listMembers(db, a.space.id)).find((m) => m.id === memberIdOf(req.params));
    if (!member) throw notFound();
    const { ctx } = req;
    const base = spaceAdminPath(a.space, "/members");
    return sendSpaceAdminPage(req, reply, a.space, {
      title: ctx.t("spaces.confirm.title"),
      tab: "members",
      body: (
        <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: member.name })} action={`${base}/${member.id}/delete`} cancelHref={base}>
          <p>{ctx.t("spaces.confirm.member")}</p>
          <p>{ctx.t("spaces.confirm.irreversible")}</p>
        </ConfirmPage>
      ),
    });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/members/:memberId/delete", async (req, reply) => {
    const a = await assemblyAdmin(req, reply);
    if (!a) return reply;
    await deleteMember(db, a.actor, a.space.id, memberIdOf(req.params));
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/members"), "success", req.ctx.t("spaces.admin.saved"));
  });
}
