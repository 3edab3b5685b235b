import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import type { Translatable } from "../i18n/locales";
import { components, spaces, steps } from "../spaces/schema";

/**
 * A space's archive at the close of a phase (a process's step, an assembly's phase): one snapshot per
 * (space, step), enforced by the unique index, so two closes racing make one. The step's title is
 * copied so the snapshot still says which phase it closed if the step is later renamed or deleted.
 */
export const spaceSnapshots = pgTable(
  "space_snapshots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    stepId: bigint("step_id", { mode: "number" }).references(() => steps.id, { onDelete: "set null" }),
    stepTitle: jsonb("step_title").$type<Translatable>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null when the system archived it (a phase closed by date or by an administrator's step change). */
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("space_snapshots_step_key").on(t.spaceId, t.stepId).where(sql`${t.stepId} is not null`), index("space_snapshots_space_idx").on(t.spaceId, t.createdAt)],
);

/**
 * One component's frozen rendering in a snapshot: HTML per language, produced by the component's
 * `archive` hook through Preact (every user text escaped, Markdown through the safe renderer), never
 * taken from a request. The component's name is copied, and its id kept only as a reference.
 */
export const spaceSnapshotParts = pgTable(
  "space_snapshot_parts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    snapshotId: bigint("snapshot_id", { mode: "number" })
      .notNull()
      .references(() => spaceSnapshots.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" }).references(() => components.id, { onDelete: "set null" }),
    manifest: text("manifest").notNull(),
    title: jsonb("title").$type<Translatable>().notNull(),
    html: jsonb("html").$type<Translatable>().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("space_snapshot_parts_snapshot_idx").on(t.snapshotId, t.position)],
);
