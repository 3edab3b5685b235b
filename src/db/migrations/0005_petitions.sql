CREATE TABLE "petition_assessments" (
	"petition_id" bigint NOT NULL,
	"criterion" text NOT NULL,
	"met" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"assessor_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_assessments_petition_id_criterion_pk" PRIMARY KEY("petition_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "petition_blocked_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_cosponsors" (
	"petition_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_cosponsors_petition_id_user_id_pk" PRIMARY KEY("petition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "petition_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" bigint NOT NULL,
	"region" text NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_counts" (
	"petition_id" bigint NOT NULL,
	"region" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_counts_petition_id_region_pk" PRIMARY KEY("petition_id","region")
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" bigint NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_follows" (
	"petition_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_follows_petition_id_user_id_pk" PRIMARY KEY("petition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "petition_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" bigint NOT NULL,
	"author_id" bigint,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"petition_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_paper_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" bigint NOT NULL,
	"region" text NOT NULL,
	"count" integer NOT NULL,
	"actor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_signatures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" bigint NOT NULL,
	"user_id" bigint,
	"email" text NOT NULL,
	"canonical_email" text NOT NULL,
	"email_domain" text NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"postal_code" text NOT NULL,
	"region" text NOT NULL,
	"show_name" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"token_hash" text,
	"mails_sent" integer DEFAULT 1 NOT NULL,
	"ip" "inet",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "petition_types" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"threshold" integer NOT NULL,
	"region_thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" text DEFAULT 'BE' NOT NULL,
	"min_age" integer DEFAULT 16 NOT NULL,
	"residence_regions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signing_days" integer DEFAULT 180 NOT NULL,
	"co_sponsors_required" integer DEFAULT 0 NOT NULL,
	"allow_withdrawal" boolean DEFAULT true NOT NULL,
	"verification" text DEFAULT 'email' NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer_days" integer DEFAULT 180 NOT NULL,
	"review_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"type_id" bigint NOT NULL,
	"author_id" bigint,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"theme" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"sponsor_token" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"review_due_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"signing_ends_at" timestamp with time zone,
	"threshold_reached_at" timestamp with time zone,
	"transmitted_at" timestamp with time zone,
	"answer_due_at" timestamp with time zone,
	"hearing_at" timestamp with time zone,
	"hearing_link" text,
	"answer" text,
	"answer_url" text,
	"answered_at" timestamp with time zone,
	"progress_notified" integer DEFAULT 0 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector(case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig else 'english'::regconfig end, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "petition_assessments" ADD CONSTRAINT "petition_assessments_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_cosponsors" ADD CONSTRAINT "petition_cosponsors_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_cosponsors" ADD CONSTRAINT "petition_cosponsors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_counts" ADD CONSTRAINT "petition_counts_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_follows" ADD CONSTRAINT "petition_follows_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_follows" ADD CONSTRAINT "petition_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notes" ADD CONSTRAINT "petition_notes_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notifications" ADD CONSTRAINT "petition_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notifications" ADD CONSTRAINT "petition_notifications_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_paper_entries" ADD CONSTRAINT "petition_paper_entries_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_types" ADD CONSTRAINT "petition_types_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_type_id_petition_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."petition_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_count_deltas_petition_idx" ON "petition_count_deltas" USING btree ("petition_id");--> statement-breakpoint
CREATE INDEX "petition_events_petition_idx" ON "petition_events" USING btree ("petition_id","id");--> statement-breakpoint
CREATE INDEX "petition_follows_user_idx" ON "petition_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "petition_notes_petition_idx" ON "petition_notes" USING btree ("petition_id");--> statement-breakpoint
CREATE INDEX "petition_notifications_user_idx" ON "petition_notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "petition_paper_entries_petition_idx" ON "petition_paper_entries" USING btree ("petition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "petition_signatures_email_key" ON "petition_signatures" USING btree ("petition_id","canonical_email");--> statement-breakpoint
CREATE UNIQUE INDEX "petition_signatures_user_key" ON "petition_signatures" USING btree ("petition_id","user_id") WHERE "petition_signatures"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "petition_signatures_token_key" ON "petition_signatures" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "petition_signatures_ip_idx" ON "petition_signatures" USING btree ("petition_id","ip","created_at");--> statement-breakpoint
CREATE INDEX "petition_signatures_list_idx" ON "petition_signatures" USING btree ("petition_id","state","id");--> statement-breakpoint
CREATE INDEX "petition_types_component_idx" ON "petition_types" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "petitions_component_state_idx" ON "petitions" USING btree ("component_id","state");--> statement-breakpoint
CREATE INDEX "petitions_state_idx" ON "petitions" USING btree ("state","signing_ends_at");--> statement-breakpoint
CREATE INDEX "petitions_search_idx" ON "petitions" USING gin ("search");