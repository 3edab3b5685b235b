/**
 * The voting page: one statement at a time with agree / disagree / pass as one form (works without
 * JavaScript), a skip link, and the participant's progress. The flash after a vote is a live region
 * (the layout's), so screen readers hear that the vote was recorded.
 */
import type { RequestContext } from "../../core/http/context";
import { localize } from "../../core/i18n/translator";
import { Form } from "../../web/ui/forms";
import type { PageConversation, PageStatement } from "./page-queries";

export interface VotingViewProps {
  ctx: RequestContext;
  conversation: PageConversation;
  /** The conversation page's address. */
  url: string;
  statement: PageStatement | null;
  voted: number;
  total: number;
  /** Statements skipped on this visit (kept in the skip link's address). */
  skipped: number[];
}

export function VotingView({ ctx, conversation, url, statement, voted, total, skipped }: VotingViewProps) {
  const topic = localize(conversation.topic, ctx.locale, ctx.org.defaultLocale);
  const description = localize(conversation.description, ctx.locale, ctx.org.defaultLocale);
  return (
    <article class="conversation">
      <h1 lang={topic.missing ? undefined : topic.locale}>{topic.text}</h1>
      {description.text && <p lang={description.locale}>{description.text}</p>}
      <p class="conversation-progress">{ctx.t("conversations.page.progress", { voted, total })}</p>
      {statement ? (
        <Form ctx={ctx} action={`${url}/vote`} class="form conversation-vote">
          <fieldset>
            <legend>
              <span class="visually-hidden">{ctx.t("conversations.page.statement")} </span>
              <q lang={statement.language ?? undefined}>{statement.text}</q>
            </legend>
            <input type="hidden" name="tid" value={String(statement.tid)} />
            <input type="hidden" name="skip" value={skipped.join(",")} />
            <div class="button-row">
              <button type="submit" name="vote" value="agree" class="button button-primary">
                {ctx.t("conversations.page.agree")}
              </button>
              <button type="submit" name="vote" value="disagree" class="button button-primary">
                {ctx.t("conversations.page.disagree")}
              </button>
              <button type="submit" name="vote" value="pass" class="button">
                {ctx.t("conversations.page.pass")}
              </button>
              <a class="button" href={`${url}?skip=${[...skipped, statement.tid].join(",")}`}>
                {ctx.t("conversations.page.skip")}
              </a>
            </div>
          </fieldset>
        </Form>
      ) : (
        <p>{total === 0 ? ctx.t("conversations.page.none") : ctx.t("conversations.page.done")}</p>
      )}
    </article>
  );
}
