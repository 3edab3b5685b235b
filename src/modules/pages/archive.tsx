/** The pages component's part of the space archive: every page, titled, its body rendered safely. */
import type { ArchiveInput, ArchiveRender } from "../../core/components/define";
import { renderRichText } from "../../core/components/rich-text";
import type { RequestContext } from "../../core/http/context";
import { localize } from "../../core/i18n/translator";
import type { Db } from "../../db/client";
import { Localized } from "../../web/layout";
import { listPagesForArchive } from "./archive-queries";

type ArchivedPage = Awaited<ReturnType<typeof listPagesForArchive>>[number];

function ArchivedPages({ ctx, list }: { ctx: RequestContext; list: ArchivedPage[] }) {
  if (list.length === 0) return <p>{ctx.t("archive.part.none")}</p>;
  return (
    <>
      {list.map((p) => {
        const body = localize(p.body, ctx.locale, ctx.org.defaultLocale);
        return (
          <section class="archive-page">
            <Localized ctx={ctx} value={p.title} as="h2" />
            {body.text && <div class="prose" lang={body.missing ? body.locale : undefined} dangerouslySetInnerHTML={{ __html: renderRichText(body.text, p.format).html }} />}
          </section>
        );
      })}
    </>
  );
}

export async function archivePages(db: Db, input: ArchiveInput): Promise<ArchiveRender | null> {
  const list = await listPagesForArchive(db, input.component.id);
  return (ctx) => <ArchivedPages ctx={ctx} list={list} />;
}
