/** The seating part of a draw's public record: how replacements are drawn and those drawn so far; for a rotation's draw, the draw it follows. */
import type { RequestContext } from "../../core/http/context";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { RecordReplacementRow } from "./record";
import type { DrawRow } from "./schema";

const REASON: Record<string, MessageKey> = { refused: "sortition.record.reason.refused", expired: "sortition.record.reason.expired" };

export function SeatingRecord({ ctx, draw, back, replacements }: { ctx: RequestContext; draw: Pick<DrawRow, "parentDrawId">; back: string; replacements: readonly RecordReplacementRow[] }) {
  const { t } = ctx;
  return (
    <>
      {draw.parentDrawId !== null && (
        <section aria-labelledby="record-rotation">
          <h2 id="record-rotation">{t("sortition.record.rotation")}</h2>
          <p>{t("sortition.record.rotationMethod")}</p>
          <p>
            <a href={`${back}/draws/${draw.parentDrawId}`}>{t("sortition.record.parentLink")}</a>
          </p>
        </section>
      )}
      <section aria-labelledby="record-replacements">
        <h2 id="record-replacements">{t("sortition.record.replacements")}</h2>
        <p>{t("sortition.record.replacementMethod")}</p>
        {replacements.length > 0 && (
          <ol class="draw-replacements">
            {replacements.map((r) => (
              <li>{t("sortition.record.replacementRow", { round: r.round, row: r.row, replaces: r.replacesRow, reason: t(REASON[r.reason ?? ""] ?? "sortition.record.reason.other") })}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
