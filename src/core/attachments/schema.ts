/**
 * Files attached to a resource of any component (`resource_type` + `resource_id`, as the participation
 * kit's tables): images and PDF documents.
 *
 * The bytes live in the database (`attachment_contents`), not in the data folder: a resource's removal,
 * an account's erasure or a component's deletion removes its files in the same transaction (no orphan
 * file, no file left behind by a rolled-back change), backups carry them, and every instance of the
 * platform serves them. Files are small (a few megabytes at most, a few per resource).
 */
import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { components } from "../spaces/schema";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const attachments = pgTable(
  "attachments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    /** The resource's component: deleting the component removes its attachments. */
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** Given by the person who attached it; the alt text of an image, the link of a document. */
    title: text("title").notNull(),
    /** The name it is served under: random, with the extension of the type read from its bytes. */
    storedName: text("stored_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    position: integer("position").notNull().default(0),
    uploadedBy: bigint("uploaded_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attachments_stored_name_key").on(t.storedName), index("attachments_resource_idx").on(t.resourceType, t.resourceId, t.position)],
);

export const attachmentContents = pgTable("attachment_contents", {
  attachmentId: bigint("attachment_id", { mode: "number" })
    .primaryKey()
    .references(() => attachments.id, { onDelete: "cascade" }),
  data: bytea("data").notNull(),
});

export type AttachmentRow = typeof attachments.$inferSelect;
