/** Back office: the organization's theme (/admin/appearance) and each space's overrides. */
import { desc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { parseForm } from "../http/forms";
import { notFound, type FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { spaces } from "../spaces/schema";
import { redirectWithFlash } from "../../web/render";
import { parseHex } from "./contrast";
import { organizationThemeForm, overridesOf, spaceThemeForm } from "./form";
import { saveOrganizationTheme, saveSpaceTheme } from "./service";
import { resolveTheme, type ThemeTokens } from "./tokens";
import { ContrastTable, SpacesThemeList, ThemeForm, ThemePreview, type ThemeFormValues } from "./views";

const spaceParam = z.object({ spaceId: z.coerce.number().int().positive() });

/** What the browser sent, to re-show in the form (strings only). */
function submitted(body: unknown): ThemeFormValues {
  const out: Record<string, string> = {};
  if (body && typeof body === "object") for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

/** The theme as submitted (valid colours only) over `base`: its contrast table explains a refusal. */
function candidate(base: ThemeTokens, values: ThemeFormValues): ThemeTokens {
  const colors = Object.fromEntries(Object.entries(values).filter(([k, v]) => k.startsWith("color") && v && parseHex(v)));
  return { ...base, ...colors };
}

const asValues = (theme: Partial<ThemeTokens>): ThemeFormValues => Object.fromEntries(Object.entries(theme).map(([k, v]) => [k, String(v)]));

export async function themeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function orgPage(req: Parameters<typeof requireAdmin>[0], reply: Parameters<typeof requireAdmin>[1], values: ThemeFormValues, errors?: FieldErrors) {
    const { ctx } = req;
    const rows = await db.select({ id: spaces.id, title: spaces.title, theme: spaces.theme }).from(spaces).orderBy(desc(spaces.createdAt)).limit(500);
    const saved = resolveTheme(ctx.org.theme);
    const shown = errors ? candidate(saved, values) : saved;
    return sendAdminPage(req, reply, {
      status: errors ? 422 : 200,
      title: ctx.t("theme.title"),
      body: (
        <>
          <h1>{ctx.t("theme.title")}</h1>
          <p>{ctx.t("theme.intro")}</p>
          <ThemeForm ctx={ctx} data={{ mode: "organization", action: "/admin/appearance", values, errors }} />
          <ContrastTable ctx={ctx} theme={shown} />
          <ThemePreview ctx={ctx} theme={saved} />
          <h2>{ctx.t("theme.spacesHeading")}</h2>
          <p>{ctx.t("theme.spacesIntro")}</p>
          <SpacesThemeList ctx={ctx} spaces={rows.map((r) => ({ id: r.id, title: r.title, overrides: Object.keys(r.theme).length }))} />
        </>
      ),
    });
  }

  app.get("/admin/appearance", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return orgPage(req, reply, asValues(resolveTheme(req.ctx.org.theme)));
  });

  app.post("/admin/appearance", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const form = parseForm(organizationThemeForm, req.body);
    const result = form.ok ? await saveOrganizationTheme(db, { id: user.id, ip: req.ip }, form.value) : form;
    if (result.ok) return redirectWithFlash(reply, "/admin/appearance", "success", req.ctx.t("theme.saved"));
    return orgPage(req, reply, submitted(req.body), result.errors);
  });

  async function loadSpace(spaceId: number) {
    const [row] = await db.select({ id: spaces.id, title: spaces.title, theme: spaces.theme }).from(spaces).where(eq(spaces.id, spaceId));
    if (!row) throw notFound();
    return row;
  }

  function spacePage(req: Parameters<typeof requireAdmin>[0], reply: Parameters<typeof requireAdmin>[1], space: { id: number; title: Translatable; theme: Partial<ThemeTokens> }, values: ThemeFormValues, errors?: FieldErrors) {
    const { ctx } = req;
    const title = localize(space.title, ctx.locale, ctx.org.defaultLocale).text;
    const saved = resolveTheme(ctx.org.theme, space.theme);
    const shown = errors ? candidate(resolveTheme(ctx.org.theme), values) : saved;
    return sendAdminPage(req, reply, {
      status: errors ? 422 : 200,
      title: ctx.t("theme.spaceTitle", { space: title }),
      body: (
        <>
          <h1>{ctx.t("theme.spaceTitle", { space: title })}</h1>
          <p>{ctx.t("theme.spaceIntro")}</p>
          <ThemeForm ctx={ctx} data={{ mode: "space", action: `/admin/appearance/spaces/${space.id}`, values, inherited: resolveTheme(ctx.org.theme), errors }} />
          <ContrastTable ctx={ctx} theme={shown} />
          <ThemePreview ctx={ctx} theme={saved} />
          <p><a href="/admin/appearance">{ctx.t("theme.backToOrganization")}</a></p>
        </>
      ),
    });
  }

  app.get<{ Params: Record<string, string> }>("/admin/appearance/spaces/:spaceId", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const p = spaceParam.safeParse(req.params);
    if (!p.success) throw notFound();
    const space = await loadSpace(p.data.spaceId);
    return spacePage(req, reply, space, asValues(space.theme));
  });

  app.post<{ Params: Record<string, string> }>("/admin/appearance/spaces/:spaceId", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const p = spaceParam.safeParse(req.params);
    if (!p.success) throw notFound();
    const space = await loadSpace(p.data.spaceId);
    const form = parseForm(spaceThemeForm, req.body);
    const result = form.ok ? await saveSpaceTheme(db, { id: user.id, ip: req.ip }, space.id, req.ctx.org.theme, overridesOf(form.value)) : form;
    if (result === null) throw notFound();
    if (result.ok) return redirectWithFlash(reply, `/admin/appearance/spaces/${space.id}`, "success", req.ctx.t("theme.saved"));
    return spacePage(req, reply, space, submitted(req.body), result.errors);
  });
}
