/** Public views of the pages component: a page with the component's table of contents. */
import type { RequestContext } from "../../core/http/context";
import { LOCALE_NAMES, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { renderRichText } from "../../core/components/rich-text";
import { Localized } from "../../web/layout";
import type { PageRecord, PageSummary } from "./service";

export function TableOfContents({ ctx, base, pages, currentId, headings }: { ctx: RequestContext; base: string; pages: PageSummary[]; currentId: number | null; headings: Array<{ id: string; text: string }> }) {
  return (
    <nav class="pages-toc" aria-labelledby="pages-toc-title">
      <h2 id="pages-toc-title">{ctx.t("pages.toc")}</h2>
      <ol>
        {pages.map((p) => {
          const title = localize(p.title, ctx.locale, ctx.org.defaultLocale);
          const current = p.id === currentId;
          return (
            <li>
              <a href={`${base}/${p.id}`} aria-current={current ? "page" : undefined} lang={title.missing ? title.locale : undefined}>
                {title.text}
              </a>
              {current && headings.length > 0 && (
                <ol>
                  {headings.map((h) => (
                    <li>
                      <a href={`#${h.id}`}>{h.text}</a>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function Announcement({ ctx, value }: { ctx: RequestContext; value: Translatable }) {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  if (!l.text) return null;
  return (
    <div class="announcement" role="note">
      <p lang={l.missing ? l.locale : undefined}>{l.text}</p>
    </div>
  );
}

/** One page: its title, its rendered body, and the table of contents beside it. */
export function PageView(props: { ctx: RequestContext; base: string; pages: PageSummary[]; page: PageRecord | null; showToc: boolean; announcement: Translatable }) {
  const { ctx, page } = props;
  if (!page) {
    return (
      <>
        <h1>{ctx.t("pages.title")}</h1>
        <Announcement ctx={ctx} value={props.announcement} />
        <p>{ctx.t("pages.empty")}</p>
      </>
    );
  }
  const body = localize(page.body, ctx.locale, ctx.org.defaultLocale);
  const rendered = renderRichText(body.text, page.format);
  return (
    <div class={props.showToc ? "pages-layout" : undefined}>
      <article class="page-article">
        <Localized ctx={ctx} value={page.title} as="h1" />
        <Announcement ctx={ctx} value={props.announcement} />
        {body.missing && body.text && <p class="translation-note">{ctx.t("common.notInYourLanguage", { language: LOCALE_NAMES[body.locale] })}</p>}
        <div class="prose" lang={body.missing ? body.locale : undefined} dangerouslySetInnerHTML={{ __html: rendered.html }} />
      </article>
      {props.showToc && <TableOfContents ctx={ctx} base={props.base} pages={props.pages} currentId={page.id} headings={rendered.headings} />}
    </div>
  );
}
