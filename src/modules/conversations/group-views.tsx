/**
 * The map page (the SVG, and the table that carries the same content: the groups with their sizes,
 * the participant's own marked, the axes explained) and a group's page (its representative statements
 * with the share of the group that agreed or disagreed, and the statements of consensus).
 * public/conversations-map.js replaces `#conversation-map-live` when a tick ends (SSE).
 */
import type { RequestContext } from "../../core/http/context";
import { localize } from "../../core/i18n/translator";
import type { OpinionMap, RepStatement } from "./map-model";
import { MapSvg } from "./map-svg";
import type { PageConversation, PageStatement } from "./page-queries";

export interface MapViewProps {
  ctx: RequestContext;
  conversation: PageConversation;
  url: string;
  map: OpinionMap | null;
  /** The participant's base cluster and group, when on the map. */
  own: number | null;
  ownGroup: number | null;
  /** Whether the participant has voted at all. */
  hasVoted: boolean;
  showStatements: boolean;
  texts: Map<number, PageStatement>;
  eventsUrl: string;
  script: string;
}

function WhereYouAre({ ctx, map, ownGroup, hasVoted }: { ctx: RequestContext; map: OpinionMap; ownGroup: number | null; hasVoted: boolean }) {
  const g = ownGroup === null ? undefined : map.groups.find((x) => x.id === ownGroup);
  if (g) return <p class="conversation-you-are">{ctx.t("conversations.map.youAreIn", { group: g.label })}</p>;
  return <p class="conversation-you-are">{ctx.t(hasVoted ? "conversations.map.notInGroup" : "conversations.map.notVoted")}</p>;
}

