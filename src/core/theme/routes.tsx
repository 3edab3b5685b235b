/** Back office: the organization's theme (/admin/appearance) and each space's overrides. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { parseForm } from "../http/forms";
import { notFound, type FieldErrors } from "../http/result";
import { localize } from "../i18n/translator";
import { requireSpaceAdmin, sendSpaceAdminPage } from "../spaces/admin-parts";
import type { SpaceRecord } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import { failingPairs, parseHex } from "./contrast";
import { organizationThemeForm, overridesOf, spaceThemeForm } from "./form";
import { listSpaceThemes } from "./queries";
import { saveOrganizationTheme, saveSpaceTheme } from "./service";
import { resolveTheme, type ThemeTokens } from "./tokens";
import { ContrastTable, SpacesThemeList, ThemeForm, ThemePreview, type ThemeFormValues } from "./views";


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

  async function orgPage(req: FastifyRequest, reply: FastifyReply, values: ThemeFormValues, errors?: FieldErrors) {
    const { ctx } = req;
    const rows = await listSpaceThemes(db);
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
          <SpacesThemeList ctx={ctx} spaces={rows.map((r) => ({ id: r.id, title: r.title, overrides: Object.keys(r.theme).length, failing: failingPairs(resolveTheme(ctx.org.theme, r.theme)).length }))} />
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

  function spacePage(req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, values: ThemeFormValues, errors?: FieldErrors) {
    const { ctx } = req;
    const title = localize(space.title, ctx.locale, ctx.org.defaultLocale).text;
    const saved = resolveTheme(ctx.org.theme, space.theme);
    const shown = errors ? candidate(resolveTheme(ctx.org.theme), values) : saved;
    // In the space's admin frame (its header and tabs), on the "theme" tab.
    return sendSpaceAdminPage(req, reply, space, {
      status: errors ? 422 : 200,
      tab: "theme",
      title: ctx.t("theme.spaceTitle", { space: title }),
      body: (
        <>
          <h1>{ctx.t("theme.spaceTitle", { space: title })}</h1>
          <p>{ctx.t("theme.spaceIntro")}</p>
          <ThemeForm ctx={ctx} data={{ mode: "space", action: `/admin/appearance/spaces/${space.id}`, values, inherited: resolveTheme(ctx.org.theme), errors }} />
          <ContrastTable ctx={ctx} theme={shown} />
          <ThemePreview ctx={ctx} theme={saved} />
          {ctx.user?.isAdmin && <p><a href="/admin/appearance">{ctx.t("theme.backToOrganization")}</a></p>}
        </>
      ),
    });
  }

  // Organization admins and the space's own admins edit its theme.
  app.get<{ Params: { spaceId: string } }>("/admin/appearance/spaces/:spaceId", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.spaceId);
    if (!a) return reply;
    return spacePage(req, reply, a.space, asValues(a.space.theme));
  });

  app.post<{ Params: { spaceId: string } }>("/admin/appearance/spaces/:spaceId", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.spaceId);
    if (!a) return reply;
    const { space } = a;
    const form = parseForm(spaceThemeForm, req.body);
    const result = form.ok ? await saveSpaceTheme(db, a.actor, space.id, req.ctx.org.theme, overridesOf(form.value)) : form;
    if (result === null) throw notFound();
    if (result.ok) return redirectWithFlash(reply, `/admin/appearance/spaces/${space.id}`, "success", req.ctx.t("theme.saved"));
    return spacePage(req, reply, space, submitted(req.body), result.errors);
  });
}
