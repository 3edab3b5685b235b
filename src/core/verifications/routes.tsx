/** The participant's verification flows: /verifications and /verifications/:name?return_to=... */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { CurrentUser } from "../http/context";
import { requireUser } from "../http/guards";
import { parseForm } from "../http/forms";
import { notFound } from "../http/result";
import { safeReturnPath } from "../home/routes";
import { canViewSpace, loadSpaceAccess } from "../permissions/access";
import { redirectWithFlash, sendPage } from "../../web/render";
import { verificationAdminRoutes } from "./admin-routes";
import { AGE_RESIDENCE, declarationForm, declareAgeResidence } from "./age-residence";
import { claimCensusEntry } from "./census";
import { verificationKey } from "./hashing";
import { findAuthorization, userAuthorizations } from "./service";
import { censusListsVisibleTo, findCensusSpace, publicCensusLists } from "./census-lists";
import { AgeResidencePage, CensusChoicePage, censusFormPath, CensusPage, EmailConfirmedPage, NoCensusPage, OverviewPage } from "./views";
import "./handlers";
import "./personal-data";

const query = z.object({ return_to: z.string().optional(), space: z.coerce.number().int().positive().optional() });
const censusForm = z.object({ identifier: z.string().max(200), second: z.string().max(200) });

/** The same-site path to go back to, or null (never an open redirect). */
function returnPath(value: string | undefined): string | null {
  return value ? safeReturnPath(value) : null;
}

// Guessing census entries must stay slow: a few tries per quarter hour per account (or address).
const verifyRateLimit = {
  rateLimit: { max: 10, timeWindow: "15 minutes", keyGenerator: (req: FastifyRequest) => (req.ctx?.user ? `u${req.ctx.user.id}` : req.ip) },
};

