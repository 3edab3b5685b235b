/** The back office of the meetings component: the list, the meeting form, the agenda, closing, registrations and the door. */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { ActionButton } from "../../core/spaces/admin-parts";
import { Checkbox, Form, Select, Submit, TextField } from "../../web/ui/forms";
import type { MeetingDetails, MeetingListItem, RegistrationListItem } from "./queries";
import { MEETING_TYPES } from "./schema";
import { text, typeKey, When } from "./view-parts";
import { formatDateTime } from "../../core/i18n/formats";

const Back = ({ ctx, base }: { ctx: RequestContext; base: string }) => (
  <p>
    <a href={base}>{ctx.t("meetings.admin.back")}</a>
  </p>
);

export function AdminListPage({ ctx, base, publicBase, componentName, items, page, hasNext }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; items: Array<MeetingListItem & { registeredCount: number; waitingCount: number }>; page: number; hasNext: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      <p>
        <a class="button" href={`${base}/new`}>
          {t("meetings.admin.new")}
        </a>{" "}
        <a href={publicBase}>{t("meetings.admin.publicPage")}</a>
      </p>
      {items.length === 0 ? (
        <p>{t("meetings.admin.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{componentName}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.form.title")}</th>
              <th scope="col">{t("meetings.show.when")}</th>
              <th scope="col">{t("meetings.admin.state")}</th>
              <th scope="col">{t("meetings.admin.registrations")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const title = text(ctx, m.title);
              const url = `${base}/${m.id}`;
              return (
                <tr>
                  <td lang={title.lang}>
                    <a href={`${publicBase}/${m.id}`}>{title.text}</a>
                  </td>
                  <td>
                    <When ctx={ctx} m={m} />
                  </td>
                  <td>
                    {t(m.publishedAt ? "meetings.admin.published" : "meetings.admin.draft")}
                    {m.closedAt ? ` · ${t("meetings.badge.closed")}` : ""}
                  </td>
                  <td>{m.registrationEnabled ? t("meetings.admin.registrationCounts", { registered: m.registeredCount, waiting: m.waitingCount }) : "—"}</td>
                  <td>
                    <a href={`${url}/edit`}>{t("meetings.admin.edit", { title: title.text })}</a> · <a href={`${url}/agenda`}>{t("meetings.admin.agenda", { title: title.text })}</a> ·{" "}
                    <a href={`${url}/close`}>{t(m.closedAt ? "meetings.admin.editReport" : "meetings.admin.close", { title: title.text })}</a>
                    {m.registrationEnabled && (
                      <>
                        {" "}
                        · <a href={`${url}/registrations`}>{t("meetings.admin.registrationsOf", { title: title.text })}</a>
                      </>
                    )}{" "}
                    <ActionButton ctx={ctx} action={`${url}/${m.publishedAt ? "unpublish" : "publish"}`} label={t(m.publishedAt ? "meetings.admin.unpublish" : "meetings.admin.publish")} secondary={Boolean(m.publishedAt)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(page > 1 || hasNext) && (
        <nav class="pager" aria-label={t("meetings.pager.label")}>
          {page > 1 && <a href={`${base}?page=${page - 1}`}>{t("meetings.pager.previous")}</a>} <span>{t("meetings.pager.position", { page })}</span> {hasNext && <a href={`${base}?page=${page + 1}`}>{t("meetings.pager.next")}</a>}
        </nav>
      )}
    </>
  );
}

/** The form's values as typed (times on the meeting's clock). */
export interface MeetingValues {
  title?: Translatable;
  description?: Translatable;
  type?: string;
  timeZone?: string;
  startAt?: string;
  endAt?: string;
  address?: string;
  onlineUrl?: string;
  registrationEnabled?: boolean | string;
  slots?: string | number;
  reservedSlots?: string | number;
  registrationTerms?: Translatable;
}

export function MeetingForm({ ctx, base, action, heading, values, errors }: { ctx: RequestContext; base: string; action: string; heading: string; values: MeetingValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <Back ctx={ctx} base={base} />
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("meetings.form.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("meetings.form.description")} hint={t("meetings.form.plainText")} value={values.description} errors={errors} multiline rows={5} />
        <Select ctx={ctx} name="type" label={t("meetings.form.type")} value={values.type ?? "in_person"} errors={errors} options={MEETING_TYPES.map((ty) => ({ value: ty, label: t(typeKey(ty)) }))} required />
        <TextField ctx={ctx} name="timeZone" label={t("meetings.form.timeZone")} hint={t("meetings.form.timeZoneHint")} value={values.timeZone} errors={errors} required />
        <TextField ctx={ctx} name="startAt" type="datetime-local" label={t("meetings.form.startAt")} hint={t("meetings.form.timeHint")} value={values.startAt} errors={errors} required />
        <TextField ctx={ctx} name="endAt" type="datetime-local" label={t("meetings.form.endAt")} hint={t("meetings.form.timeHint")} value={values.endAt} errors={errors} required />
        <TextField ctx={ctx} name="address" label={t("meetings.form.address")} hint={t("meetings.form.addressHint")} value={values.address} errors={errors} />
        <TextField ctx={ctx} name="onlineUrl" type="url" label={t("meetings.form.onlineUrl")} hint={t("meetings.form.onlineUrlHint")} value={values.onlineUrl} errors={errors} />
        <fieldset>
          <legend>{t("meetings.form.registration")}</legend>
          <Checkbox ctx={ctx} name="registrationEnabled" label={t("meetings.form.registrationEnabled")} checked={values.registrationEnabled === true || values.registrationEnabled === "on"} errors={errors} />
          <TextField ctx={ctx} name="slots" type="number" inputmode="numeric" label={t("meetings.form.slots")} hint={t("meetings.form.slotsHint")} value={values.slots} errors={errors} />
          <TextField ctx={ctx} name="reservedSlots" type="number" inputmode="numeric" label={t("meetings.form.reservedSlots")} value={values.reservedSlots} errors={errors} />
          <TranslatableField ctx={ctx} name="registrationTerms" label={t("meetings.form.registrationTerms")} hint={t("meetings.form.plainText")} value={values.registrationTerms} errors={errors} multiline rows={3} />
        </fieldset>
        <Submit>{t("meetings.form.save")}</Submit>
      </Form>
    </>
  );
}

export function AgendaPage({ ctx, base, m, values, errors }: { ctx: RequestContext; base: string; m: MeetingDetails; values: { title?: Translatable; description?: Translatable; durationMinutes?: string | number }; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const url = `${base}/${m.id}/agenda`;
  return (
    <>
      <Back ctx={ctx} base={base} />
      <h1>{t("meetings.admin.agendaTitle", { title: text(ctx, m.title).text })}</h1>
      {m.agenda.length === 0 ? (
        <p>{t("meetings.admin.agendaEmpty")}</p>
      ) : (
        <ol class="meeting-agenda-admin">
          {m.agenda.map((a, i) => {
            const at = text(ctx, a.title);
            return (
              <li>
                <span lang={at.lang}>{at.text}</span>
                {a.durationMinutes > 0 && <> ({t("meetings.agenda.duration", { minutes: a.durationMinutes })})</>}{" "}
                {i > 0 && <ActionButton ctx={ctx} action={`${url}/${a.id}/up`} label={t("meetings.admin.moveUp", { title: at.text })} secondary />}{" "}
                {i < m.agenda.length - 1 && <ActionButton ctx={ctx} action={`${url}/${a.id}/down`} label={t("meetings.admin.moveDown", { title: at.text })} secondary />}{" "}
                <ActionButton ctx={ctx} action={`${url}/${a.id}/delete`} label={t("meetings.admin.removeItem", { title: at.text })} secondary />
              </li>
            );
          })}
        </ol>
      )}
      <h2>{t("meetings.admin.addItem")}</h2>
      <Form ctx={ctx} action={url} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("meetings.form.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("meetings.form.description")} value={values.description} errors={errors} multiline rows={2} />
        <TextField ctx={ctx} name="durationMinutes" type="number" inputmode="numeric" label={t("meetings.form.duration")} value={values.durationMinutes} errors={errors} />
        <Submit>{t("meetings.admin.addItem")}</Submit>
      </Form>
    </>
  );
}

export function CloseAdminPage({ ctx, base, m, values, errors }: { ctx: RequestContext; base: string; m: MeetingDetails; values: { minutes?: Translatable; attendeesCount?: string | number; recordingUrl?: string }; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <Back ctx={ctx} base={base} />
      <h1>{t(m.closedAt ? "meetings.admin.reportTitle" : "meetings.admin.closeTitle")}</h1>
      <p lang={text(ctx, m.title).lang}>
        <strong>{text(ctx, m.title).text}</strong> · <When ctx={ctx} m={m} />
      </p>
      <Form ctx={ctx} action={`${base}/${m.id}/close`} errors={errors}>
        <TranslatableField ctx={ctx} name="minutes" label={t("meetings.report.minutes")} hint={t("meetings.form.plainText")} value={values.minutes} errors={errors} multiline rows={8} required />
        <TextField ctx={ctx} name="attendeesCount" type="number" inputmode="numeric" label={t("meetings.form.attendeesCount")} value={values.attendeesCount} errors={errors} />
        <TextField ctx={ctx} name="recordingUrl" type="url" label={t("meetings.form.recordingUrl")} value={values.recordingUrl} errors={errors} />
        <Submit>{t(m.closedAt ? "meetings.admin.saveReport" : "meetings.admin.closeSubmit")}</Submit>
      </Form>
    </>
  );
}

export type DoorAnswer = { code: string; found: { name: string | null; status: string } | null } | null;

export function RegistrationsPage({ ctx, base, m, items, door, errors }: { ctx: RequestContext; base: string; m: MeetingDetails; items: RegistrationListItem[]; door: DoorAnswer; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const url = `${base}/${m.id}/registrations`;
  const statusLabel = (s: string) => t(s === "registered" ? "meetings.status.registered" : s === "waiting" ? "meetings.status.waiting" : "meetings.status.cancelled");
  return (
    <>
      <Back ctx={ctx} base={base} />
      <h1>{t("meetings.admin.registrationsTitle", { title: text(ctx, m.title).text })}</h1>
      <section aria-labelledby="door-title">
        <h2 id="door-title">{t("meetings.door.title")}</h2>
        <Form ctx={ctx} action={`${base}/${m.id}/door`} errors={errors}>
          <TextField ctx={ctx} name="code" label={t("meetings.door.code")} value={door?.code} errors={errors} autocomplete="off" required />
          <Submit>{t("meetings.door.check")}</Submit>
        </Form>
        <div aria-live="polite" class="door-answer">
          {door &&
            (door.found === null ? (
              <p class="notice notice-error">{t("meetings.door.unknown")}</p>
            ) : door.found.status === "registered" ? (
              <p class="notice notice-success">{t("meetings.door.valid", { name: door.found.name ?? t("accounts.deletedParticipant") })}</p>
            ) : (
              <p class="notice notice-error">{t("meetings.door.notRegistered", { name: door.found.name ?? t("accounts.deletedParticipant"), status: statusLabel(door.found.status) })}</p>
            ))}
        </div>
      </section>
      <h2>{t("meetings.admin.registrations")}</h2>
      <p>
        {t("meetings.admin.registrationCounts", { registered: m.registeredCount, waiting: m.waitingCount })} · <a href={`${url}.csv`}>{t("meetings.admin.csv")}</a>
      </p>
      {items.length > 0 && (
        <table>
          <caption class="visually-hidden">{t("meetings.admin.registrations")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.door.code")}</th>
              <th scope="col">{t("meetings.admin.name")}</th>
              <th scope="col">{t("meetings.admin.state")}</th>
              <th scope="col">{t("meetings.admin.registeredAt")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr>
                <td>{r.code}</td>
                <td>{r.name ?? t("accounts.deletedParticipant")}</td>
                <td>{statusLabel(r.status)}</td>
                <td>{formatDateTime(ctx.locale, r.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: m.timeZone })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
