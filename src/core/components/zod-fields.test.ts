import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nestFields, translatable } from "./form-values";
import { describeFields, formToInput } from "./zod-fields";

const schema = z.object({
  enabled: z.boolean().default(false),
  limit: z.number().int().min(1).max(9).default(3),
  mode: z.enum(["a", "b"]).default("a"),
  note: z.string().optional().describe("some.key"),
  intro: translatable({ max: 10 }),
});

describe("describeFields", () => {
  it("reads kinds, bounds, options, defaults and descriptions", () => {
    expect(describeFields(schema)).toEqual([
      { key: "enabled", kind: "boolean", options: [], integer: false, optional: false, defaultValue: false },
      { key: "limit", kind: "number", options: [], integer: true, optional: false, defaultValue: 3, min: 1, max: 9 },
      { key: "mode", kind: "enum", options: ["a", "b"], integer: false, optional: false, defaultValue: "a" },
      { key: "note", kind: "string", options: [], integer: false, optional: true, defaultValue: undefined, description: "some.key" },
      { key: "intro", kind: "translatable", options: [], integer: false, optional: false, defaultValue: {} },
    ]);
  });
});

describe("formToInput and nestFields", () => {
  it("turns an HTML form into the schema's input", () => {
    const nested = nestFields({ _csrf: "x", "g.enabled": "on", "g.limit": " 4 ", "g.mode": "b", "g.note": "", "g.intro.fr": "Salut", "g.intro.en": "" });
    expect(nested).toEqual({ g: { enabled: "on", limit: " 4 ", mode: "b", note: "", intro: { fr: "Salut", en: "" } } });
    const input = formToInput(schema, nested.g as Record<string, unknown>);
    expect(schema.parse(input)).toEqual({ enabled: true, limit: 4, mode: "b", intro: { fr: "Salut" } });
  });

  it("an unchecked box is false, a missing number takes its default, a non-number fails", () => {
    expect(schema.parse(formToInput(schema, {}))).toEqual({ enabled: false, limit: 3, mode: "a", intro: {} });
    expect(schema.safeParse(formToInput(schema, { limit: "many" })).success).toBe(false);
  });

  it("a required translatable needs one language, and each language has a length limit", () => {
    const required = translatable({ required: true, max: 5 });
    expect(required.safeParse({}).success).toBe(false);
    expect(required.safeParse({ nl: "  " }).success).toBe(false);
    expect(required.safeParse({ nl: "Hallo" }).data).toEqual({ nl: "Hallo" });
    expect(required.safeParse({ nl: "Hallo!" }).success).toBe(false);
  });
});
