/**
 * `<Coauthors box={...} />` for any resource page (load the box with `loadCoauthorBox`): the accepted
 * co-authors, and for the people concerned a way to the co-authorship page: answer an invitation,
 * invite, withdraw an invitation or leave.
 */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { CsrfField, ErrorSummary, Form, TextField } from "../../web/ui/forms";
import type { CoauthorBox, Coauthorship } from "./coauthors";

export function Coauthors({ ctx, box }: { ctx: RequestContext; box: CoauthorBox | null }) {
  if (!box || (box.coauthors.length === 0 && box.viewer === null)) return null;
  const { t } = ctx;
  return (
    <section class="coauthors" id="coauthors" aria-labelledby="coauthors-title">
      <h2 id="coauthors-title">{t("coauthors.title")}</h2>
      {box.coauthors.length > 0 ? (
        <ul>
          {box.coauthors.map((c) => (
            <li>{c.name}</li>
          ))}
        </ul>
      ) : (
        <p>{t("coauthors.none")}</p>
      )}
      {box.viewer === "invited" && (
        <p class="notice">
          {t("coauthors.invitedNotice")} <a href={box.manageUrl}>{t("coauthors.respond")}</a>
        </p>
      )}
      {(box.viewer === "author" || box.viewer === "coauthor") && (
        <p>
          {box.pending > 0 && <>{t("coauthors.pending", { count: box.pending })} </>}
          <a href={box.manageUrl}>{t("coauthors.manage")}</a>
        </p>
      )}
    </section>
  );
}

export interface CoauthorshipPageProps {
  ctx: RequestContext;
  title: string;
  /** The resource's page, when the reader may go back to it. */
  backUrl: string | null;
  actionBase: string;
  /** Invited (answer), author (manage), co-author (manage and leave). */
  role: "invited" | "author" | "coauthor";
  coauthorships: Coauthorship[];
  max: number | null;
  errors?: FieldErrors;
  identifier?: string;
}

function Listing({ items }: { items: Coauthorship[] }) {
  return (
    <ul>
      {items.map((c) => (
        <li>{c.name}</li>
      ))}
    </ul>
  );
}

/** The co-authorship page of one resource, for the person invited or its authors. */
export function CoauthorshipPage(props: CoauthorshipPageProps) {
  const { ctx, title, role, actionBase } = props;
  const { t } = ctx;
  const accepted = props.coauthorships.filter((c) => c.status === "accepted");
  const pending = props.coauthorships.filter((c) => c.status === "invited");
  const declined = props.coauthorships.filter((c) => c.status === "declined");
  const full = props.max !== null && accepted.length + pending.length >= props.max;
  return (
    <section class="coauthorships">
      <h1>{t("coauthors.page.title", { title })}</h1>
      {role === "invited" ? (
        <form method="post" action={`${actionBase}/respond`}>
          <CsrfField ctx={ctx} />
          <p>{t("coauthors.page.invitation", { title })}</p>
          <fieldset>
            <legend>{t("coauthors.page.question")}</legend>
            <div class="button-row">
              <button type="submit" name="response" value="accept">
                {t("coauthors.accept")}
              </button>
              <button type="submit" name="response" value="decline" class="button-secondary">
                {t("coauthors.decline")}
              </button>
            </div>
          </fieldset>
        </form>
      ) : (
        <>
          <h2>{t("coauthors.title")}</h2>
          {accepted.length > 0 ? <Listing items={accepted} /> : <p>{t("coauthors.none")}</p>}
          {pending.length > 0 && (
            <>
              <h2>{t("coauthors.pendingTitle")}</h2>
              <ul>
                {pending.map((c) => (
                  <li>
                    {c.name}{" "}
                    <form method="post" action={`${actionBase}/withdraw`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <input type="hidden" name="userId" value={String(c.userId)} />
                      <button type="submit" class="button-small button-secondary" aria-label={t("coauthors.withdrawLabel", { name: c.name })}>
                        {t("coauthors.withdraw")}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </>
          )}
          {declined.length > 0 && (
            <>
              <h2>{t("coauthors.declinedTitle")}</h2>
              <Listing items={declined} />
            </>
          )}
          <h2 id="invite-title">{t("coauthors.invite.title")}</h2>
          {full && props.max !== null ? (
            <>
              <ErrorSummary ctx={ctx} errors={props.errors} />
              <p>{t("coauthors.invite.maxReached", { max: props.max })}</p>
            </>
          ) : (
            <Form ctx={ctx} action={`${actionBase}/invite`} errors={props.errors}>
              <TextField ctx={ctx} name="identifier" label={t("coauthors.invite.identifier")} hint={t("coauthors.invite.hint")} value={props.identifier ?? ""} errors={props.errors} autocomplete="off" required />
              <button type="submit">{t("coauthors.invite.submit")}</button>
            </Form>
          )}
          {role === "coauthor" && (
            <form method="post" action={`${actionBase}/leave`}>
              <CsrfField ctx={ctx} />
              <h2>{t("coauthors.leave.title")}</h2>
              <p class="hint">{t("coauthors.leave.hint")}</p>
              <button type="submit" class="button-secondary">
                {t("coauthors.leave.submit")}
              </button>
            </form>
          )}
        </>
      )}
      {props.backUrl && (
        <p>
          <a href={props.backUrl}>{t("coauthors.page.back", { title })}</a>
        </p>
      )}
    </section>
  );
}
