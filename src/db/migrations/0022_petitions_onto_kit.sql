-- Petitions move onto the participation kit (issue 12). Written by hand before the generated drops:
-- petitions' follows become the kit's follows (with their component and space, and their date).
INSERT INTO "follows" ("resource_type", "resource_id", "user_id", "component_id", "space_id", "created_at")
SELECT 'petition', f."petition_id", f."user_id", p."component_id", c."space_id", f."created_at"
FROM "petition_follows" f JOIN "petitions" p ON p."id" = f."petition_id" JOIN "components" c ON c."id" = p."component_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Mails not yet handed to the job queue wait in the core's mail outbox, in their order.
INSERT INTO "mail_outbox" ("to", "subject", "text", "created_at")
SELECT "to", "subject", "text", "created_at" FROM "petition_outbox" ORDER BY "id";--> statement-breakpoint
-- Petition notices received before the kit name their petition (for their "stop following" links).
UPDATE "notifications" SET "resource_type" = 'petition', "resource_id" = substring("url" from '^/petitions/([0-9]{1,18})$')::bigint
WHERE "resource_type" IS NULL AND "kind" LIKE 'petition.%' AND "url" ~ '^/petitions/[0-9]{1,18}$';--> statement-breakpoint
-- The mail choice made with the old checkbox since migration 0018 copied it (only "at once" or "never" could be chosen).
UPDATE "users" SET "email_frequency" = CASE WHEN "notify_by_email" THEN 'realtime' ELSE 'none' END WHERE "email_frequency" IN ('realtime', 'none');--> statement-breakpoint
DROP TABLE "petition_follows" CASCADE;--> statement-breakpoint
DROP TABLE "petition_outbox" CASCADE;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "notify_by_email";