/**
 * The voting page: one statement at a time with agree / disagree / pass / skip as one form (works
 * without JavaScript), the participant's progress, a live region that says what happened after each
 * vote ("Vote recorded: agree. Next statement: …"), the statement form when the conversation takes
 * participants' statements, the participant's own statements with their moderation state, and the
 * votes already cast (each can be changed). public/conversations-vote.js posts the same forms with
 * fetch and swaps the parts marked `data-swap` in place.
 */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { Form, TextArea } from "../../web/ui/forms";
import type { ConversationListItem, PageConversation, PageStatement } from "./page-queries";
import { STATEMENT_MAX_LENGTH, type OwnStatement } from "./statements";

/** What the page offers for an action: the form, or why not and where to go. */
export type Gate = { kind: "ok" } | { kind: "signIn"; href: string } | { kind: "verify"; href: string } | { kind: "denied"; reason: string };

export interface VotingViewProps {
  ctx: RequestContext;
  conversation: PageConversation;
  /** The conversation page's address. */
  url: string;
  statement: PageStatement | null;
  /** The participant's current vote on `statement` when it is shown again to change it. */
  current: number | undefined;
  voted: number;
  total: number;
  /** Statements skipped on this visit (kept in the form so they are not asked again). */
  skipped: number[];
  /** Said by the live region: what just happened and what comes next. */
  announcement: string;
  vote: Gate;
  write: Gate;
  writeValue?: string | undefined;
  writeErrors?: FieldErrors | undefined;
  own: OwnStatement[];
  /** The statements voted on, with the vote (1 agree, -1 disagree, 0 pass). */
  votes: Array<{ statement: PageStatement; value: number }>;
  /** The participant's opinion group in the latest tick (its id and letter), or null. */
  group: { id: number; label: string } | null;
  script: string;
}

const VOTE_KEYS = { 1: "conversations.vote.yours.agree", [-1]: "conversations.vote.yours.disagree", 0: "conversations.vote.yours.pass" } as const;
const voteLabel = (ctx: RequestContext, value: number) => ctx.t(VOTE_KEYS[value as 1 | -1 | 0] ?? VOTE_KEYS[0]);

function GateNotice({ ctx, gate }: { ctx: RequestContext; gate: Exclude<Gate, { kind: "ok" }> }) {
  if (gate.kind === "signIn")
    return (
      <p class="conversation-gate">
        <a href={gate.href}>{ctx.t("conversations.vote.signIn")}</a>
      </p>
    );
  if (gate.kind === "verify")
    return (
      <p class="conversation-gate">
        <a href={gate.href}>{ctx.t("conversations.vote.verify")}</a>
      </p>
    );
  return <p class="conversation-gate">{gate.reason}</p>;
}

function VoteForm({ ctx, url, statement, current, skipped, gate }: Pick<VotingViewProps, "ctx" | "url" | "current" | "skipped"> & { statement: PageStatement; gate: Gate }) {
  return (
    <Form ctx={ctx} action={`${url}/vote`} class="form conversation-vote">
      <fieldset aria-describedby={current !== undefined ? "conversation-current" : undefined}>
        <legend id="conversation-statement" tabindex={-1}>
          <span class="visually-hidden">{ctx.t("conversations.page.statement")} </span>
          <q lang={statement.language ?? undefined}>{statement.text}</q>
        </legend>
        {current !== undefined && (
          <p id="conversation-current" class="hint">
            {ctx.t("conversations.vote.current", { vote: voteLabel(ctx, current) })}
          </p>
        )}
        <input type="hidden" name="tid" value={String(statement.tid)} />
        <input type="hidden" name="skip" value={skipped.join(",")} />
        {gate.kind === "ok" ? (
          <div class="button-row">
            <button type="submit" name="vote" value="agree" class="button button-primary" data-key="a">
              {ctx.t("conversations.page.agree")}
            </button>
            <button type="submit" name="vote" value="disagree" class="button button-primary" data-key="d">
              {ctx.t("conversations.page.disagree")}
            </button>
            <button type="submit" name="vote" value="pass" class="button" data-key="p">
              {ctx.t("conversations.page.pass")}
            </button>
            <button type="submit" name="vote" value="skip" class="button" data-key="s">
              {ctx.t("conversations.page.skip")}
            </button>
          </div>
        ) : (
          <GateNotice ctx={ctx} gate={gate} />
        )}
      </fieldset>
    </Form>
  );
}

const STATE_KEYS = {
  waiting: "conversations.write.state.waiting",
  accepted: "conversations.write.state.accepted",
  unmoderated: "conversations.write.state.shown",
  rejected: "conversations.write.state.rejected",
} as const;

