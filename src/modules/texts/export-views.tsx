/** The text's downloads (a part the text's page includes): a version, the adopted text, comments and amendments. */
import type { RequestContext } from "../../core/http/context";

export function ExportLinks({ ctx, textHref, versionNumber, adopted, headingLevel = 2 }: { ctx: RequestContext; textHref: string; versionNumber: number; adopted: boolean; headingLevel?: 2 | 3 }) {
  const { t } = ctx;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const base = `${textHref}/export`;
  const formats = (file: string) => (
    <>
      <a href={`${base}/${file}.md`}>Markdown</a> · <a href={`${base}/${file}.html`}>HTML</a> · <a href={`${base}/${file}.pdf`}>PDF</a>
    </>
  );
  return (
    <section aria-labelledby="text-export" class="text-export">
      <Heading id="text-export">{t("texts.export.heading")}</Heading>
      <ul>
        <li>
          {t("texts.export.version", { n: versionNumber })}: {formats(`v${versionNumber}`)}
        </li>
        {adopted && (
          <li>
            {t("texts.export.adopted")}: {formats("adopted")}
          </li>
        )}
        <li>
          <a href={`${base}/comments.csv`}>{t("texts.export.comments")}</a> · <a href={`${base}/amendments.csv`}>{t("texts.export.amendments")}</a>
        </li>
      </ul>
    </section>
  );
}
