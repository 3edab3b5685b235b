/** Back office: census lists per space (/admin/census) and granted authorizations (/admin/verifications). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { parseForm } from "../http/forms";
import { notFound } from "../http/result";
import { requireSpaceAdmin, sendSpaceAdminPage } from "../spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { getCensusList, listSpacesWithCensus, replaceCensus } from "./census";
import { verificationKey } from "./hashing";
import { listAuthorizations, revokeAuthorization } from "./service";
import { AuthorizationsPage, CensusIndexPage, CensusUploadPage } from "./admin-views";

const idParam = z.object({ id: z.coerce.number().int().positive() });
const listQuery = z.object({ handler: z.enum(["email_confirmed", "census", "age_residence"]).optional(), before: z.coerce.number().int().positive().optional() });

const uploadForm = z.object({
  secondAttribute: z.enum(["birth_date", "text"]),
  hasHeader: z.literal("on").optional(),
  csv: z.string().max(5_000_000).optional(),
  // Multipart gives a file's content as a Buffer; an empty file input sends an empty one.
  file: z.instanceof(Buffer).optional(),
});

export async function verificationAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const key = verificationKey(app.deps.config);

  app.get("/admin/census", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const rows = await listSpacesWithCensus(db);
    return sendAdminPage(req, reply, { title: req.ctx.t("verifications.admin.census.title"), body: <CensusIndexPage ctx={req.ctx} rows={rows} /> });
  });

  // Organization admins and the space's own admins manage its census list, in the space's admin frame.
  app.get<{ Params: { spaceId: string } }>("/admin/census/:spaceId", async (req, reply) => {
    const access = await requireSpaceAdmin(req, reply, req.params.spaceId);
    if (!access) return reply;
    const { space } = access;
    const current = await getCensusList(db, space.id);
    return sendSpaceAdminPage(req, reply, space, {
      tab: null,
      title: req.ctx.t("verifications.admin.census.title"),
      body: <CensusUploadPage ctx={req.ctx} data={{ spaceId: space.id, spaceTitle: space.title, current }} />,
    });
  });

  app.post<{ Params: { spaceId: string } }>("/admin/census/:spaceId", async (req, reply) => {
    const access = await requireSpaceAdmin(req, reply, req.params.spaceId);
    if (!access) return reply;
    const { space } = access;
    const { t } = req.ctx;
    const form = parseForm(uploadForm, req.body);
    const fileText = form.ok && form.value.file && form.value.file.length > 0 ? form.value.file.toString("utf8") : "";
    const csv = fileText || (form.ok ? (form.value.csv ?? "") : "");
    const result = !form.ok
      ? form
      : csv.trim() === ""
        ? { ok: false as const, errors: { csv: { key: "verifications.census.empty" as const } } }
        : await replaceCensus(db, key, access.actor, space.id, { secondAttribute: form.value.secondAttribute, hasHeader: form.value.hasHeader === "on", csv });
    if (result.ok) {
      return redirectWithFlash(reply, `/admin/census/${space.id}`, "success", t("verifications.admin.census.uploaded", { count: result.value.entryCount, revoked: result.value.revoked }));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const current = await getCensusList(db, space.id);
    return sendSpaceAdminPage(req, reply, space, {
      tab: null,
      status: 422,
      title: t("verifications.admin.census.title"),
      body: (
        <CensusUploadPage
          ctx={req.ctx}
          data={{
            spaceId: space.id,
            spaceTitle: space.title,
            current,
            values: { secondAttribute: typeof body.secondAttribute === "string" ? body.secondAttribute : undefined, hasHeader: body.hasHeader === "on", csv: typeof body.csv === "string" ? body.csv : "" },
            errors: result.errors,
          }}
        />
      ),
    });
  });

  app.get<{ Querystring: Record<string, string> }>("/admin/verifications", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const q = listQuery.safeParse(req.query);
    const filter = q.success ? q.data : {};
    const page = await listAuthorizations(db, filter);
    return sendAdminPage(req, reply, {
      title: req.ctx.t("verifications.admin.auth.title"),
      body: <AuthorizationsPage ctx={req.ctx} data={{ handler: filter.handler, ...page }} />,
    });
  });

  app.post<{ Params: Record<string, string> }>("/admin/verifications/:id/revoke", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const p = idParam.safeParse(req.params);
    if (!p.success || !(await revokeAuthorization(db, { id: user.id, ip: req.ip }, p.data.id))) throw notFound();
    return redirectWithFlash(reply, "/admin/verifications", "success", req.ctx.t("verifications.admin.auth.revoked"));
  });
}

