/** The record of a draw as a page: what was committed, the seed, the quotas met, the panel by pool row, how to replay it. */
import type { RequestContext } from "../../core/http/context";
import type { RecordReplacementRow } from "./record";
import type { DrawRow } from "./schema";
import { SeatingRecord } from "./seating-record-view";

const pct = (ctx: RequestContext, x: number) => new Intl.NumberFormat(ctx.locale, { style: "percent", maximumFractionDigits: 2 }).format(x);

/** The quotas and how many of the panel meet each (the result's quota fill when drawn). */
export function QuotaTable({ ctx, draw, pool }: { ctx: RequestContext; draw: DrawRow; pool?: Map<string, number> | undefined }) {
  const { t } = ctx;
  const fill = new Map((draw.result?.quotaFill ?? []).map((q) => [`${q.category}\u0000${q.feature}`, q]));
  return (
    <table>
      <caption>{t("sortition.record.quotas")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("sortition.record.col.category")}</th>
          <th scope="col">{t("sortition.record.col.feature")}</th>
          <th scope="col">{t("sortition.record.col.min")}</th>
          <th scope="col">{t("sortition.record.col.max")}</th>
          {pool && <th scope="col">{t("sortition.record.col.pool")}</th>}
          <th scope="col">{t("sortition.record.col.selected")}</th>
        </tr>
      </thead>
      <tbody>
        {draw.quotas.map((q) => {
          const f = fill.get(`${q.category}\u0000${q.feature}`);
          return (
            <tr>
              <td>{q.category}</td>
              <th scope="row">{q.feature}</th>
              <td>{q.min}</td>
              <td>{q.max}</td>
              {pool && <td>{pool.get(`${q.category}\u0000${q.feature}`) ?? 0}</td>}
              <td>{f ? `${f.selected}${f.ok ? "" : ` (${t("sortition.record.unmet")})`}` : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RecordPage({ ctx, draw, url, back, pool, replacements = [] }: { ctx: RequestContext; draw: DrawRow; url: string; back: string; pool: Map<string, number>; replacements?: readonly RecordReplacementRow[] }) {
  const { t } = ctx;
  const r = draw.result;
  return (
    <article aria-labelledby="record-title">
      <p>
        <a href={back}>{t("sortition.record.back")}</a>
      </p>
      <h1 id="record-title">{t("sortition.record.title")}</h1>
      <p>{t("sortition.record.intro", { k: draw.k, pool: draw.poolSize })}</p>
      <dl>
        <dt>{t("sortition.record.algorithm")}</dt>
        <dd>{draw.algorithm === "leximin" ? t("sortition.algorithm.leximin") : t("sortition.algorithm.legacy")}</dd>
        <dt>{t("sortition.record.engine")}</dt>
        <dd>{draw.engineVersion ?? "—"}</dd>
        <dt>{t("sortition.record.commitment")}</dt>
        <dd>{draw.commitment || "—"}</dd>
        <dt>{t("sortition.record.randomness")}</dt>
        <dd>
          <code>{draw.randomness ?? "—"}</code>
        </dd>
        <dt>{t("sortition.record.seed")}</dt>
        <dd>
          <code>{draw.seed ?? "—"}</code>
        </dd>
        {draw.householdColumns.length > 0 && (
          <>
            <dt>{t("sortition.record.household")}</dt>
            <dd>{t("sortition.record.householdOn")}</dd>
          </>
        )}
        {r && (
          <>
            <dt>{t("sortition.record.minProbability")}</dt>
            <dd>{pct(ctx, r.minProbability)}</dd>
            <dt>{t("sortition.record.gini")}</dt>
            <dd>{r.gini.toFixed(4)}</dd>
          </>
        )}
        {draw.publishedAt && (
          <>
            <dt>{t("sortition.record.published")}</dt>
            <dd>
              <time dateTime={draw.publishedAt.toISOString()}>{draw.publishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
            </dd>
          </>
        )}
      </dl>
      <QuotaTable ctx={ctx} draw={draw} pool={pool} />
      {r && (
        <>
          <h2>{t("sortition.record.panel", { k: r.panel.length })}</h2>
          <p>{t("sortition.record.panelRows")}</p>
          <p class="draw-panel">{r.panel.join(", ")}</p>
        </>
      )}
      <SeatingRecord ctx={ctx} draw={draw} back={back} replacements={replacements} />
      <h2>{t("sortition.record.verify")}</h2>
      <p>{t("sortition.record.verifyHow")}</p>
      <p>
        <a href={`${url}.json`} download>
          {t("sortition.record.download")}
        </a>
      </p>
      <pre>
        <code>{`./bin/pnyx sortition verify draw-${draw.id}.json`}</code>
      </pre>
    </article>
  );
}
