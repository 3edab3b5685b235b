ALTER TABLE "conversations" ADD COLUMN "report_public" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "polis_conversation_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_polis_id_key" ON "conversations" USING btree ("polis_conversation_id");