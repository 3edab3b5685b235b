/** Seating's pages: the drawn person's answer page (their link), and the seats and rotation parts of a draw's back-office page. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { MessageKey } from "../../core/i18n/catalogues";
import { localize } from "../../core/i18n/translator";
import { CsrfField, Form, RadioGroup, Submit, TextArea, TextField } from "../../web/ui/forms";
import type { SeatStatus } from "./schema";
import type { SeatByToken, SeatListed } from "./seats-service";

export const SEAT_STATUS_LABEL: Record<SeatStatus, MessageKey> = {
  invited: "sortition.seatStatus.invited",
  confirmed: "sortition.seatStatus.confirmed",
  refused: "sortition.seatStatus.refused",
  expired: "sortition.seatStatus.expired",
  ceased: "sortition.seatStatus.ceased",
};

const ANSWERED: Record<Exclude<SeatStatus, "invited">, MessageKey> = {
  confirmed: "sortition.seat.confirmed",
  refused: "sortition.seat.refused",
  expired: "sortition.seat.expired",
  ceased: "sortition.seat.ceased",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The page behind a drawn person's link: take the seat (choosing whether the name is shown) or decline. */
export function SeatPage({ ctx, seat, action, errors, showName }: { ctx: RequestContext; seat: SeatByToken; action: string; errors?: FieldErrors | undefined; showName?: string | undefined }) {
  const { t } = ctx;
  const assembly = localize(seat.assembly, ctx.locale, ctx.org.defaultLocale).text;
  const open = seat.status === "invited" && seat.deadlineAt.getTime() >= Date.now();
  const status: Exclude<SeatStatus, "invited"> | null = seat.status === "invited" ? (open ? null : "expired") : seat.status;
  return (
    <article aria-labelledby="seat-title">
      <h1 id="seat-title">{t("sortition.seat.title", { assembly })}</h1>
      {status ? (
        <p role="status">{t(ANSWERED[status])}</p>
      ) : (
        <>
          <p>{t("sortition.seat.intro", { assembly, deadline: day(seat.deadlineAt) })}</p>
          <section aria-labelledby="seat-confirm">
            <h2 id="seat-confirm">{t("sortition.seat.confirmTitle")}</h2>
            <Form ctx={ctx} action={action} errors={errors}>
              <input type="hidden" name="answer" value="confirm" />
              <RadioGroup
                ctx={ctx}
                name="showName"
                legend={t("sortition.seat.nameLegend")}
                value={showName ?? ""}
                errors={errors}
                options={[
                  { value: "yes", label: seat.name ? t("sortition.seat.showName", { name: seat.name }) : t("sortition.seat.showNameGeneric") },
                  { value: "no", label: t("sortition.seat.hideName") },
                ]}
              />
              <Submit>{t("sortition.seat.confirm")}</Submit>
            </Form>
          </section>
          <section aria-labelledby="seat-refuse">
            <h2 id="seat-refuse">{t("sortition.seat.refuseTitle")}</h2>
            <p>{t("sortition.seat.refuseHint")}</p>
            <form method="post" action={action}>
              <CsrfField ctx={ctx} />
              <input type="hidden" name="answer" value="refuse" />
              <button type="submit" class="button button-secondary">
                {t("sortition.seat.refuse")}
              </button>
            </form>
          </section>
        </>
      )}
    </article>
  );
}

function count(seats: readonly SeatListed[], status: SeatStatus): number {
  return seats.filter((s) => s.status === status).length;
}

