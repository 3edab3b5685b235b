/**
 * Meetings at site-wide addresses: the `/meetings` directory (upcoming / past, type, space; public
 * spaces only), the iCalendar feeds `/meetings.ics` and `/spaces/<slug>/meetings.ics` (upcoming meetings
 * and those of the past year), and the open-data CSV.
 */
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { findPublicSpaceBySlug } from "../../core/spaces/queries";
import { sendPage } from "../../web/render";
import { calendarOf } from "./feed";
import { directorySpaces, feedMeetings, listDirectory, WHEN } from "./queries";
import { MEETING_TYPES } from "./schema";
import { DirectoryPage } from "./views";

const directoryQuery = z.object({
  when: z.enum(WHEN).optional().catch(undefined),
  type: z.enum(MEETING_TYPES).optional().catch(undefined),
  space: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });

const sendCalendar = (reply: FastifyReply, body: string, filename: string) =>
  reply.header("content-type", "text/calendar; charset=utf-8").header("content-disposition", `inline; filename="${filename}"`).header("cache-control", "public, max-age=300").header("vary", "Accept-Language, Cookie").send(body);

export const meetingSiteRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/meetings",
    query: directoryQuery,
    handler: async (req, reply, { deps, query }) => {
      const state = { when: query.when ?? "upcoming", type: query.type, space: query.space, page: query.page ?? 1 };
      const [list, spaces] = await Promise.all([listDirectory(deps.db, { ...state, spaceSlug: state.space }), directorySpaces(deps.db)]);
      return sendPage(req, reply, { title: req.ctx.t("meetings.directory.title"), body: <DirectoryPage ctx={req.ctx} state={state} items={list.items} total={list.total} hasNext={list.hasNext} spaces={spaces} /> });
    },
  }),
  siteRoute({
    method: "GET",
    path: "/meetings.ics",
    handler: async (req, reply, { deps }) => {
      const rows = await feedMeetings(deps.db, {});
      const reader = { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale, online: req.ctx.t("meetings.where.online") };
      const name = `${localize(req.ctx.org.name, req.ctx.locale, req.ctx.org.defaultLocale).text} · ${req.ctx.t("meetings.directory.title")}`;
      return sendCalendar(reply, calendarOf(deps.config.PUBLIC_URL, reader, name, rows), "meetings.ics");
    },
  }),
  siteRoute({
    method: "GET",
    path: "/spaces/:slug/meetings.ics",
    params: slugParams,
    handler: async (req, reply, { deps, params }) => {
      const space = await findPublicSpaceBySlug(deps.db, params.slug);
      if (!space) throw notFound();
      const rows = await feedMeetings(deps.db, { spaceId: space.id });
      const reader = { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale, online: req.ctx.t("meetings.where.online") };
      const name = `${localize(space.title, req.ctx.locale, req.ctx.org.defaultLocale).text} · ${req.ctx.t("meetings.directory.title")}`;
      return sendCalendar(reply, calendarOf(deps.config.PUBLIC_URL, reader, name, rows), `${space.slug}-meetings.ics`);
    },
  }),
  siteRoute({
    method: "GET",
    path: "/open-data/meetings.csv",
    handler: async (req, reply, { deps }) => {
      const { meetingsCsv } = await import("./open-data");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="meetings.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(Readable.from(meetingsCsv(deps.pool, deps.config.PUBLIC_URL, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale })));
    },
  }),
];
