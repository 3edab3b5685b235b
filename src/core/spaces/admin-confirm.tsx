/**
 * The confirmation step of destructive back-office actions. A list links to `GET .../delete` (a danger
 * link), which shows what will be lost and posts to the existing `POST .../delete`: no JavaScript needed.
 */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { Form, TextField } from "../../web/ui/forms";

/** "Delete", in the danger style, leading to the confirmation page; `name` completes its accessible name. */
export function DeleteLink({ ctx, href, name, label }: { ctx: RequestContext; href: string; name: string; label?: string }) {
  return (
    <a class="button button-danger button-small" href={href}>
      {label ?? ctx.t("common.delete")}
      <span class="visually-hidden"> {name}</span>
    </a>
  );
}

export interface ConfirmProps {
  ctx: RequestContext;
  /** "Delete “Ideas”?" */
  heading: string;
  /** What will be lost, refusals, alternatives. */
  children?: ComponentChildren;
  /** Where the confirmation posts; null when the action is refused (only the way back is offered). */
  action: string | null;
  confirmLabel?: string;
  cancelHref: string;
  errors?: FieldErrors | undefined;
  /** Extra fields of the confirmation form (hidden flags, a typed confirmation). */
  fields?: ComponentChildren;
}

export function ConfirmPage({ ctx, heading, children, action, confirmLabel, cancelHref, errors, fields }: ConfirmProps) {
  return (
    <section class="confirm-box" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{heading}</h1>
      {children}
      {action ? (
        <Form ctx={ctx} action={action} errors={errors}>
          {fields}
          <div class="form-actions">
            <button type="submit" class="button button-danger">
              {confirmLabel ?? ctx.t("common.delete")}
            </button>
            <a href={cancelHref}>{ctx.t("common.cancel")}</a>
          </div>
        </Form>
      ) : (
        <p>
          <a href={cancelHref}>{ctx.t("common.back")}</a>
        </p>
      )}
    </section>
  );
}

/**
 * The forced deletion of something holding participation: the explanation, then either the typed
 * confirmation (organization admins) or the statement that only they can force it.
 */
export function ParticipationGuard(props: {
  ctx: RequestContext;
  kind: "space" | "component";
  heading: string;
  participation: number;
  orgAdmin: boolean;
  /** What the admin must type. */
  expected: string;
  action: string;
  cancelHref: string;
  /** The unpublish button, when the thing is still published. */
  unpublish?: ComponentChildren;
  errors?: FieldErrors | undefined;
  values?: { confirmation?: string };
  children?: ComponentChildren;
}) {
  const { ctx } = props;
  const explanation = (
    <>
      <p>{ctx.t("spaces.delete.holds", { kind: props.kind, count: props.participation })}</p>
      <p>{ctx.t("spaces.delete.unpublishInstead")}</p>
      {props.unpublish}
      {props.children}
    </>
  );
  if (!props.orgAdmin) {
    return (
      <ConfirmPage ctx={ctx} heading={props.heading} action={null} cancelHref={props.cancelHref}>
        {explanation}
        <p>{ctx.t("spaces.delete.forceOrgAdminOnly")}</p>
      </ConfirmPage>
    );
  }
  const quoted = `“${props.expected}”`;
  return (
    <ConfirmPage
      ctx={ctx}
      heading={props.heading}
      action={props.action}
      cancelHref={props.cancelHref}
      errors={props.errors}
      confirmLabel={ctx.t("spaces.delete.forceButton", { count: props.participation })}
      fields={
        <>
          <h2>{ctx.t("spaces.delete.forceTitle")}</h2>
          <p>{ctx.t("spaces.delete.forceIntro")}</p>
          <p>{ctx.t("spaces.confirm.irreversible")}</p>
          <input type="hidden" name="force" value="1" />
          <TextField ctx={ctx} name="confirmation" label={ctx.t("spaces.delete.confirmation", { expected: quoted })} value={props.values?.confirmation ?? ""} errors={props.errors} autocomplete="off" required />
        </>
      }
    >
      {explanation}
    </ConfirmPage>
  );
}
