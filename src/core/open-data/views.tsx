/** The open data page. */
import type { RequestContext } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";

export interface Dataset {
  path: string;
  label: MessageKey;
  description: MessageKey;
}

export function OpenDataPage({ ctx, datasets }: { ctx: RequestContext; datasets: Dataset[] }) {
  const { t } = ctx;
  return (
    <section class="open-data-page">
      <h1>{t("openData.title")}</h1>
      <p>{t("openData.intro")}</p>
      <ul class="open-data-list">
        {datasets.map((d) => (
          <li>
            <a href={d.path} download>
              {t(d.label)} (CSV)
            </a>
            <p>{t(d.description)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
