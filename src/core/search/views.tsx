/** The search page: one form, tabs per kind with their counts, grouped or paged results. */
import type { RequestContext } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import type { SearchHit } from "./registry";

export interface KindResult {
  kind: string;
  label: MessageKey;
  total: number;
  hits: SearchHit[];
}

const href = (q: string, kind: string | null, page = 1) =>
  `/search?${new URLSearchParams({ q, ...(kind ? { kind } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;

function Hits({ hits }: { hits: SearchHit[] }) {
  return (
    <ul class="search-hits">
      {hits.map((h) => (
        <li>
          <a href={h.url} lang={h.lang}>
            {h.title}
          </a>
          {h.context && <p class="hint">{h.context}</p>}
          {h.excerpt && <p lang={h.lang}>{h.excerpt}</p>}
        </li>
      ))}
    </ul>
  );
}

export function SearchPage({ ctx, q, kind, page, pageSize, results }: { ctx: RequestContext; q: string; kind: string | null; page: number; pageSize: number; results: KindResult[] }) {
  const { t } = ctx;
  const all = results.reduce((n, r) => n + r.total, 0);
  const selected = results.find((r) => r.kind === kind);
  return (
    <section class="search-page">
      <h1>{q ? t("search.titleFor", { q }) : t("search.title")}</h1>
      <form method="get" action="/search" role="search" class="form search-form">
        <div class="field">
          <label for="search-q">{t("search.label")}</label>
          <input type="search" id="search-q" name="q" value={q} maxLength={200} />
        </div>
        {kind && <input type="hidden" name="kind" value={kind} />}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("search.submit")}
          </button>
        </div>
      </form>
      {q && (
        <>
          <p role="status">{t("search.count", { count: all })}</p>
          <nav aria-label={t("search.kinds")}>
            <ul class="search-kinds">
              <li>{kind === null ? <span aria-current="page">{t("search.everything", { count: all })}</span> : <a href={href(q, null)}>{t("search.everything", { count: all })}</a>}</li>
              {results.map((r) => (
                <li>
                  {kind === r.kind ? (
                    <span aria-current="page">
                      {t(r.label)} ({r.total})
                    </span>
                  ) : (
                    <a href={href(q, r.kind)}>
                      {t(r.label)} ({r.total})
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {selected ? (
            <section aria-labelledby="search-kind-title">
              <h2 id="search-kind-title">{t(selected.label)}</h2>
              <Hits hits={selected.hits} />
              {(page > 1 || page * pageSize < selected.total) && (
                <nav aria-label={t("search.pages")} class="pagination">
                  {page > 1 && <a href={href(q, kind, page - 1)}>{t("search.previous")}</a>} {page * pageSize < selected.total && <a href={href(q, kind, page + 1)}>{t("search.next")}</a>}
                </nav>
              )}
            </section>
          ) : (
            results
              .filter((r) => r.total > 0)
              .map((r) => (
                <section aria-labelledby={`search-${r.kind}`}>
                  <h2 id={`search-${r.kind}`}>
                    {t(r.label)} ({r.total})
                  </h2>
                  <Hits hits={r.hits} />
                  {r.total > r.hits.length && (
                    <p>
                      <a href={href(q, r.kind)}>{t("search.seeAll", { count: r.total })}</a>
                    </p>
                  )}
                </section>
              ))
          )}
        </>
      )}
    </section>
  );
}
