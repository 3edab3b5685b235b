/** Back office: census lists per space (/admin/census) and granted authorizations (/admin/verifications). */
import { and, desc, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin, requireUser } from "../http/guards";
import { parseForm } from "../http/forms";
import { forbidden, notFound } from "../http/result";
import { spaceRoles, spaces } from "../spaces/schema";
import { redirectWithFlash } from "../../web/render";
import { getCensusList, replaceCensus } from "./census";
import { verificationKey } from "./hashing";
import { censusLists } from "./schema";
import { listAuthorizations, revokeAuthorization } from "./service";
import { AuthorizationsPage, CensusIndexPage, CensusUploadPage } from "./admin-views";

const spaceParam = z.object({ spaceId: z.coerce.number().int().positive() });
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

  /** Organization admins and the space's own admins manage its census list. */
  async function requireSpaceAdmin(req: FastifyRequest, reply: FastifyReply, spaceId: number) {
    const user = requireUser(req, reply);
    if (!user) return null;
    const [space] = await db
      .select({ id: spaces.id, title: spaces.title, role: spaceRoles.role })
      .from(spaces)
      .leftJoin(spaceRoles, and(eq(spaceRoles.spaceId, spaces.id), eq(spaceRoles.userId, user.id), eq(spaceRoles.role, "admin")))
      .where(eq(spaces.id, spaceId))
      .limit(1);
    if (!space) throw notFound();
    if (!user.isAdmin && space.role !== "admin") throw forbidden();
    return { user, space };
  }

  app.get("/admin/census", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const rows = await db
      .select({ spaceId: spaces.id, title: spaces.title, entryCount: censusLists.entryCount, uploadedAt: censusLists.uploadedAt })
      .from(spaces)
      .leftJoin(censusLists, eq(censusLists.spaceId, spaces.id))
      .orderBy(desc(spaces.createdAt))
      .limit(500);
    return sendAdminPage(req, reply, { title: req.ctx.t("verifications.admin.census.title"), body: <CensusIndexPage ctx={req.ctx} rows={rows} /> });
  });

  app.get<{ Params: Record<string, string> }>("/admin/census/:spaceId", async (req, reply) => {
    const p = spaceParam.safeParse(req.params);
    if (!p.success) throw notFound();
    const access = await requireSpaceAdmin(req, reply, p.data.spaceId);
    if (!access) return reply;
    const current = await getCensusList(db, p.data.spaceId);
    return sendAdminPage(req, reply, {
      title: req.ctx.t("verifications.admin.census.title"),
      body: <CensusUploadPage ctx={req.ctx} data={{ spaceId: p.data.spaceId, spaceTitle: access.space.title, current }} />,
    });
  });

  app.post<{ Params: Record<string, string> }>("/admin/census/:spaceId", async (req, reply) => {
    const p = spaceParam.safeParse(req.params);
    if (!p.success) throw notFound();
    const access = await requireSpaceAdmin(req, reply, p.data.spaceId);
    if (!access) return reply;
    const { t } = req.ctx;
    const form = parseForm(uploadForm, req.body);
    const fileText = form.ok && form.value.file && form.value.file.length > 0 ? form.value.file.toString("utf8") : "";
    const csv = fileText || (form.ok ? (form.value.csv ?? "") : "");
    const result = !form.ok
      ? form
      : csv.trim() === ""
        ? { ok: false as const, errors: { csv: { key: "verifications.census.empty" as const } } }
        : await replaceCensus(db, key, { id: access.user.id, ip: req.ip }, p.data.spaceId, { secondAttribute: form.value.secondAttribute, hasHeader: form.value.hasHeader === "on", csv });
    if (result.ok) {
      return redirectWithFlash(reply, `/admin/census/${p.data.spaceId}`, "success", t("verifications.admin.census.uploaded", { count: result.value.entryCount, revoked: result.value.revoked }));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const current = await getCensusList(db, p.data.spaceId);
    return sendAdminPage(req, reply, {
      status: 422,
      title: t("verifications.admin.census.title"),
      body: (
        <CensusUploadPage
          ctx={req.ctx}
          data={{
            spaceId: p.data.spaceId,
            spaceTitle: access.space.title,
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