export function MapView(p: MapViewProps) {
  const { ctx, conversation, url, map } = p;
  const topic = localize(conversation.topic, ctx.locale, ctx.org.defaultLocale);
  const groupName = (id: number) => ctx.t("conversations.map.group", { group: map?.groups.find((g) => g.id === id)?.label ?? "" });
  return (
    <article class="conversation conversation-map-page" data-conversation-map={p.eventsUrl}>
      <h1>
        {ctx.t("conversations.map.heading")}: <span lang={topic.missing ? undefined : topic.locale}>{topic.text}</span>
      </h1>
      <p>
        <a href={url}>{ctx.t("conversations.map.backToVoting")}</a>
      </p>
      <div id="conversation-map-live">
        {map === null ? (
          <p>{ctx.t("conversations.map.none")}</p>
        ) : (
          <>
            <p class="conversation-map-counts" data-math-tick={String(map.mathTick)}>
              {ctx.t("conversations.map.counts", { participants: map.participants, groups: map.groups.length })}
            </p>
            <WhereYouAre ctx={ctx} map={map} ownGroup={p.ownGroup} hasVoted={p.hasVoted} />
            <MapSvg
              map={map}
              own={p.own}
              showStatements={p.showStatements}
              title={ctx.t("conversations.map.svgTitle")}
              description={ctx.t("conversations.map.svgDesc", { participants: map.participants, groups: map.groups.length })}
              youLabel={ctx.t("conversations.map.you")}
              groupName={groupName}
            />
            <p>
              <a href={p.showStatements ? `${url}/map` : `${url}/map?statements=1`}>{ctx.t(p.showStatements ? "conversations.map.hideStatements" : "conversations.map.showStatements")}</a>
            </p>
            <h2>{ctx.t("conversations.map.tableHeading")}</h2>
            <p>{ctx.t("conversations.map.axes")}</p>
            <table class="conversation-groups">
              <caption>{ctx.t("conversations.map.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t("conversations.map.colGroup")}</th>
                  <th scope="col">{ctx.t("conversations.map.colSize")}</th>
                  <th scope="col">{ctx.t("conversations.map.colYou")}</th>
                </tr>
              </thead>
              <tbody>
                {map.groups.map((g) => (
                  <tr class={g.id === p.ownGroup ? "conversation-own-group" : undefined}>
                    <th scope="row">
                      <a href={`${url}/groups/${g.id}`}>{groupName(g.id)}</a>
                    </th>
                    <td>{g.size}</td>
                    <td>{g.id === p.ownGroup ? ctx.t("conversations.map.yourGroup") : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {p.showStatements && (
              <table class="conversation-statements">
                <caption>{ctx.t("conversations.map.statementsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t("conversations.map.colMark")}</th>
                    <th scope="col">{ctx.t("conversations.map.colStatement")}</th>
                    <th scope="col">{ctx.t("conversations.map.colX")}</th>
                    <th scope="col">{ctx.t("conversations.map.colY")}</th>
                  </tr>
                </thead>
                <tbody>
                  {map.statements.map((s) => {
                    const st = p.texts.get(s.tid);
                    return (
                      <tr>
                        <th scope="row">{`#${s.tid}`}</th>
                        <td lang={st?.language ?? undefined}>{st?.text ?? ""}</td>
                        <td>{s.x.toFixed(2)}</td>
                        <td>{s.y.toFixed(2)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
      <p id="conversation-map-note" class="hint" hidden>
        {ctx.t("conversations.map.live")}
      </p>
      <script src={p.script} defer />
    </article>
  );
}

export interface GroupViewProps {
  ctx: RequestContext;
  conversation: PageConversation;
  url: string;
  map: OpinionMap;
  groupId: number;
  ownGroup: number | null;
  texts: Map<number, PageStatement>;
}

function RepTable({ ctx, caption, reps, texts }: { ctx: RequestContext; caption: string; reps: RepStatement[]; texts: Map<number, PageStatement> }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t("conversations.map.colStatement")}</th>
          <th scope="col">{ctx.t("conversations.group.colShare")}</th>
        </tr>
      </thead>
      <tbody>
        {reps.map((r) => {
          const s = texts.get(r.tid);
          return (
            <tr data-tid={String(r.tid)}>
              <th scope="row" lang={s?.language ?? undefined}>
                {s?.text ?? `#${r.tid}`}
              </th>
              <td>{ctx.t(r.direction === "agree" ? "conversations.group.agreed" : "conversations.group.disagreed", { percent: r.percent, n: r.nSuccess, of: r.nTrials })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function GroupView({ ctx, conversation, url, map, groupId, ownGroup, texts }: GroupViewProps) {
  const group = map.groups.find((g) => g.id === groupId)!;
  const topic = localize(conversation.topic, ctx.locale, ctx.org.defaultLocale);
  const reps = map.repness.get(groupId) ?? [];
  return (
    <article class="conversation conversation-group-page">
      <h1>
        {ctx.t("conversations.map.group", { group: group.label })} · <span lang={topic.missing ? undefined : topic.locale}>{topic.text}</span>
      </h1>
      <p>{ctx.t("conversations.group.size", { size: group.size })}</p>
      {ownGroup === groupId ? (
        <p class="conversation-you-are">
          <strong>{ctx.t("conversations.group.youAreHere")}</strong>
        </p>
      ) : ownGroup !== null ? (
        <p class="conversation-you-are">{ctx.t("conversations.map.youAreIn", { group: map.groups.find((g) => g.id === ownGroup)?.label ?? "" })}</p>
      ) : null}
      <p>
        <a href={`${url}/map`}>{ctx.t("conversations.group.backToMap")}</a> · <a href={url}>{ctx.t("conversations.map.backToVoting")}</a>
      </p>
      <h2>{ctx.t("conversations.group.repHeading")}</h2>
      {reps.length > 0 ? <RepTable ctx={ctx} caption={ctx.t("conversations.group.repCaption", { group: group.label })} reps={reps} texts={texts} /> : <p>{ctx.t("conversations.group.noRep")}</p>}
      <h2>{ctx.t("conversations.group.consensusHeading")}</h2>
      {map.consensus.agree.length + map.consensus.disagree.length === 0 ? (
        <p>{ctx.t("conversations.group.noConsensus")}</p>
      ) : (
        <>
          {map.consensus.agree.length > 0 && <RepTable ctx={ctx} caption={ctx.t("conversations.group.consensusAgree")} reps={map.consensus.agree} texts={texts} />}
          {map.consensus.disagree.length > 0 && <RepTable ctx={ctx} caption={ctx.t("conversations.group.consensusDisagree")} reps={map.consensus.disagree} texts={texts} />}
        </>
      )}
      <h2>{ctx.t("conversations.group.otherGroups")}</h2>
      <ul>
        {map.groups
          .filter((g) => g.id !== groupId)
          .map((g) => (
            <li>
              <a href={`${url}/groups/${g.id}`}>{ctx.t("conversations.map.group", { group: g.label })}</a>
            </li>
          ))}
      </ul>
    </article>
  );
}
