/**
 * A word-level diff as markup: removed words in `<del>`, added ones in `<ins>`, each opened and
 * closed by a visually hidden phrase ("deleted text:", "end of deleted text") since screen readers do
 * not announce the elements; colour is never the only sign (struck through, underlined). Every
 * piece is a text node, so Preact escapes it: no HTML from participants.
 */
import type { RequestContext } from "../../../core/http/context";
import type { DiffPiece } from "./diff";

export function DiffText({ ctx, pieces, lang }: { ctx: Pick<RequestContext, "t">; pieces: readonly DiffPiece[]; lang?: string | undefined }) {
  const { t } = ctx;
  return (
    <div class="amendment-diff" lang={lang}>
      {pieces.map((p) =>
        p.kind === "same" ? (
          p.text
        ) : p.kind === "removed" ? (
          <del>
            <span class="visually-hidden">{`[${t("proposals.amendments.diff.removedStart")} `}</span>
            {p.text}
            <span class="visually-hidden">{` ${t("proposals.amendments.diff.removedEnd")}]`}</span>
          </del>
        ) : (
          <ins>
            <span class="visually-hidden">{`[${t("proposals.amendments.diff.addedStart")} `}</span>
            {p.text}
            <span class="visually-hidden">{` ${t("proposals.amendments.diff.addedEnd")}]`}</span>
          </ins>
        ),
      )}
    </div>
  );
}
