/**
 * A comment's text on the page: paragraphs, line breaks, safe links and mentions. Every piece is a
 * text node or an attribute, so Preact escapes it: what people type never becomes markup.
 */
import { paragraphs, pieces } from "./text";

/** rel of links people post: not endorsed by the site, user content, no window.opener. */
export const USER_LINK_REL = "nofollow ugc noopener";

export function CommentText({ body, mentions }: { body: string; mentions: Record<string, number> }) {
  return (
    <>
      {paragraphs(body).map((lines) => (
        <p>
          {lines.flatMap((line, i) => {
            const parts = pieces(line).map((p) =>
              p.kind === "link" ? (
                <a href={p.href} rel={USER_LINK_REL}>
                  {p.text}
                </a>
              ) : p.kind === "mention" && mentions[p.handle] !== undefined ? (
                <strong class="comment-mention">{p.text}</strong>
              ) : (
                p.text
              ),
            );
            return i === 0 ? parts : [<br />, ...parts];
          })}
        </p>
      ))}
    </>
  );
}