export async function verificationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const key = verificationKey(app.deps.config);

  app.get("/verifications", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const [held, lists] = await Promise.all([
      userAuthorizations(db, user.id),
      // Public, published spaces only: the list must not reveal private or unpublished spaces.
      publicCensusLists(db),
    ]);
    const age = held.find((a) => a.handler === AGE_RESIDENCE && a.spaceId === null);
    const censusSpaces = new Set(held.filter((a) => a.handler === "census").map((a) => a.spaceId));
    return sendPage(req, reply, {
      title: req.ctx.t("verifications.index.title"),
      body: (
        <OverviewPage
          ctx={req.ctx}
          data={{ emailConfirmed: user.emailConfirmed, ageResidence: age?.metadata ?? null, census: lists.map((l) => ({ ...l, verified: censusSpaces.has(l.spaceId) })) }}
        />
      ),
    });
  });

  app.get<{ Querystring: Record<string, string> }>("/verifications/email_confirmed", async (req, reply) => {
    if (!requireUser(req, reply)) return reply;
    const q = query.safeParse(req.query);
    const returnTo = returnPath(q.success ? q.data.return_to : undefined);
    return sendPage(req, reply, { title: req.ctx.t("verifications.emailConfirmed.name"), body: <EmailConfirmedPage ctx={req.ctx} returnTo={returnTo} /> });
  });

  /**
   * The census form of one space, with its list's kind of second attribute (null: the space has no
   * list). A space the person may not see (unpublished, private) is not found, as everywhere else.
   */
  async function censusSpace(user: CurrentUser, spaceId: number | undefined) {
    if (!spaceId) throw notFound();
    const [row, access] = await Promise.all([findCensusSpace(db, spaceId), loadSpaceAccess(db, user, spaceId)]);
    if (!row || !canViewSpace(row, access)) throw notFound();
    return row;
  }

  /** A person sent to a list that is not there (yet) is told so, rather than shown a bare 404. */
  function noListPage(req: FastifyRequest, reply: FastifyReply, returnTo: string | null) {
    return sendPage(req, reply, { status: 404, title: req.ctx.t("verifications.census.name"), body: <NoCensusPage ctx={req.ctx} returnTo={returnTo} /> });
  }

  app.get<{ Querystring: Record<string, string> }>("/verifications/census", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const q = query.safeParse(req.query);
    const returnTo = returnPath(q.success ? q.data.return_to : undefined);
    // Without a space: the lists this person may verify against (straight to the form when there is one).
    if (!(q.success && q.data.space)) {
      const [lists, held] = await Promise.all([censusListsVisibleTo(db, user), userAuthorizations(db, user.id)]);
      const only = lists.length === 1 ? lists[0] : undefined;
      if (only) return reply.redirect(censusFormPath(only.spaceId, returnTo), 303);
      const verified = new Set(held.filter((a) => a.handler === "census").map((a) => a.spaceId));
      return sendPage(req, reply, { title: req.ctx.t("verifications.census.chooseTitle"), body: <CensusChoicePage ctx={req.ctx} lists={lists.map((l) => ({ ...l, verified: verified.has(l.spaceId) }))} returnTo={returnTo} /> });
    }
    const space = await censusSpace(user, q.data.space);
    if (!space.secondAttribute) return noListPage(req, reply, returnTo);
    if (await findAuthorization(db, user.id, "census", space.spaceId)) {
      return redirectWithFlash(reply, returnTo ?? "/verifications", "info", req.ctx.t("verifications.alreadyVerified"));
    }
    return sendPage(req, reply, {
      title: req.ctx.t("verifications.census.name"),
      body: <CensusPage ctx={req.ctx} data={{ spaceId: space.spaceId, spaceTitle: space.title, secondAttribute: space.secondAttribute, returnTo }} />,
    });
  });

  app.post<{ Querystring: Record<string, string> }>("/verifications/census", { config: verifyRateLimit }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const q = query.safeParse(req.query);
    const space = await censusSpace(user, q.success ? q.data.space : undefined);
    const returnTo = returnPath(q.success ? q.data.return_to : undefined);
    const secondAttribute = space.secondAttribute;
    if (!secondAttribute) return noListPage(req, reply, returnTo);
    const form = parseForm(censusForm, req.body);
    const result = form.ok ? await claimCensusEntry(db, key, user.id, space.spaceId, form.value) : form;
    if (result.ok) return redirectWithFlash(reply, returnTo ?? "/verifications", "success", req.ctx.t("verifications.granted"));
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The identifier is echoed back so a typo can be fixed; the second value is not.
    return sendPage(req, reply, {
      status: 422,
      title: req.ctx.t("verifications.census.name"),
      body: (
        <CensusPage
          ctx={req.ctx}
          data={{ spaceId: space.spaceId, spaceTitle: space.title, secondAttribute, returnTo, values: { identifier: typeof body.identifier === "string" ? body.identifier : "" }, errors: result.errors }}
        />
      ),
    });
  });

  app.get<{ Querystring: Record<string, string> }>("/verifications/age_residence", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const q = query.safeParse(req.query);
    const current = await findAuthorization(db, user.id, AGE_RESIDENCE, null);
    const m = current?.metadata;
    const values = m ? { birthDate: String(m.birthDate ?? ""), country: String(m.country ?? "BE") } : {};
    return sendPage(req, reply, {
      title: req.ctx.t("verifications.ageResidence.name"),
      body: <AgeResidencePage ctx={req.ctx} data={{ returnTo: returnPath(q.success ? q.data.return_to : undefined), values }} />,
    });
  });

  app.post<{ Querystring: Record<string, string> }>("/verifications/age_residence", { config: verifyRateLimit }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const q = query.safeParse(req.query);
    const returnTo = returnPath(q.success ? q.data.return_to : undefined);
    const form = parseForm(declarationForm, req.body);
    const result = form.ok ? await declareAgeResidence(db, user.id, form.value) : form;
    if (result.ok) return redirectWithFlash(reply, returnTo ?? "/verifications", "success", req.ctx.t("verifications.granted"));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
    return sendPage(req, reply, {
      status: 422,
      title: req.ctx.t("verifications.ageResidence.name"),
      body: <AgeResidencePage ctx={req.ctx} data={{ returnTo, values: { birthDate: str("birthDate"), country: str("country"), postalCode: str("postalCode") }, errors: result.errors }} />,
    });
  });

  // Unknown handlers answer 404 rather than an empty form.
  app.get<{ Params: { name: string } }>("/verifications/:name", async () => {
    throw notFound();
  });

  await app.register(verificationAdminRoutes);
}
