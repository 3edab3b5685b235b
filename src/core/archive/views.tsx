/** The archive's public pages: a space's list of snapshots, one snapshot's contents, one frozen part. */
import type { RequestContext } from "../http/context";
import type { Translatable } from "../i18n/locales";
import { formatDateTime } from "../i18n/formats";
import { localize } from "../i18n/translator";
import { spacePath, type SpaceRecord } from "../spaces/types";
import type { SnapshotPartSummary, SnapshotSummary } from "./queries";

export const archivePath = (space: { slug: string }, rest = "") => `/spaces/${encodeURIComponent(space.slug)}/archive${rest}`;

const text = (ctx: RequestContext, value: Translatable) => localize(value, ctx.locale, ctx.org.defaultLocale);
const phaseName = (ctx: RequestContext, s: SnapshotSummary) => text(ctx, s.stepTitle).text || ctx.t("archive.noPhase");
const when = (ctx: RequestContext, date: Date) => formatDateTime(ctx.locale, date, { dateStyle: "long", timeStyle: "short" });

/** The snapshots as links, oldest phase first. */
function SnapshotLinks({ ctx, space, snapshots }: { ctx: RequestContext; space: SpaceRecord; snapshots: SnapshotSummary[] }) {
  if (snapshots.length === 0) return <p>{ctx.t("archive.none")}</p>;
  return (
    <ol class="archive-list">
      {snapshots.map((s) => (
        <li>
          <a href={archivePath(space, `/${s.id}`)}>{ctx.t("archive.entry", { phase: phaseName(ctx, s), date: when(ctx, s.createdAt) })}</a>
        </li>
      ))}
    </ol>
  );
}

/** The "Archive" section of a space's page. */
export function ArchiveSection({ ctx, space, snapshots }: { ctx: RequestContext; space: SpaceRecord; snapshots: SnapshotSummary[] }) {
  return (
    <section class="space-archive" aria-labelledby="archive-title" id="archive">
      <h2 id="archive-title">{ctx.t("archive.heading")}</h2>
      <p>{ctx.t("archive.intro")}</p>
      <SnapshotLinks ctx={ctx} space={space} snapshots={snapshots} />
      {snapshots.length > 0 && (
        <p>
          <a href={archivePath(space)}>{ctx.t("archive.seeAll")}</a>
        </p>
      )}
    </section>
  );
}

function BackToSpace({ ctx, space }: { ctx: RequestContext; space: SpaceRecord }) {
  return (
    <p class="breadcrumb-link">
      <a href={spacePath(space)}>{ctx.t("archive.backToSpace", { space: text(ctx, space.title).text })}</a>
    </p>
  );
}

export function ArchiveIndexPage({ ctx, space, snapshots }: { ctx: RequestContext; space: SpaceRecord; snapshots: SnapshotSummary[] }) {
  return (
    <article class="archive">
      <BackToSpace ctx={ctx} space={space} />
      <h1>{ctx.t("archive.pageTitle", { space: text(ctx, space.title).text })}</h1>
      <p>{ctx.t("archive.intro")}</p>
      <SnapshotLinks ctx={ctx} space={space} snapshots={snapshots} />
    </article>
  );
}

function Banner({ ctx, snapshot }: { ctx: RequestContext; snapshot: SnapshotSummary }) {
  return (
    <p class="flash archive-banner" role="note">
      {ctx.t("archive.banner", { date: when(ctx, snapshot.createdAt), phase: phaseName(ctx, snapshot) })}
    </p>
  );
}

export function SnapshotPage({ ctx, space, snapshot }: { ctx: RequestContext; space: SpaceRecord; snapshot: SnapshotSummary & { parts: SnapshotPartSummary[] } }) {
  return (
    <article class="archive-snapshot">
      <p class="breadcrumb-link">
        <a href={archivePath(space)}>{ctx.t("archive.back")}</a>
      </p>
      <h1>{ctx.t("archive.part.title", { part: text(ctx, space.title).text, phase: phaseName(ctx, snapshot) })}</h1>
      <Banner ctx={ctx} snapshot={snapshot} />
      <h2>{ctx.t("archive.contents")}</h2>
      {snapshot.parts.length === 0 ? (
        <p>{ctx.t("archive.empty")}</p>
      ) : (
        <ul class="archive-parts">
          {snapshot.parts.map((p) => {
            const title = text(ctx, p.title);
            return (
              <li>
                <a href={archivePath(space, `/${snapshot.id}/${p.id}`)} lang={title.missing ? title.locale : undefined}>
                  {title.text}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}

/** A frozen part: its HTML was rendered by the component's `archive` hook through Preact when the phase closed. */
export function SnapshotPartPage({ ctx, space, snapshot, part }: { ctx: RequestContext; space: SpaceRecord; snapshot: SnapshotSummary; part: SnapshotPartSummary & { html: Translatable } }) {
  const title = text(ctx, part.title);
  const html = text(ctx, part.html);
  return (
    <article class="archive-part">
      <p class="breadcrumb-link">
        <a href={archivePath(space, `/${snapshot.id}`)}>{ctx.t("archive.back")}</a>
      </p>
      <h1 lang={title.missing ? title.locale : undefined}>{ctx.t("archive.part.title", { part: title.text, phase: phaseName(ctx, snapshot) })}</h1>
      <Banner ctx={ctx} snapshot={snapshot} />
      <div class="archive-frozen" lang={html.missing ? html.locale : undefined} dangerouslySetInnerHTML={{ __html: html.text }} />
    </article>
  );
}
