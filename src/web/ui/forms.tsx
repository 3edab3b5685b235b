/**
 * Accessible form controls: every control has a label; an error is shown next to its field (linked by
 * aria-describedby) and in a summary at the top that links to the field.
 */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { MessageKey } from "../../core/i18n/catalogues";

export function CsrfField({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken()} />;
}

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function ErrorSummary({ ctx, errors }: { ctx: RequestContext; errors?: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{ctx.t("form.errorSummaryTitle")}</h2>
      <p>{ctx.t("form.errorSummaryIntro", { count: entries.length })}</p>
      <ul>
        {entries.map(([name, e]) => (
          <li>{name === "_form" ? ctx.t(e.key, e.values) : <a href={`#${fieldId(name)}`}>{ctx.t(e.key, e.values)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export interface FormProps {
  ctx: RequestContext;
  action: string;
  method?: "post" | "get";
  errors?: FieldErrors | undefined;
  children: ComponentChildren;
  enctype?: string;
  class?: string;
}

/** A form with the CSRF field and the error summary. */
export function Form({ ctx, action, method = "post", errors, children, enctype, class: cls }: FormProps) {
  return (
    <form method={method} action={action} novalidate enctype={enctype} class={cls ?? "form"}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {method === "post" && <CsrfField ctx={ctx} />}
      {children}
    </form>
  );
}

interface FieldBase {
  ctx: RequestContext;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
}

function FieldFrame({ ctx, name, label, hint, errors, required, children }: FieldBase & { children: (a: { id: string; describedBy?: string; invalid: boolean }) => ComponentChildren }) {
  const id = fieldId(name);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>
        {label} {required ? <span class="required-note">{ctx.t("form.required")}</span> : null}
      </label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} class="error-message">
          {ctx.t(error.key, error.values)}
        </p>
      )}
      {children({ id, invalid: Boolean(error), ...(describedBy ? { describedBy } : {}) })}
    </div>
  );
}

export function TextField(props: FieldBase & { value?: string | number | null | undefined; type?: string; autocomplete?: string; inputmode?: "numeric" | "email" | "text" | "tel" }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={props.name}
          type={props.type ?? "text"}
          value={props.value ?? ""}
          autocomplete={props.autocomplete}
          inputMode={props.inputmode}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
          required={props.required}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value?: string | null | undefined; rows?: number }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name={props.name} rows={props.rows ?? 6} aria-describedby={describedBy} aria-invalid={invalid ? "true" : undefined} required={props.required}>
          {props.value ?? ""}
        </textarea>
      )}
    </FieldFrame>
  );
}

export function Select(props: FieldBase & { value?: string | null | undefined; options: Array<{ value: string; label: string }> }) {
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={props.name} aria-describedby={describedBy} aria-invalid={invalid ? "true" : undefined} required={props.required}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** Options, some of them grouped under a label (`<optgroup>`: the group's label itself is not a choice). */
export type GroupedOptions = Array<SelectOption | { group: string; options: SelectOption[] }>;

export function GroupedSelect(props: FieldBase & { value?: string | null | undefined; options: GroupedOptions }) {
  const option = (o: SelectOption) => (
    <option value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={props.name} aria-describedby={describedBy} aria-invalid={invalid ? "true" : undefined} required={props.required}>
          {props.options.map((o) => ("group" in o ? <optgroup label={o.group}>{o.options.map(option)}</optgroup> : option(o)))}
        </select>
      )}
    </FieldFrame>
  );
}

export function Checkbox({ ctx, name, label, checked, errors, hint }: Omit<FieldBase, "required"> & { checked?: boolean }) {
  const id = fieldId(name);
  const error = errors?.[name];
  return (
    <div class={`field field-checkbox${error ? " field-error" : ""}`}>
      {error && <p id={`${id}-error`} class="error-message">{ctx.t(error.key, error.values)}</p>}
      <input type="checkbox" id={id} name={name} value="on" checked={checked} aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined} />
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
    </div>
  );
}

/**
 * Several checkboxes under one name (the form posts every checked value). The fieldset carries the
 * field id, so the error summary's link lands on the group and its legend is read out.
 */
export function CheckboxGroup({ ctx, name, legend, options, checked, errors }: { ctx: RequestContext; name: string; legend: string; options: Array<{ value: string; label: string }>; checked: readonly string[]; errors?: FieldErrors | undefined }) {
  const id = fieldId(name);
  const error = errors?.[name];
  return (
    <fieldset id={id} class={`field-group${error ? " field-error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && <p id={`${id}-error`} class="error-message">{ctx.t(error.key, error.values)}</p>}
      {options.map((o) => (
        <div class="field field-checkbox">
          <input type="checkbox" id={`${id}-${o.value}`} name={name} value={o.value} checked={checked.includes(o.value)} />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * One choice among several (radio buttons under a fieldset and its legend). The fieldset carries the
 * field id, so the error summary's link lands on the group.
 */
export function RadioGroup({ ctx, name, legend, hint, options, value, errors }: { ctx: RequestContext; name: string; legend: string; hint?: string; options: Array<{ value: string; label: string }>; value: string; errors?: FieldErrors | undefined }) {
  const id = fieldId(name);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} class={`field-group${error ? " field-error" : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="error-message">{ctx.t(error.key, error.values)}</p>}
      {options.map((o) => (
        <div class="field field-checkbox">
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={o.value === value} />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Submit({ children }: { children: ComponentChildren }) {
  return (
    <div class="form-actions">
      <button type="submit" class="button button-primary">{children}</button>
    </div>
  );
}

/** A translated label helper for field definitions. */
export const label = (ctx: RequestContext, key: MessageKey) => ctx.t(key);
