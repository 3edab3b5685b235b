/**
 * The map and group pages of a conversation, and its live events: `/conversations/:id/map`
 * (`?statements=1` adds the statements' projections), `/conversations/:id/groups/:groupId`, and
 * `/conversations/:id/events` (SSE: `{mathTick, votes}` each time a tick is stored, from the core's
 * realtime bus). All read the latest tick's math blob; the pages work without the events.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { streamTopic } from "../../core/realtime/sse";
import { assetUrl } from "../../web/assets";
import { anonymousToken } from "./identity";
import { mapOfBlob, type OpinionMap } from "./map-model";
import { GroupView, MapView } from "./group-views";
import { findConversation, findParticipant, loadLatestTick, statementTexts, type PageConversation } from "./page-queries";
import type { ConversationSettings, ConversationStepSettings } from "./settings";

type Route = ComponentRoute<ConversationSettings, ConversationStepSettings>;
type Request = ComponentRequest<ConversationSettings, ConversationStepSettings>;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const params = z.object({ conversationId: id });
const groupParams = z.object({ conversationId: id, groupId: z.coerce.number().int().min(0).max(1000) });

/** The live topic of a conversation (math.ts publishes on it after each tick). */
export const conversationTopic = (conversationId: number) => `conversation:${conversationId}`;

interface MapContext {
  conversation: PageConversation;
  url: string;
  map: OpinionMap | null;
  own: number | null;
  ownGroup: number | null;
  pid: number | null;
}

async function mapContext(req: FastifyRequest, c: Request): Promise<MapContext> {
  const conversationId = Number(c.params.conversationId);
  const user = req.ctx.user;
  const [conversation, [pid, tick]] = await Promise.all([
    findConversation(c.deps.db, c.component.id, conversationId),
    findParticipant(c.deps.db, conversationId, { userId: user?.id ?? null, anonymousToken: user ? null : anonymousToken(req) }).then(async (pid) => [pid, await loadLatestTick(c.deps.db, conversationId, pid)] as const),
  ]);
  if (!conversation) throw notFound();
  const map = tick ? mapOfBlob(tick.mathTick, tick.blob) : null;
  const own = tick?.cluster ?? null;
  const ownGroup = own === null ? null : (map?.points.find((p) => p.id === own)?.group ?? null);
  return { conversation, url: `${c.base}/conversations/${conversationId}`, map, own, ownGroup, pid };
}

export const groupRoutes: Route[] = [
  {
    method: "GET",
    path: "/conversations/:conversationId/map",
    params,
    handler: async (req, reply, c) => {
      const m = await mapContext(req, c);
      const showStatements = (req.query as Record<string, unknown> | undefined)?.["statements"] === "1";
      const texts = showStatements && m.map ? await statementTexts(c.deps.db, m.conversation.id, m.map.statements.map((s) => s.tid)) : new Map();
      return sendComponentPage(req, reply, c, {
        title: req.ctx.t("conversations.map.heading"),
        body: (
          <MapView
            ctx={req.ctx}
            conversation={m.conversation}
            url={m.url}
            map={m.map}
            own={m.own}
            ownGroup={m.ownGroup}
            hasVoted={m.pid !== null}
            showStatements={showStatements}
            texts={texts}
            eventsUrl={`${m.url}/events`}
            script={assetUrl("conversations-map.js")}
          />
        ),
      });
    },
  },
  {
    method: "GET",
    path: "/conversations/:conversationId/groups/:groupId",
    params: groupParams,
    handler: async (req, reply, c) => {
      const m = await mapContext(req, c);
      const groupId = Number(c.params.groupId);
      const group = m.map?.groups.find((g) => g.id === groupId);
      if (!m.map || !group) throw notFound();
      const map = m.map;
      const tids = [...(map.repness.get(groupId) ?? []), ...map.consensus.agree, ...map.consensus.disagree].map((r) => r.tid);
      const texts = await statementTexts(c.deps.db, m.conversation.id, tids);
      return sendComponentPage(req, reply, c, {
        title: req.ctx.t("conversations.map.group", { group: group.label }),
        body: <GroupView ctx={req.ctx} conversation={m.conversation} url={m.url} map={map} groupId={groupId} ownGroup={m.ownGroup} texts={texts} />,
      });
    },
  },
  {
    method: "GET",
    path: "/conversations/:conversationId/events",
    params,
    handler: async (req, reply, c) => {
      const conversationId = Number(c.params.conversationId);
      if (!(await findConversation(c.deps.db, c.component.id, conversationId))) throw notFound();
      streamTopic(req, reply, c.deps.bus, conversationTopic(conversationId));
      return reply;
    },
  },
];
