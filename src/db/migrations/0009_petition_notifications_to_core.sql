-- Petition notifications move to the core's notifications table (hand-written data move, kept
-- before the generated DROP): state changes keep their state as a translated value.
INSERT INTO "notifications" ("user_id", "kind", "message", "values", "keyed_values", "url", "read_at", "created_at")
SELECT "user_id", 'petition.' || "kind",
  CASE WHEN "kind" LIKE 'progress.%' THEN 'petitions.notification.progress' ELSE 'petitions.notification.state' END,
  "data" - 'state',
  CASE WHEN "data" ? 'state' THEN jsonb_build_object('state', 'petitions.state.' || ("data"->>'state')) ELSE '{}'::jsonb END,
  '/petitions/' || "petition_id", "read_at", "created_at"
FROM "petition_notifications" ORDER BY "id";--> statement-breakpoint
DROP TABLE "petition_notifications" CASCADE;
