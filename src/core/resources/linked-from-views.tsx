/** The sections of what other components say about a resource ("this contribution led to..."), on its page. */
import type { RequestContext } from "../http/context";
import { localize } from "../i18n/translator";
import type { LinkedFromSection } from "./linked-from";

export function LinkedFrom({ ctx, sections }: { ctx: RequestContext; sections: LinkedFromSection[] }) {
  return (
    <>
      {sections.map((s, i) => (
        <section class="linked-from" aria-labelledby={`linked-from-${i}`}>
          <h2 id={`linked-from-${i}`}>{ctx.t(s.label)}</h2>
          <ul>
            {s.items.map((item) => {
              const title = localize(item.title, ctx.locale, ctx.org.defaultLocale);
              return (
                <li>
                  <a href={item.url} lang={title.locale === ctx.locale ? undefined : title.locale}>
                    {title.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
