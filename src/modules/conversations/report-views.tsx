/**
 * A conversation's report: participation over time (an SVG chart with the table beside it), the
 * groups with their representative statements, consensus and divisive statements, every statement
 * with each group's votes, and the exports. The chart is an image with a title and a description;
 * the table carries the same figures.
 */
import type { RequestContext } from "../../core/http/context";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { activityLayout, type DayActivity, type GroupTally, type ReportModel, type ReportStatement } from "./report-model";

function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

const percent = (n: number, of: number) => (of > 0 ? Math.round((100 * n) / of) : 0);

function ActivityChart({ ctx, days }: { ctx: RequestContext; days: DayActivity[] }) {
  const { t } = ctx;
  const W = 600;
  const H = 200;
  const L = activityLayout(days, W, H);
  const first = days[0]?.day ?? "";
  const last = days[days.length - 1]?.day ?? "";
  const total = days.reduce((a, d) => a + d.votes, 0);
  return (
    <svg class="chart chart-activity" role="img" aria-labelledby="activity-title activity-desc" viewBox={`0 0 ${W} ${H + 40}`} width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
      <title id="activity-title">{t("conversations.report.activity.chartTitle")}</title>
      <desc id="activity-desc">{t("conversations.report.activity.chartDesc", { first, last, days: days.length, votes: total, maxVotes: L.maxVotes, maxVoters: L.maxVoters })}</desc>
      {L.bars.map((b) => (
        <rect x={b.x} y={b.y} width={b.width} height={b.height} fill="#8a96a3" />
      ))}
      {L.points.length > 1 && <polyline points={L.points.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke="#1d4e89" stroke-width="2" />}
      {L.points.map((p) => (
        <circle cx={p.x} cy={p.y} r="3" fill="#1d4e89" />
      ))}
      <line x1="0" y1={H} x2={W} y2={H} stroke="#5c6670" />
      <text x="0" y={H + 16} font-size="12" fill="#1a1a1a">
        {first}
      </text>
      <text x={W} y={H + 16} font-size="12" fill="#1a1a1a" text-anchor="end">
        {last}
      </text>
      <rect x="0" y={H + 26} width="12" height="10" fill="#8a96a3" />
      <text x="16" y={H + 35} font-size="12" fill="#1a1a1a">
        {t("conversations.report.activity.legendVotes", { max: L.maxVotes })}
      </text>
      <line x1="300" y1={H + 31} x2="312" y2={H + 31} stroke="#1d4e89" stroke-width="2" />
      <circle cx="306" cy={H + 31} r="3" fill="#1d4e89" />
      <text x="318" y={H + 35} font-size="12" fill="#1a1a1a">
        {t("conversations.report.activity.legendVoters", { max: L.maxVoters })}
      </text>
    </svg>
  );
}

function Tally({ ctx, name, tally }: { ctx: RequestContext; name: string; tally: GroupTally | undefined }) {
  if (!tally || tally.seen === 0) return <>{name}: —</>;
  return <>{ctx.t("conversations.report.groupTally", { name, agree: percent(tally.agree, tally.seen), disagree: percent(tally.disagree, tally.seen), seen: tally.seen })}</>;
}

export interface ReportViewProps {
  ctx: RequestContext;
  topic: Translatable;
  description: Translatable;
  participants: number;
  votes: number;
  days: DayActivity[];
  statements: ReportStatement[];
  model: ReportModel;
  computedAt: Date | null;
  votingUrl: string;
  /** The CSV exports (name, URL); empty when the conversation is not public. */
  exports: Array<{ name: string; url: string }>;
  organizersOnly: boolean;
}

export function ReportView(p: ReportViewProps) {
  const { ctx, model } = p;
  const { t } = ctx;
  const topic = text(ctx, p.topic);
  const byTid = new Map(p.statements.map((s) => [s.tid, s]));
  const say = (tid: number) => byTid.get(tid)?.text ?? `#${tid}`;
  const groupName = (name: string) => t("conversations.report.groupName", { name });
  return (
    <article class="conversation-report">
      <p>
        <a href={p.votingUrl}>{t("conversations.report.back")}</a>
      </p>
      <h1>
        {t("conversations.report.title")} <span lang={topic.lang}>{topic.text}</span>
      </h1>
      {p.organizersOnly && <p class="notice">{t("conversations.report.organizersOnly")}</p>}
      <dl class="figures">
        <dt>{t("conversations.report.participants")}</dt>
        <dd>{p.participants}</dd>
        <dt>{t("conversations.report.votes")}</dt>
        <dd>{p.votes}</dd>
        <dt>{t("conversations.report.statements")}</dt>
        <dd>{p.statements.length}</dd>
        <dt>{t("conversations.report.groups")}</dt>
        <dd>{model.groups.length}</dd>
      </dl>
      {model.mathTick !== null && p.computedAt && (
        <p class="hint">{t("conversations.report.tick", { tick: model.mathTick, inConv: model.inConv, at: p.computedAt.toISOString().slice(0, 16).replace("T", " ") })}</p>
      )}

      <section aria-labelledby="report-activity">
        <h2 id="report-activity">{t("conversations.report.activity")}</h2>
        {p.days.length === 0 ? (
          <p>{t("conversations.report.noVotes")}</p>
        ) : (
          <>
            <ActivityChart ctx={ctx} days={p.days} />
            <table>
              <caption>{t("conversations.report.activity.table")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("conversations.report.day")}</th>
                  <th scope="col">{t("conversations.report.votes")}</th>
                  <th scope="col">{t("conversations.report.voters")}</th>
                  <th scope="col">{t("conversations.report.newParticipants")}</th>
                </tr>
              </thead>
              <tbody>
                {p.days.map((d) => (
                  <tr>
                    <th scope="row">{d.day}</th>
                    <td>{d.votes}</td>
                    <td>{d.voters}</td>
                    <td>{d.newParticipants}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="report-groups">
        <h2 id="report-groups">{t("conversations.report.groups")}</h2>
        {model.groups.length === 0 ? (
          <p>{t("conversations.report.noGroups")}</p>
        ) : (
          model.groups.map((g) => (
            <section aria-labelledby={`report-group-${g.id}`}>
              <h3 id={`report-group-${g.id}`}>
                {groupName(g.name)} — {t("conversations.report.members", { count: g.members })}
              </h3>
              {g.representative.length === 0 ? (
                <p>{t("conversations.report.noRepresentative")}</p>
              ) : (
                <ul>
                  {g.representative.map((r) => (
                    <li>
                      <q>{say(r.tid)}</q> — {t(r.repfulFor === "agree" ? "conversations.report.repAgree" : "conversations.report.repDisagree", { percent: r.percent, name: g.name, n: r.nSuccess, of: r.nTrials })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        )}
      </section>

      <section aria-labelledby="report-consensus">
        <h2 id="report-consensus">{t("conversations.report.consensus")}</h2>
        <p class="hint">{t("conversations.report.consensus.hint")}</p>
        {model.consensus.length === 0 ? (
          <p>{t("conversations.report.none")}</p>
        ) : (
          <ul>
            {model.consensus.map((c) => {
              const s = byTid.get(c.tid);
              const seen = s ? s.agree + s.disagree + s.pass : 0;
              return (
                <li>
                  <q>{say(c.tid)}</q> — {t("conversations.report.overall", { agree: percent(s?.agree ?? 0, seen), disagree: percent(s?.disagree ?? 0, seen), seen })}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="report-divisive">
        <h2 id="report-divisive">{t("conversations.report.divisive")}</h2>
        <p class="hint">{t("conversations.report.divisive.hint")}</p>
        {model.divisive.length === 0 ? (
          <p>{t("conversations.report.none")}</p>
        ) : (
          <ul>
            {model.divisive.map((d) => (
              <li>
                <q>{say(d.tid)}</q>
                <ul>
                  {model.groups.map((g, i) => (
                    <li>
                      <Tally ctx={ctx} name={groupName(g.name)} tally={model.tallies.get(d.tid)?.[i]} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="report-statements">
        <h2 id="report-statements">{t("conversations.report.statementsTable")}</h2>
        <div class="table-scroll">
          <table>
            <caption>{t("conversations.report.statementsTable.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  #
                </th>
                <th scope="col" rowSpan={2}>
                  {t("conversations.report.statement")}
                </th>
                <th scope="colgroup" colSpan={3}>
                  {t("conversations.report.everyone")}
                </th>
                {model.groups.map((g) => (
                  <th scope="colgroup" colSpan={3}>
                    {groupName(g.name)}
                  </th>
                ))}
              </tr>
              <tr>
                {[null, ...model.groups].map(() => (
                  <>
                    <th scope="col">{t("conversations.report.agree")}</th>
                    <th scope="col">{t("conversations.report.disagree")}</th>
                    <th scope="col">{t("conversations.report.pass")}</th>
                  </>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.statements.map((s) => {
                const tallies = model.tallies.get(s.tid);
                return (
                  <tr>
                    <th scope="row">{s.tid}</th>
                    <td>
                      {s.text}
                      {s.state === "rejected" && <> ({t("conversations.report.rejected")})</>}
                      {s.isMeta && <> ({t("conversations.report.meta")})</>}
                    </td>
                    <td>{s.agree}</td>
                    <td>{s.disagree}</td>
                    <td>{s.pass}</td>
                    {model.groups.map((_, i) => {
                      const g = tallies?.[i];
                      return (
                        <>
                          <td>{g ? g.agree : "—"}</td>
                          <td>{g ? g.disagree : "—"}</td>
                          <td>{g ? g.pass : "—"}</td>
                        </>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {p.exports.length > 0 && (
        <section aria-labelledby="report-exports">
          <h2 id="report-exports">{t("conversations.report.exports")}</h2>
          <ul>
            {p.exports.map((e) => (
              <li>
                <a href={e.url} download>
                  {e.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
