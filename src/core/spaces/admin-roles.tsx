/** Back office of who holds a role in a space, and who is admitted to a private space (both by email). */
import type { FastifyInstance } from "fastify";
import type { RequestContext } from "../http/context";
import { parseForm } from "../http/forms";
import type { FieldErrors } from "../http/result";
import { Form, Select, Submit, TextField } from "../../web/ui/forms";
import { redirectWithFlash } from "../../web/render";
import { ActionButton, requireSpaceAdmin, sendSpaceAdminPage, spaceAdminPath } from "./admin-parts";
import { privateUserInput, roleInput, SPACE_ROLES } from "./inputs";
import { addPrivateUser, removePrivateUser } from "./members-service";
import { assignRole, listPrivateUsers, listRoles, revokeRole, type RoleHolder } from "./roles-service";
import type { SpaceRecord } from "./types";

function RolesAdmin({ ctx, space, roles, values, errors }: { ctx: RequestContext; space: SpaceRecord; roles: RoleHolder[]; values: { email?: string; role?: string }; errors?: FieldErrors }) {
  const base = spaceAdminPath(space, "/roles");
  return (
    <>
      <h1>{ctx.t("spaces.roles.title")}</h1>
      <p>{ctx.t("spaces.roles.intro")}</p>
      {roles.length === 0 ? (
        <p>{ctx.t("spaces.roles.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{ctx.t("spaces.roles.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t("spaces.members.name")}</th>
              <th scope="col">{ctx.t("spaces.roles.email")}</th>
              <th scope="col">{ctx.t("spaces.roles.role")}</th>
              <th scope="col">{ctx.t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.email ?? "—"}</td>
                <td>{ctx.t(`spaces.roles.${r.role}`)}</td>
                <td>
                  <ActionButton ctx={ctx} action={`${base}/${r.id}/delete`} label={ctx.t("spaces.roles.revoke")} secondary />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{ctx.t("spaces.roles.assign")}</h2>
      <Form ctx={ctx} action={base} errors={errors}>
        <TextField ctx={ctx} name="email" type="email" label={ctx.t("spaces.roles.email")} value={values.email} errors={errors} required autocomplete="off" />
        <Select ctx={ctx} name="role" label={ctx.t("spaces.roles.role")} value={values.role ?? "collaborator"} errors={errors} options={SPACE_ROLES.map((r) => ({ value: r, label: ctx.t(`spaces.roles.${r}`) }))} />
        <Submit>{ctx.t("spaces.roles.assign")}</Submit>
      </Form>
    </>
  );
}

function PrivateUsersAdmin(props: { ctx: RequestContext; space: SpaceRecord; users: Array<{ id: number; name: string; email: string | null }>; values: { email?: string }; errors?: FieldErrors }) {
  const { ctx, space } = props;
  const base = spaceAdminPath(space, "/private-users");
  return (
    <>
      <h1>{ctx.t("spaces.private.title")}</h1>
      <p>{ctx.t(space.isPrivate ? "spaces.private.intro" : "spaces.private.notPrivate")}</p>
      {props.users.length === 0 ? (
        <p>{ctx.t("spaces.private.empty")}</p>
      ) : (
        <ul>
          {props.users.map((u) => (
            <li>
              {u.name} ({u.email ?? "—"}) <ActionButton ctx={ctx} action={`${base}/${u.id}/delete`} label={ctx.t("common.delete")} secondary />
            </li>
          ))}
        </ul>
      )}
      <h2>{ctx.t("spaces.private.add")}</h2>
      <Form ctx={ctx} action={base} errors={props.errors}>
        <TextField ctx={ctx} name="email" type="email" label={ctx.t("spaces.roles.email")} value={props.values.email} errors={props.errors} required autocomplete="off" />
        <Submit>{ctx.t("spaces.private.add")}</Submit>
      </Form>
    </>
  );
}

type P = { id: string; itemId?: string };
const itemIdOf = (p: P) => (/^\d{1,15}$/.test(p.itemId ?? "") ? Number(p.itemId) : -1);

export async function roleAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Params: P }>("/admin/spaces/:id/roles", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const roles = await listRoles(db, a.space.id);
    return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("spaces.roles.title"), tab: "roles", body: <RolesAdmin ctx={req.ctx} space={a.space} roles={roles} values={{}} /> });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/roles", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const parsed = parseForm(roleInput, req.body);
    const result = parsed.ok ? await assignRole(db, a.actor, a.space.id, parsed.value.email, parsed.value.role) : parsed;
    if (!result.ok) {
      const roles = await listRoles(db, a.space.id);
      const values = (req.body ?? {}) as { email?: string; role?: string };
      return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("spaces.roles.title"), tab: "roles", status: 422, body: <RolesAdmin ctx={req.ctx} space={a.space} roles={roles} values={values} errors={result.errors} /> });
    }
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/roles"), "success", req.ctx.t("spaces.roles.assigned"));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/roles/:itemId/delete", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    await revokeRole(db, a.actor, a.space.id, itemIdOf(req.params));
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/roles"), "success", req.ctx.t("spaces.roles.revoked"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/private-users", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const users = await listPrivateUsers(db, a.space.id);
    return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("spaces.private.title"), tab: "private", body: <PrivateUsersAdmin ctx={req.ctx} space={a.space} users={users} values={{}} /> });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/private-users", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const parsed = parseForm(privateUserInput, req.body);
    const result = parsed.ok ? await addPrivateUser(db, a.actor, a.space.id, parsed.value.email) : parsed;
    if (!result.ok) {
      const users = await listPrivateUsers(db, a.space.id);
      const values = (req.body ?? {}) as { email?: string };
      return sendSpaceAdminPage(req, reply, a.space, { title: req.ctx.t("spaces.private.title"), tab: "private", status: 422, body: <PrivateUsersAdmin ctx={req.ctx} space={a.space} users={users} values={values} errors={result.errors} /> });
    }
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/private-users"), "success", req.ctx.t("spaces.admin.saved"));
  });

  app.post<{ Params: P }>("/admin/spaces/:id/private-users/:itemId/delete", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    await removePrivateUser(db, a.actor, a.space.id, itemIdOf(req.params));
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/private-users"), "success", req.ctx.t("spaces.admin.saved"));
  });
}
