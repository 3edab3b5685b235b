CREATE TABLE "sortition_invitations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recruitment_id" bigint NOT NULL,
	"register_row" integer NOT NULL,
	"code_hash" text NOT NULL,
	"code_sealed" "bytea" NOT NULL,
	"batch" integer NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sortition_recruitments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"strata" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"volunteers_open" boolean DEFAULT false NOT NULL,
	"consent_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"letter_template" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"registration_deadline" timestamp with time zone,
	"register_columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"register_size" integer DEFAULT 0 NOT NULL,
	"invitation_count" integer DEFAULT 0 NOT NULL,
	"sample_seed" text,
	"invited_at" timestamp with time zone,
	"retention_days" integer DEFAULT 365 NOT NULL,
	"personal_data_deleted_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sortition_register_rows" (
	"recruitment_id" bigint NOT NULL,
	"row" integer NOT NULL,
	"sealed" "bytea" NOT NULL,
	CONSTRAINT "sortition_register_rows_recruitment_id_row_pk" PRIMARY KEY("recruitment_id","row")
);
--> statement-breakpoint
CREATE TABLE "sortition_registrations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recruitment_id" bigint NOT NULL,
	"invitation_id" bigint,
	"source" text NOT NULL,
	"features" jsonb NOT NULL,
	"contact_sealed" "bytea",
	"dedupe_hash" text,
	"duplicate_of" bigint,
	"consent_at" timestamp with time zone NOT NULL,
	"entered_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sortition_seats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draw_id" bigint NOT NULL,
	"row" integer NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"replaces_row" integer,
	"token_hash" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"member_id" bigint
);
--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD COLUMN "recruitment_id" bigint;--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD COLUMN "parent_draw_id" bigint;--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD COLUMN "confirm_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD COLUMN "retention_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD COLUMN "personal_data_deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sortition_invitations" ADD CONSTRAINT "sortition_invitations_recruitment_id_sortition_recruitments_id_fk" FOREIGN KEY ("recruitment_id") REFERENCES "public"."sortition_recruitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_recruitments" ADD CONSTRAINT "sortition_recruitments_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_recruitments" ADD CONSTRAINT "sortition_recruitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_register_rows" ADD CONSTRAINT "sortition_register_rows_recruitment_id_sortition_recruitments_id_fk" FOREIGN KEY ("recruitment_id") REFERENCES "public"."sortition_recruitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_registrations" ADD CONSTRAINT "sortition_registrations_recruitment_id_sortition_recruitments_id_fk" FOREIGN KEY ("recruitment_id") REFERENCES "public"."sortition_recruitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_registrations" ADD CONSTRAINT "sortition_registrations_invitation_id_sortition_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."sortition_invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_registrations" ADD CONSTRAINT "sortition_registrations_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_seats" ADD CONSTRAINT "sortition_seats_draw_id_sortition_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."sortition_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sortition_invitations_code_key" ON "sortition_invitations" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sortition_invitations_row_key" ON "sortition_invitations" USING btree ("recruitment_id","register_row");--> statement-breakpoint
CREATE INDEX "sortition_invitations_batch_idx" ON "sortition_invitations" USING btree ("recruitment_id","batch");--> statement-breakpoint
CREATE INDEX "sortition_recruitments_component_idx" ON "sortition_recruitments" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "sortition_registrations_recruitment_idx" ON "sortition_registrations" USING btree ("recruitment_id","created_at");--> statement-breakpoint
CREATE INDEX "sortition_registrations_dedupe_idx" ON "sortition_registrations" USING btree ("recruitment_id","dedupe_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sortition_seats_draw_row_key" ON "sortition_seats" USING btree ("draw_id","row");--> statement-breakpoint
CREATE UNIQUE INDEX "sortition_seats_token_key" ON "sortition_seats" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sortition_seats_deadline_idx" ON "sortition_seats" USING btree ("status","deadline_at");