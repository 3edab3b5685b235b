/** Public pages of the results component: the list with the overall progress and filters, and a result's page. */
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import { FollowButton } from "../../core/follows/views";
import type { RequestContext } from "../../core/http/context";
import type { ResourceFacts } from "../../core/resources/kinds";
import { DateRange, formatDate, Pager } from "../../core/spaces/view-parts";
import type { Translatable } from "../../core/i18n/locales";
import { Form, Select, Submit } from "../../web/ui/forms";
import { isFiltered, type Choice, type ResultDetails, type ResultFilter, type ResultSummary } from "./queries";
import type { ResultStatus } from "./statuses";
import { choiceOptions, Paragraphs, ProgressBar, text } from "./view-parts";

export function listHref(base: string, f: ResultFilter, page = f.page): string {
  const params = new URLSearchParams();
  if (f.categoryId) params.set("category", String(f.categoryId));
  if (f.scopeId) params.set("scope", String(f.scopeId));
  if (f.statusId) params.set("status", String(f.statusId));
  if (page > 1) params.set("page", String(page));
  const q = params.toString();
  return q ? `${base}?${q}` : base;
}

function Summary({ ctx, base, r, showProgress, headingLevel }: { ctx: RequestContext; base: string; r: ResultSummary; showProgress: boolean; headingLevel: 2 | 3 }) {
  const { t } = ctx;
  const title = text(ctx, r.title);
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <li class="result-card">
      <H class="result-card-title">
        <a href={`${base}/${r.id}`} lang={title.lang}>
          {title.text}
        </a>
      </H>
      <p class="result-meta">
        {r.statusName && <span class="badge">{text(ctx, r.statusName).text}</span>}
        {r.children > 0 && <span>{t("results.count.subResults", { count: r.children })}</span>}
        {r.categoryName && <span>{text(ctx, r.categoryName).text}</span>}
        {r.scopeName && <span>{text(ctx, r.scopeName).text}</span>}
      </p>
      {showProgress && r.progress !== null && <ProgressBar ctx={ctx} value={r.progress} label={t("results.progress.of", { title: title.text })} />}
      <DateRange ctx={ctx} start={r.startDate} end={r.endDate} />
    </li>
  );
}

export interface IndexProps {
  ctx: RequestContext;
  base: string;
  componentName: string;
  announcement: Translatable;
  showProgress: boolean;
  filter: ResultFilter;
  items: ResultSummary[];
  hasNext: boolean;
  overall: number | null;
  count: number;
  statuses: ResultStatus[];
  categories: Choice[];
  scopes: Choice[];
}

export function IndexPage(props: IndexProps) {
  const { ctx, base, filter } = props;
  const { t } = ctx;
  const any = { value: "", label: t("results.filter.any") };
  const announcement = text(ctx, props.announcement);
  return (
    <div class="results">
      <h1>{props.componentName}</h1>
      {announcement.text && (
        <div class="announcement" role="note">
          <p lang={announcement.lang}>{announcement.text}</p>
        </div>
      )}
      {props.showProgress && props.overall !== null && (
        <section class="results-overall" aria-labelledby="results-overall-title">
          <h2 id="results-overall-title">{t("results.overall.title")}</h2>
          <ProgressBar ctx={ctx} value={props.overall} label={t("results.overall.title")} />
          <p class="hint">{t("results.overall.hint", { count: props.count })}</p>
        </section>
      )}
      <Form ctx={ctx} action={base} method="get" class="form filter-form">
        {props.categories.length > 0 && <Select ctx={ctx} name="category" label={t("results.filter.category")} value={filter.categoryId ? String(filter.categoryId) : ""} options={[any, ...choiceOptions(ctx, props.categories)]} />}
        {props.scopes.length > 0 && <Select ctx={ctx} name="scope" label={t("results.filter.scope")} value={filter.scopeId ? String(filter.scopeId) : ""} options={[any, ...choiceOptions(ctx, props.scopes)]} />}
        <Select ctx={ctx} name="status" label={t("results.filter.status")} value={filter.statusId ? String(filter.statusId) : ""} options={[any, ...props.statuses.map((s) => ({ value: String(s.id), label: text(ctx, s.name).text }))]} />
        <Submit>{t("results.filter.submit")}</Submit>
      </Form>
      <section aria-labelledby="results-list-title">
        <h2 id="results-list-title">{isFiltered(filter) ? t("results.index.matching") : t("results.index.title")}</h2>
        {props.items.length === 0 ? (
          <p>{isFiltered(filter) ? t("results.index.noneMatching") : t("results.index.empty")}</p>
        ) : (
          <ul class="result-list">
            {props.items.map((r) => (
              <Summary ctx={ctx} base={base} r={r} showProgress={props.showProgress} headingLevel={3} />
            ))}
          </ul>
        )}
        <Pager ctx={ctx} page={filter.page} hasNext={props.hasNext} href={(page) => listHref(base, filter, page)} />
      </section>
    </div>
  );
}

