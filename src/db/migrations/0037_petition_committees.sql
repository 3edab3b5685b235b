CREATE TABLE "petition_committees" (
	"petition_id" bigint PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"space_id" bigint,
	"drawn_seats" integer DEFAULT 0 NOT NULL,
	"elected_seats" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" bigint,
	"recommendations_at" date,
	"report_due_at" date,
	"report_body" text,
	"report_url" text,
	"report_published_at" timestamp with time zone,
	"reminders_sent" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
DROP INDEX "petitions_most_signed_idx";--> statement-breakpoint
DROP INDEX "petitions_newest_idx";--> statement-breakpoint
DROP INDEX "petitions_closing_idx";--> statement-breakpoint
ALTER TABLE "petition_types" ADD COLUMN "committee" jsonb;--> statement-breakpoint
ALTER TABLE "petition_committees" ADD CONSTRAINT "petition_committees_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_committees" ADD CONSTRAINT "petition_committees_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_committees_due_idx" ON "petition_committees" USING btree ("report_due_at") WHERE "petition_committees"."report_published_at" is null and "petition_committees"."report_due_at" is not null;--> statement-breakpoint
CREATE INDEX "petitions_most_signed_idx" ON "petitions" USING btree ("signatures_total" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'awaiting_decision', 'accepted', 'refused', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_newest_idx" ON "petitions" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'awaiting_decision', 'accepted', 'refused', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_closing_idx" ON "petitions" USING btree ("signing_ends_at","id","component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'awaiting_decision', 'accepted', 'refused', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;