CREATE TABLE "proposal_amendments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proposal_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"amender_id" bigint,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"base_title" text NOT NULL,
	"base_body" text NOT NULL,
	"replaced_title" jsonb,
	"replaced_body" jsonb,
	"rejection_reason" text,
	"reacted_by" bigint,
	"published_at" timestamp with time zone,
	"reacted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"promoted_proposal_id" bigint,
	"promoted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_amendments_state_check" CHECK ("proposal_amendments"."state" in ('draft', 'evaluating', 'accepted', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "proposal_amendments" ADD CONSTRAINT "proposal_amendments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_amendments" ADD CONSTRAINT "proposal_amendments_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_amendments" ADD CONSTRAINT "proposal_amendments_amender_id_users_id_fk" FOREIGN KEY ("amender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_amendments" ADD CONSTRAINT "proposal_amendments_reacted_by_users_id_fk" FOREIGN KEY ("reacted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_amendments" ADD CONSTRAINT "proposal_amendments_promoted_proposal_id_proposals_id_fk" FOREIGN KEY ("promoted_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_amendments_proposal_idx" ON "proposal_amendments" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE INDEX "proposal_amendments_amender_idx" ON "proposal_amendments" USING btree ("amender_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_amendments_promoted_key" ON "proposal_amendments" USING btree ("promoted_proposal_id");