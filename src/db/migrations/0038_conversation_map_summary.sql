ALTER TABLE "conversation_math" ADD COLUMN "summary" jsonb;--> statement-breakpoint
ALTER TABLE "conversation_math" ADD COLUMN "clusters" integer[];