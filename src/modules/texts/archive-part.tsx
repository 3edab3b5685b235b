/**
 * The texts component's part of the space archive: each published text as its own stage snapshot holds
 * it (the version's wording, in the text's language), with a link to that snapshot's page, where its comments,
 * annotations and amendments are kept.
 */
import type { ArchiveInput, ArchiveRender } from "../../core/components/define";
import { renderRichText } from "../../core/components/rich-text";
import type { RequestContext } from "../../core/http/context";
import { componentPath } from "../../core/spaces/types";
import type { Db } from "../../db/client";
import { textSnapshotsForStep, type ArchivedText } from "./archive-part-queries";
import { tr } from "./block-views";

function ArchivedTextView({ ctx, t: text, href }: { ctx: RequestContext; t: ArchivedText; href: string }) {
  const title = tr(ctx, text.title);
  const lang = text.data.locale;
  return (
    <article class="archive-text">
      <h2 lang={title.lang}>{title.text}</h2>
      <p class="hint">
        {ctx.t("archive.part.version", { n: text.data.versionNumber })} · <a href={href}>{ctx.t("archive.part.textSnapshot")}</a>
      </p>
      {text.data.blocks.map((b) => {
        // A heading block's wording is its Markdown heading; the others are Markdown, rendered safely.
        if (b.kind === "section" || b.kind === "article") return <h3 lang={lang}>{b.body.replace(/^\s*#{1,6}\s+/, "")}</h3>;
        const source = b.kind === "list-item" ? b.body.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, "") : b.body;
        return <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: renderRichText(source).html }} />;
      })}
    </article>
  );
}

export async function archiveTexts(db: Db, input: ArchiveInput): Promise<ArchiveRender | null> {
  const list = await textSnapshotsForStep(db, { actorId: input.actorId, spaceId: input.space.id }, input.component.id, input.stepId);
  const href = (t: ArchivedText) => componentPath(input.space, input.component.id, `/texts/${t.textId}/archive/${t.snapshotId}`);
  return (ctx) => (list.length === 0 ? <p>{ctx.t("archive.part.none")}</p> : <>{list.map((t) => <ArchivedTextView ctx={ctx} t={t} href={href(t)} />)}</>);
}
