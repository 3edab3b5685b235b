ALTER TABLE "steps" ADD COLUMN "cta_text" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "steps" ADD COLUMN "cta_path" text;