/**
 * Form fields for translatable content (one input per available language) and fields generated from a
 * zod object schema (booleans -> checkbox, numbers -> number input, enums -> select, strings -> text,
 * translatable -> one input per language).
 */
import type { z } from "zod";
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { catalogue, type MessageKey } from "../i18n/catalogues";
import { LOCALE_NAMES, type Translatable } from "../i18n/locales";
import { Checkbox, Select, TextArea, TextField } from "../../web/ui/forms";
import { describeFields } from "./zod-fields";

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export const isMessageKey = (value: string | undefined): value is MessageKey => value !== undefined && value in catalogue.en;

export interface TranslatableFieldProps {
  ctx: RequestContext;
  name: string;
  label: string;
  value?: Translatable | null | undefined;
  errors?: FieldErrors | undefined;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  hint?: string;
}

/** A group of inputs, one per available language, under one legend; errors at group and input level. */
export function TranslatableField({ ctx, name, label, value, errors, multiline, rows, required, hint }: TranslatableFieldProps) {
  const id = fieldId(name);
  const error = errors?.[name];
  return (
    <fieldset id={id} class={`field translatable-field${error ? " field-error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {label} {required ? <span class="required-note">{ctx.t("form.required")}</span> : null}
      </legend>
      {hint && <p class="hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} class="error-message">
          {ctx.t(error.key, error.values)}
        </p>
      )}
      {ctx.org.availableLocales.map((l) => {
        const props = { ctx, name: `${name}.${l}`, label: `${label} (${LOCALE_NAMES[l]})`, value: value?.[l] ?? "", errors };
        return multiline ? <TextArea {...props} rows={rows ?? 4} /> : <TextField {...props} />;
      })}
    </fieldset>
  );
}

export interface SchemaFieldsProps {
  ctx: RequestContext;
  schema: z.ZodObject;
  /** Field names are `${prefix}.${key}`. */
  prefix: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  /** The message key labelling a field (enum options use `${key}.${option}` when that key exists). */
  labelKeyFor: (key: string, description?: string) => MessageKey | undefined;
  /** Suffix making labels unique when the same schema appears several times on a page. */
  labelSuffix?: string;
  /** A select instead of a number input for these keys: the blank option's label and the values offered. */
  choices?: Record<string, { blank: string; options: Array<{ value: number; label: string }> }>;
}

/** The inputs for every field of an object schema. */
export function SchemaFields({ ctx, schema, prefix, values, errors, labelKeyFor, labelSuffix, choices }: SchemaFieldsProps) {
  return (
    <>
      {describeFields(schema).map((f) => {
        const name = `${prefix}.${f.key}`;
        const labelKey = labelKeyFor(f.key, f.description);
        const label = `${labelKey ? ctx.t(labelKey) : f.key}${labelSuffix ? ` (${labelSuffix})` : ""}`;
        const value = values[f.key] ?? f.defaultValue;
        const offered = f.kind === "number" ? choices?.[f.key] : undefined;
        if (offered) {
          const current = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
          const options = [{ value: "", label: offered.blank }, ...offered.options.map((o) => ({ value: String(o.value), label: o.label }))];
          // A stored value no longer offered (its list was removed) stays visible rather than silently dropped.
          if (current !== "" && !options.some((o) => o.value === current)) options.push({ value: current, label: `#${current}` });
          return <Select ctx={ctx} name={name} label={label} value={current} errors={errors} options={options} />;
        }
        switch (f.kind) {
          case "boolean":
            return <Checkbox ctx={ctx} name={name} label={label} checked={value === true} errors={errors} />;
          case "number":
            return <TextField ctx={ctx} name={name} label={label} type="number" value={typeof value === "number" ? value : ""} errors={errors} inputmode="numeric" />;
          case "enum":
            return (
              <Select
                ctx={ctx}
                name={name}
                label={label}
                value={typeof value === "string" ? value : ""}
                errors={errors}
                options={[
                  ...(f.optional ? [{ value: "", label: "—" }] : []),
                  ...f.options.map((o) => {
                    const key = `${labelKey ?? ""}.${o}`;
                    return { value: o, label: isMessageKey(key) ? ctx.t(key) : o };
                  }),
                ]}
              />
            );
          case "translatable":
            return <TranslatableField ctx={ctx} name={name} label={label} value={(value ?? {}) as Translatable} errors={errors} />;
          default:
            return <TextField ctx={ctx} name={name} label={label} value={typeof value === "string" ? value : ""} errors={errors} />;
        }
      })}
    </>
  );
}
