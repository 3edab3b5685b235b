/** Pieces shared by the petition pages: state badge, progress bars, dates, numbers, plain-text paragraphs. */
import type { RequestContext } from "../../core/http/context";
import { formatNumber } from "../../core/i18n/numbers";
import { localize } from "../../core/i18n/translator";
import { FiledUnder } from "../../core/categories/fields";
import type { Counts, Quota } from "./counts";
import { quotas } from "./counts";
import { regionLabel, STATE_LABELS } from "./labels";
import type { PetitionSummary } from "./queries";
import type { PetitionState } from "./schema";
import { formatDateTime } from "../../core/i18n/formats";

export const formatDate = (ctx: RequestContext, d: Date, time = false) =>
  formatDateTime(ctx.locale, d, time ? { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Brussels" } : { dateStyle: "long", timeZone: "Europe/Brussels" });

/** A count in the reader's language ("35,498", "35 498", "35.498"). */
export const formatCount = (ctx: RequestContext, n: number) => formatNumber(ctx.locale, n);

/**
 * Plain text as typed in a textarea: a blank line starts a new paragraph, a single line break stays a
 * line break. Browsers send `\r\n`; each piece is a text node, so Preact escapes it (no HTML gets in).
 */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((para) => (
        <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </>
  );
}

export function StateBadge({ ctx, state }: { ctx: RequestContext; state: PetitionState }) {
  return <span class={`petition-state petition-state-${state}`}>{ctx.t(STATE_LABELS[state])}</span>;
}

function Bar({ ctx, q, id }: { ctx: RequestContext; q: Quota; id: string }) {
  // Numbers sit in their own elements so the live script can update them without translating.
  return (
    <div class="petition-bar" data-quota={q.region ?? "total"}>
      <p id={id} class="petition-bar-label">
        {q.region === null ? ctx.t("petitions.show.progressTitle") : regionLabel(ctx.t, q.region)}:{" "}
        <span class="petition-n" data-n>
          {formatCount(ctx, q.count)}
        </span>{" "}
        / {formatCount(ctx, q.needed)}
      </p>
      <progress aria-labelledby={id} max={q.needed} value={Math.min(q.count, q.needed)}>
        {Math.floor((100 * q.count) / Math.max(1, q.needed))}%
      </progress>
    </div>
  );
}

/** The quotas as progress bars (the overall one first); the live script updates them in place. */
export function ProgressBars({
  ctx,
  petitionId,
  type,
  counts,
  showRegions,
}: {
  ctx: RequestContext;
  petitionId: number;
  type: { threshold: number; regionThresholds: Record<string, number> };
  counts: Counts;
  showRegions: boolean;
}) {
  const qs = quotas(type, counts);
  const [total, ...regions] = qs;
  return (
    <div class="petition-progress" data-petition={petitionId}>
      {total && <Bar ctx={ctx} q={total} id={`quota-${petitionId}-total`} />}
      {showRegions && regions.length > 0 && (
        <div class="petition-regions">
          {regions.map((q) => (
            <Bar ctx={ctx} q={q} id={`quota-${petitionId}-${q.region ?? ""}`} />
          ))}
        </div>
      )}
    </div>
  );
}

export function CountsDetail({ ctx, counts }: { ctx: RequestContext; counts: Counts }) {
  return (
    <p class="petition-counts-detail">
      <span data-count="online">{ctx.t("petitions.show.online", { count: formatCount(ctx, counts.onlineTotal) })}</span> · <span data-count="paper">{ctx.t("petitions.show.paper", { count: formatCount(ctx, counts.paperTotal) })}</span>
    </p>
  );
}

/** A petition in a list: title, state, progress; `brief` (home page) leaves out type, category, scope and summary. */
export function PetitionCard({ ctx, p, brief = false }: { ctx: RequestContext; p: PetitionSummary; brief?: boolean }) {
  return (
    <li class="petition-card">
      <h3>
        <a href={`/petitions/${p.id}`} lang={p.language}>
          {p.title}
        </a>
      </h3>
      <p>
        <StateBadge ctx={ctx} state={p.state} />
        {!brief && ` · ${localize(p.typeTitle, ctx.locale, ctx.org.defaultLocale).text}`}
        {!brief && (p.category || p.scope) && " · "}
        {!brief && <FiledUnder ctx={ctx} category={p.category?.name} scope={p.scope?.name} />}
      </p>
      {!brief && p.summary && <p lang={p.language}>{p.summary}</p>}
      <ProgressBars ctx={ctx} petitionId={p.id} type={p} counts={p.counts} showRegions={false} />
    </li>
  );
}
