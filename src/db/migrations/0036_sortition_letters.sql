CREATE TABLE "sortition_letter_batches" (
	"recruitment_id" bigint NOT NULL,
	"batch" integer NOT NULL,
	"letters" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pdf_sealed" "bytea",
	"error" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "sortition_letter_batches_recruitment_id_batch_pk" PRIMARY KEY("recruitment_id","batch")
);
--> statement-breakpoint
ALTER TABLE "sortition_recruitments" ADD COLUMN "register_mapping" jsonb DEFAULT '{"name":[],"address":[],"language":null}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sortition_letter_batches" ADD CONSTRAINT "sortition_letter_batches_recruitment_id_sortition_recruitments_id_fk" FOREIGN KEY ("recruitment_id") REFERENCES "public"."sortition_recruitments"("id") ON DELETE cascade ON UPDATE no action;