/** The adoption vote's page: the state of the vote, the member's ballot, the result, and the editors' forms. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { formatDateTime } from "../../core/i18n/formats";
import { Checkbox, ErrorSummary, Form, Submit } from "../../web/ui/forms";
import { ADOPTION_CHOICES, type AdoptionChoice, type AdoptionState } from "./adoption";
import type { BlockPageText } from "./block-queries";
import { tr } from "./block-views";

const CHOICE_KEYS = { for: "texts.adoption.choice.for", against: "texts.adoption.choice.against", abstain: "texts.adoption.choice.abstain" } as const;

export interface AdoptionPageProps {
  ctx: RequestContext;
  textHref: string;
  text: BlockPageText;
  state: AdoptionState;
  editor: boolean;
  errors?: FieldErrors | undefined;
}

function Ballot({ ctx, action, mine }: { ctx: RequestContext; action: string; mine: AdoptionChoice | null }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={action} class="form text-adoption-ballot">
      <fieldset>
        <legend>{t("texts.adoption.ballotLegend")}</legend>
        {ADOPTION_CHOICES.map((c) => (
          <div class="radio">
            <input type="radio" id={`adoption-${c}`} name="choice" value={c} checked={mine === c} required />
            <label for={`adoption-${c}`}>{t(CHOICE_KEYS[c])}</label>
          </div>
        ))}
      </fieldset>
      <Submit>{mine ? t("texts.adoption.change") : t("texts.adoption.vote")}</Submit>
    </Form>
  );
}

export function AdoptionPageView({ ctx, textHref, text, state: s, editor, errors }: AdoptionPageProps) {
  const { t } = ctx;
  const title = tr(ctx, text.title);
  return (
    <div class="text-adoption-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
      </p>
      <h1>{t("texts.adoption.title", { n: s.versionNumber ?? 0 })}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{t(s.secret ? "texts.adoption.secret" : "texts.adoption.public")}</p>
      {s.status === "closed" && <p>{t("texts.adoption.notOpenYet")}</p>}
      {s.status === "open" && (
        <>
          <p aria-live="polite">{t("texts.adoption.castSoFar", { count: s.cast })}</p>
          {s.mine && <p>{t("texts.adoption.yourChoice", { choice: t(CHOICE_KEYS[s.mine]) })}</p>}
          {s.member ? <Ballot ctx={ctx} action={`${textHref}/adoption/vote`} mine={s.mine} /> : <p class="notice">{t(ctx.user ? "texts.adoption.membersOnly" : "texts.adoption.signIn")}</p>}
        </>
      )}
      {s.result && (
        <section aria-labelledby="adoption-result">
          <h2 id="adoption-result">{t(s.result.adopted ? "texts.adoption.adopted" : "texts.adoption.notAdopted")}</h2>
          {s.adoptedAt && <p>{t("texts.adoption.adoptedOn", { date: formatDateTime(ctx.locale, s.adoptedAt, { dateStyle: "long" }) })}</p>}
          <table class="table">
            <caption>{t("texts.adoption.resultCaption", { electorate: s.result.electorate })}</caption>
            <tbody>
              {ADOPTION_CHOICES.map((c) => (
                <tr>
                  <th scope="row">{t(CHOICE_KEYS[c])}</th>
                  <td>{s.result?.[c]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.names && s.names.length > 0 && (
            <>
              <h3>{t("texts.adoption.names")}</h3>
              <ul>
                {s.names.map((n) => (
                  <li>
                    {n.name}: {t(CHOICE_KEYS[n.choice])}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {editor && (
        <section aria-labelledby="adoption-manage">
          <h2 id="adoption-manage">{t("texts.adoption.manage")}</h2>
          {s.status === "open" ? (
            <Form ctx={ctx} action={`${textHref}/adoption/close`}>
              <Submit>{t("texts.adoption.close")}</Submit>
            </Form>
          ) : (
            <Form ctx={ctx} action={`${textHref}/adoption/open`}>
              <Checkbox ctx={ctx} name="secret" label={t("texts.adoption.secretLabel")} checked={s.secret} />
              <Submit>{t("texts.adoption.open", { n: s.versionNumber ?? 0 })}</Submit>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