export interface ShowProps {
  ctx: RequestContext;
  base: string;
  r: ResultDetails;
  showProgress: boolean;
  /** The linked resources the public may see (titles and addresses from their kinds). */
  linked: ResourceFacts[];
  comments: CommentsSectionData | null;
  following: boolean;
}

export function ShowPage({ ctx, base, r, showProgress, linked, comments, following }: ShowProps) {
  const { t } = ctx;
  const title = text(ctx, r.title);
  const description = text(ctx, r.description);
  const url = `${base}/${r.id}`;
  return (
    <article class="result">
      {r.parentId !== null && r.parentTitle && (
        <p class="result-parent">
          {t("results.show.partOf")} <a href={`${base}/${r.parentId}`}>{text(ctx, r.parentTitle).text}</a>
        </p>
      )}
      <h1 lang={title.lang}>{title.text}</h1>
      <dl class="result-facts">
        {r.statusName && (
          <>
            <dt>{t("results.show.status")}</dt>
            <dd>
              <span class="badge">{text(ctx, r.statusName).text}</span>
            </dd>
          </>
        )}
        {showProgress && r.progress !== null && (
          <>
            <dt>{t("results.show.progress")}</dt>
            <dd>
              <ProgressBar ctx={ctx} value={r.progress} label={t("results.show.progress")} />
              {r.children > 0 && <p class="hint">{t("results.show.progressComputed")}</p>}
            </dd>
          </>
        )}
        {(r.startDate || r.endDate) && (
          <>
            <dt>{t("results.show.dates")}</dt>
            <dd>
              <DateRange ctx={ctx} start={r.startDate} end={r.endDate} />
            </dd>
          </>
        )}
        {r.categoryName && (
          <>
            <dt>{t("results.show.category")}</dt>
            <dd>{text(ctx, r.categoryName).text}</dd>
          </>
        )}
        {r.scopeName && (
          <>
            <dt>{t("results.show.scope")}</dt>
            <dd>{text(ctx, r.scopeName).text}</dd>
          </>
        )}
      </dl>
      {description.text && <Paragraphs text={description.text} lang={description.lang} />}
      <div class="result-kit">
        <FollowButton ctx={ctx} target={{ type: "result", id: r.id }} following={following} returnTo={url} count={t("results.count.followers", { count: r.followsCount })} />
      </div>
      {r.subResults.length > 0 && (
        <section aria-labelledby="result-children-title">
          <h2 id="result-children-title">{t("results.show.subResults")}</h2>
          <ul class="result-list">
            {r.subResults.map((c) => (
              <Summary ctx={ctx} base={base} r={c} showProgress={showProgress} headingLevel={3} />
            ))}
          </ul>
        </section>
      )}
      {linked.length > 0 && (
        <section aria-labelledby="result-links-title">
          <h2 id="result-links-title">{t("results.show.linked")}</h2>
          <ul>
            {linked.map((f) => {
              const l = text(ctx, typeof f.title === "string" ? { [ctx.locale]: f.title } : f.title);
              return (
                <li>
                  <a href={f.url} lang={l.lang}>
                    {l.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {r.timeline.length > 0 && (
        <section aria-labelledby="result-timeline-title">
          <h2 id="result-timeline-title">{t("results.show.timeline")}</h2>
          <ol class="result-timeline" reversed>
            {r.timeline.map((u) => {
              const body = text(ctx, u.text);
              return (
                <li>
                  <p>
                    <time dateTime={u.entryDate}>{formatDate(ctx, u.entryDate)}</time>
                    {u.statusName && (
                      <>
                        {" · "}
                        <span class="badge">{text(ctx, u.statusName).text}</span>
                      </>
                    )}
                    {showProgress && u.progress !== null && ` · ${t("results.progress.value", { value: Math.round(u.progress) })}`}
                  </p>
                  <Paragraphs text={body.text} lang={body.lang} />
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {comments && <CommentsSection ctx={ctx} data={comments} />}
      <p>
        <a href={base}>{t("results.show.back")}</a>
      </p>
    </article>
  );
}
