/**
 * The embedded conversation: a page of its own (no site header or footer) for an iframe on another
 * site, with the statement to vote on as a plain form (agree / disagree / pass / skip) and a link to the
 * whole conversation. public/conversations-embed.js, loaded in it, tells the embedding page its height.
 */
import type { Translate } from "../../core/i18n/translator";
import type { Locale } from "../../core/i18n/locales";

export interface EmbedPageProps {
  t: Translate;
  locale: Locale;
  topic: { text: string; lang: string | undefined };
  statement: { tid: number; text: string; language: string | null } | null;
  voted: number;
  total: number;
  /** Voting here is possible (anonymous participation allowed, the vote open to everyone). */
  canVote: boolean;
  action: string;
  hidden: Record<string, string>;
  fullUrl: string;
  message: string | null;
  stylesheet: string;
  script: string;
}

export function EmbedPage(p: EmbedPageProps) {
  const { t } = p;
  return (
    <html lang={p.locale} data-polis-embed="">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{p.topic.text}</title>
        <link rel="stylesheet" href={p.stylesheet} />
        <script src={p.script} defer />
      </head>
      <body class="embed">
        <main class="conversation-embed">
          <h1 lang={p.topic.lang}>{p.topic.text}</h1>
          <p role="status" aria-live="polite">
            {p.message ?? ""}
          </p>
          {p.total > 0 && <p>{t("conversations.page.progress", { voted: p.voted, total: p.total })}</p>}
          {p.statement === null ? (
            <p>{p.total === 0 ? t("conversations.page.none") : t("conversations.page.done")}</p>
          ) : (
            <form method="post" action={p.action}>
              <fieldset>
                <legend>{t("conversations.page.statement")}</legend>
                <p class="statement-text" lang={p.statement.language ?? undefined}>
                  {p.statement.text}
                </p>
                <input type="hidden" name="tid" value={String(p.statement.tid)} />
                {Object.entries(p.hidden).map(([name, value]) => (
                  <input type="hidden" name={name} value={value} />
                ))}
                {p.canVote ? (
                  <div class="vote-buttons">
                    <button type="submit" name="vote" value="agree" class="button">
                      {t("conversations.page.agree")}
                    </button>{" "}
                    <button type="submit" name="vote" value="disagree" class="button">
                      {t("conversations.page.disagree")}
                    </button>{" "}
                    <button type="submit" name="vote" value="pass" class="button button-secondary">
                      {t("conversations.page.pass")}
                    </button>{" "}
                    <button type="submit" name="vote" value="skip" class="button button-secondary">
                      {t("conversations.page.skip")}
                    </button>
                  </div>
                ) : (
                  <p>{t("conversations.embed.voteThere")}</p>
                )}
              </fieldset>
            </form>
          )}
          <p>
            <a href={p.fullUrl} target="_blank" rel="noopener">
              {t("conversations.embed.open")}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
