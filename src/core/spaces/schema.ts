import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, bigserial, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import type { Translatable } from "../i18n/locales";
import type { ThemeTokens } from "../theme/tokens";

export type SpaceType = "process" | "assembly";
export type SpaceRole = "admin" | "moderator" | "evaluator" | "collaborator";

export const processGroups = pgTable("process_groups", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  title: jsonb("title").$type<Translatable>().notNull(),
  description: jsonb("description").$type<Translatable>().notNull().default({}),
  weight: integer("weight").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A participatory space: a process (ordered steps) or an assembly (members). The table also holds
 * generated search vectors, `search_<locale>` with GIN indexes (migration 0017, src/core/search/text.ts),
 * left out of this declaration so whole-row selects never fetch them.
 */
export const spaces = pgTable(
  "spaces",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").$type<SpaceType>().notNull(),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<Translatable>().notNull(),
    subtitle: jsonb("subtitle").$type<Translatable>().notNull().default({}),
    shortDescription: jsonb("short_description").$type<Translatable>().notNull().default({}),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    heroImage: text("hero_image"),
    heroImageAlt: jsonb("hero_image_alt").$type<Translatable>().notNull().default({}),
    groupId: bigint("group_id", { mode: "number" }).references(() => processGroups.id, { onDelete: "set null" }),
    /** Assemblies: the assembly this one belongs to (a committee of a council, a working group of an assembly). */
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => spaces.id, { onDelete: "set null" }),
    startDate: date("start_date"),
    endDate: date("end_date"),
    /** Assemblies: purpose and composition. */
    purpose: jsonb("purpose").$type<Translatable>().notNull().default({}),
    composition: jsonb("composition").$type<Translatable>().notNull().default({}),
    /** Private spaces are visible to members only; a transparent private assembly is publicly readable. */
    isPrivate: boolean("is_private").notNull().default(false),
    isTransparent: boolean("is_transparent").notNull().default(false),
    promoted: boolean("promoted").notNull().default(false),
    /** Processes: a background job makes current the step whose dates include today (else the admin does). */
    activateStepsByDate: boolean("activate_steps_by_date").notNull().default(false),
    theme: jsonb("theme").$type<Partial<ThemeTokens>>().notNull().default({}),
    weight: integer("weight").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("spaces_slug_key").on(t.slug), index("spaces_type_idx").on(t.type, t.publishedAt)],
);

/** A process's steps: ordered, dated, exactly one active (enforced by a partial unique index). */
export const steps = pgTable(
  "steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    startDate: date("start_date"),
    endDate: date("end_date"),
    active: boolean("active").notNull().default(false),
    /** The call to action shown on the process while this step is active ("Submit a proposal"). */
    ctaText: jsonb("cta_text").$type<Translatable>().notNull().default({}),
    /** Where it leads: a path on this platform ("/spaces/budget/c/12/new"). */
    ctaPath: text("cta_path"),
  },
  (t) => [
    index("steps_space_idx").on(t.spaceId, t.position),
    uniqueIndex("steps_one_active_per_space").on(t.spaceId).where(sql`${t.active}`),
  ],
);

export const assemblyMembers = pgTable(
  "assembly_members",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    position: text("position").$type<"president" | "vice_president" | "secretary" | "member" | "other">().notNull().default("member"),
    positionOther: jsonb("position_other").$type<Translatable>().notNull().default({}),
    designation: text("designation").$type<"drawn" | "volunteer" | "appointed" | "elected">(),
    ceasedAt: date("ceased_at"),
    weight: integer("weight").notNull().default(0),
  },
  (t) => [index("assembly_members_space_idx").on(t.spaceId)],
);

/** Roles a person holds in one space. */
export const spaceRoles = pgTable(
  "space_roles",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<SpaceRole>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("space_roles_key").on(t.spaceId, t.userId, t.role), index("space_roles_user_idx").on(t.userId)],
);

/** Component settings as Decidim keeps them: global, default for steps, and per step. */
export interface ComponentSettingsValue {
  global: Record<string, unknown>;
  defaultStep: Record<string, unknown>;
  steps: Record<string, Record<string, unknown>>;
}

/** Per action: the verification handlers required, with their options. */
export type ComponentPermissionsValue = Record<string, { handlers: Record<string, Record<string, unknown>> }>;

/** A feature placed in a space (pages, petitions, proposals, budgets...). */
export const components = pgTable(
  "components",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    manifest: text("manifest").notNull(),
    name: jsonb("name").$type<Translatable>().notNull(),
    weight: integer("weight").notNull().default(0),
    settings: jsonb("settings").$type<ComponentSettingsValue>().notNull().default({ global: {}, defaultStep: {}, steps: {} }),
    permissions: jsonb("permissions").$type<ComponentPermissionsValue>().notNull().default({}),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("components_space_idx").on(t.spaceId, t.weight)],
);

/** People admitted to a private space (Decidim's private users): they see it, as role holders do. */
export const spacePrivateUsers = pgTable(
  "space_private_users",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("space_private_users_key").on(t.spaceId, t.userId), index("space_private_users_user_idx").on(t.userId)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * Images uploaded by admins (spaces' hero images), served at /uploads/<name>. In the database, not in
 * an instance's data folder, so every instance behind a load balancer serves them and `pnyx backup`
 * holds them (issue 18); an image is at most 5 MB and a platform has a few dozen.
 */
export const uploadedImages = pgTable("uploaded_images", {
  /** `<32 hex>.<ext>`: the public name. */
  name: text("name").primaryKey(),
  contentType: text("content_type").notNull(),
  data: bytea("data").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