/** The draw page's seating part: invite the panel, then each seat with its state and a form for answers received by phone or letter. */
export function SeatingPanel({ ctx, here, confirmDays, seats, canInvite, errors, values }: { ctx: RequestContext; here: string; confirmDays: number; seats: SeatListed[]; canInvite: boolean; errors?: FieldErrors | undefined; values?: { confirmDays?: string } }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="seating-title">
      <h2 id="seating-title">{t("sortition.seating.title")}</h2>
      <p>{t("sortition.seating.intro")}</p>
      {canInvite && (
        <Form ctx={ctx} action={`${here}/invite`} errors={errors}>
          <TextField ctx={ctx} name="confirmDays" label={t("sortition.seating.confirmDays")} value={values?.confirmDays ?? String(confirmDays)} inputmode="numeric" errors={errors} required />
          <Submit>{t("sortition.seating.invite")}</Submit>
        </Form>
      )}
      {seats.length > 0 && (
        <>
          <p>
            {t("sortition.seating.summary", { invited: count(seats, "invited"), confirmed: count(seats, "confirmed"), refused: count(seats, "refused"), expired: count(seats, "expired"), ceased: count(seats, "ceased") })}
          </p>
          <table>
            <caption>{t("sortition.seating.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sortition.seating.col.row")}</th>
                <th scope="col">{t("sortition.seating.col.person")}</th>
                <th scope="col">{t("sortition.seating.col.status")}</th>
                <th scope="col">{t("sortition.seating.col.deadline")}</th>
                <th scope="col">{t("sortition.seating.col.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {seats.map((s) => (
                <tr>
                  <th scope="row">
                    {s.row}
                    {s.replacesRow !== null && <span class="hint"> {t("sortition.seating.replaces", { row: s.replacesRow, round: s.round })}</span>}
                  </th>
                  <td>
                    {s.name ?? "—"}
                    {s.email ? <span class="hint"> {s.email}</span> : <span class="hint"> {t("sortition.seating.noEmail")}</span>}
                  </td>
                  <td>{t(SEAT_STATUS_LABEL[s.status])}</td>
                  <td>{s.status === "invited" ? day(s.deadlineAt) : s.answeredAt ? day(s.answeredAt) : "—"}</td>
                  <td>
                    {s.status === "invited" && (
                      <form method="post" action={`${here}/seats/${s.id}/answer`} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <label for={`seat-answer-${s.id}`} class="visually-hidden">
                          {t("sortition.seating.answerLabel", { row: s.row })}
                        </label>
                        <select id={`seat-answer-${s.id}`} name="answer">
                          <option value="confirm-shown">{t("sortition.seating.answer.confirmShown")}</option>
                          <option value="confirm-hidden">{t("sortition.seating.answer.confirmHidden")}</option>
                          <option value="refuse">{t("sortition.seating.answer.refuse")}</option>
                        </select>{" "}
                        <button type="submit" class="button button-secondary">
                          {t("sortition.seating.record")}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export interface RotationValues {
  title?: string;
  commitment?: string;
  randomness?: string;
}

/** The draw page's rotation part: the due mark, and the form starting a rotation. */
export function RotationPanel({ ctx, here, sitting, leaving, due, months, values, errors }: { ctx: RequestContext; here: string; sitting: number; leaving: number; due: boolean; months: number; values: RotationValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="rotation-title">
      <h2 id="rotation-title">
        {t("sortition.rotation.title")}
        {due && <span class="badge"> {t("sortition.rotation.due")}</span>}
      </h2>
      {due && <p>{t("sortition.rotation.dueHint", { months })}</p>}
      <p>{t("sortition.rotation.intro", { leaving, sitting })}</p>
      <Form ctx={ctx} action={`${here}/rotate`} errors={errors}>
        <TextField ctx={ctx} name="title" label={t("sortition.admin.field.title")} value={values.title} errors={errors} required />
        <TextArea ctx={ctx} name="commitment" label={t("sortition.admin.field.commitment")} hint={t("sortition.admin.field.commitmentHint")} value={values.commitment} errors={errors} rows={3} />
        <TextField ctx={ctx} name="randomness" label={t("sortition.admin.field.randomness")} hint={t("sortition.admin.field.randomnessHint")} value={values.randomness} errors={errors} />
        <Submit>{t("sortition.rotation.start")}</Submit>
      </Form>
    </section>
  );
}