export function VotingView(p: VotingViewProps) {
  const { ctx, conversation, url } = p;
  const topic = localize(conversation.topic, ctx.locale, ctx.org.defaultLocale);
  const description = localize(conversation.description, ctx.locale, ctx.org.defaultLocale);
  return (
    <article class="conversation" data-conversation-page>
      <h1 lang={topic.missing ? undefined : topic.locale}>{topic.text}</h1>
      {description.text && <p lang={description.locale}>{description.text}</p>}
      <p>
        <a href={`${url}/map`}>{ctx.t("conversations.vote.mapLink")}</a>
      </p>
      <section aria-labelledby="conversation-vote-heading" id="conversation-voting" data-swap>
        <h2 id="conversation-vote-heading" tabindex={-1}>
          {ctx.t("conversations.vote.heading")}
        </h2>
        <p id="conversation-progress" class="conversation-progress">
          <span class="visually-hidden">{ctx.t("conversations.vote.progressLabel")} </span>
          {ctx.t("conversations.page.progress", { voted: p.voted, total: p.total })}
          <progress max={Math.max(p.total, 1)} value={p.voted} aria-hidden="true" />
        </p>
        {p.group && (
          <p id="conversation-group" class="conversation-you-are">
            {ctx.t("conversations.map.youAreIn", { group: p.group.label })} <a href={`${url}/groups/${p.group.id}`}>{ctx.t("conversations.vote.groupLink", { group: p.group.label })}</a>
          </p>
        )}
        {p.statement ? (
          <VoteForm ctx={ctx} url={url} statement={p.statement} current={p.current} skipped={p.skipped} gate={p.vote} />
        ) : (
          <p>{p.total === 0 ? ctx.t("conversations.page.none") : p.voted >= p.total ? ctx.t("conversations.page.done") : ctx.t("conversations.vote.allSkipped")}</p>
        )}
        {!p.statement && p.skipped.length > 0 && (
          <p>
            <a href={url}>{ctx.t("conversations.vote.backToSkipped")}</a>
          </p>
        )}
      </section>
      <div id="conversation-live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {p.announcement}
      </div>
      <p id="conversation-shortcuts" class="hint" hidden>
        {ctx.t("conversations.vote.shortcuts")}
      </p>
      {conversation.participantStatements && (
        <section aria-labelledby="conversation-write-heading" id="conversation-write" data-swap>
          <h2 id="conversation-write-heading">{ctx.t("conversations.write.heading")}</h2>
          {p.write.kind === "ok" ? (
            <Form ctx={ctx} action={`${url}/statements`} errors={p.writeErrors} class="form conversation-write">
              <TextArea
                ctx={ctx}
                name="text"
                label={ctx.t("conversations.write.label")}
                hint={ctx.t(conversation.moderation === "pre" || conversation.strictMode ? "conversations.write.hintPre" : "conversations.write.hintPost", { max: STATEMENT_MAX_LENGTH })}
                value={p.writeValue}
                errors={p.writeErrors}
                rows={3}
                required
              />
              <button type="submit" class="button button-primary">
                {ctx.t("conversations.write.submit")}
              </button>
            </Form>
          ) : (
            <GateNotice ctx={ctx} gate={p.write} />
          )}
          {p.own.length > 0 && (
            <>
              <h3>{ctx.t("conversations.write.yours")}</h3>
              <ul class="conversation-own">
                {p.own.map((s) => (
                  <li>
                    <q>{s.text}</q> — <span>{ctx.t(STATE_KEYS[s.waiting ? "waiting" : s.state])}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {p.votes.length > 0 && (
        <section aria-labelledby="conversation-votes-heading" id="conversation-votes" data-swap>
          <details>
            <summary>
              <h2 id="conversation-votes-heading" class="conversation-summary-heading">
                {ctx.t("conversations.vote.yourVotes", { count: p.votes.length })}
              </h2>
            </summary>
            <ul>
              {p.votes.map(({ statement, value }) => (
                <li>
                  <q lang={statement.language ?? undefined}>{statement.text}</q> — {voteLabel(ctx, value)}{" "}
                  <a href={`${url}?statement=${statement.tid}#conversation-statement`}>
                    {ctx.t("conversations.vote.change")}
                    <span class="visually-hidden"> {statement.text}</span>
                  </a>
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}
      <script src={p.script} defer />
    </article>
  );
}

/** The component's page: its published conversations, each with its counts. */
export function ConversationListView({ ctx, base, title, announcement, items }: { ctx: RequestContext; base: string; title: string; announcement: string; items: ConversationListItem[] }) {
  return (
    <section class="conversations">
      <h1>{title}</h1>
      {announcement && <p class="announcement">{announcement}</p>}
      {items.length === 0 ? (
        <p>{ctx.t("conversations.list.none")}</p>
      ) : (
        <ul class="card-list">
          {items.map((c) => {
            const topic = localize(c.topic, ctx.locale, ctx.org.defaultLocale);
            const description = localize(c.description, ctx.locale, ctx.org.defaultLocale);
            return (
              <li class="card">
                <h2>
                  <a href={`${base}/conversations/${c.id}`} lang={topic.missing ? undefined : topic.locale}>
                    {topic.text}
                  </a>
                </h2>
                {description.text && <p lang={description.locale}>{description.text}</p>}
                <p class="meta">{ctx.t("conversations.list.counts", { statements: c.statements, participants: c.participants })}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
