CREATE TABLE "text_adoption_ballots" (
	"version_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"choice" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "text_adoption_ballots_version_id_user_id_pk" PRIMARY KEY("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "text_amendment_reactions" (
	"amendment_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"value" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "text_amendment_reactions_amendment_id_user_id_pk" PRIMARY KEY("amendment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "text_amendments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"text_id" bigint NOT NULL,
	"version_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"block_id" bigint,
	"body" text DEFAULT '' NOT NULL,
	"original_body" text DEFAULT '' NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"author_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"applied_in_version_id" bigint,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_annotations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"text_id" bigint NOT NULL,
	"author_id" bigint,
	"block_id" bigint,
	"version_id" bigint NOT NULL,
	"exact" text NOT NULL,
	"prefix" text DEFAULT '' NOT NULL,
	"suffix" text DEFAULT '' NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'anchored' NOT NULL,
	"original_block_id" bigint,
	"original_version_id" bigint,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"text_id" bigint NOT NULL,
	"created_in_version_id" bigint,
	"hidden_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "text_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"text_id" bigint NOT NULL,
	"step_id" bigint,
	"version_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"frozen_by" bigint,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_version_blocks" (
	"version_id" bigint NOT NULL,
	"block_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"number" text,
	"body" text NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"change" text DEFAULT 'new' NOT NULL,
	CONSTRAINT "text_version_blocks_version_id_block_id_pk" PRIMARY KEY("version_id","block_id")
);
--> statement-breakpoint
CREATE TABLE "text_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"text_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"published_by" bigint,
	"published_at" timestamp with time zone,
	"reanchor" jsonb,
	"adoption" jsonb,
	"adopted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "texts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"current_version_id" bigint,
	"adoption_status" text DEFAULT 'closed' NOT NULL,
	"adoption_secret" boolean DEFAULT true NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "text_adoption_ballots" ADD CONSTRAINT "text_adoption_ballots_version_id_text_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."text_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_adoption_ballots" ADD CONSTRAINT "text_adoption_ballots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendment_reactions" ADD CONSTRAINT "text_amendment_reactions_amendment_id_text_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."text_amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendment_reactions" ADD CONSTRAINT "text_amendment_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_text_id_texts_id_fk" FOREIGN KEY ("text_id") REFERENCES "public"."texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_version_id_text_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."text_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_block_id_text_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."text_blocks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_amendments" ADD CONSTRAINT "text_amendments_applied_in_version_id_text_versions_id_fk" FOREIGN KEY ("applied_in_version_id") REFERENCES "public"."text_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_annotations" ADD CONSTRAINT "text_annotations_text_id_texts_id_fk" FOREIGN KEY ("text_id") REFERENCES "public"."texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_annotations" ADD CONSTRAINT "text_annotations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_annotations" ADD CONSTRAINT "text_annotations_block_id_text_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."text_blocks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_annotations" ADD CONSTRAINT "text_annotations_version_id_text_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."text_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_blocks" ADD CONSTRAINT "text_blocks_text_id_texts_id_fk" FOREIGN KEY ("text_id") REFERENCES "public"."texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_blocks" ADD CONSTRAINT "text_blocks_created_in_version_id_text_versions_id_fk" FOREIGN KEY ("created_in_version_id") REFERENCES "public"."text_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_snapshots" ADD CONSTRAINT "text_snapshots_text_id_texts_id_fk" FOREIGN KEY ("text_id") REFERENCES "public"."texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_snapshots" ADD CONSTRAINT "text_snapshots_step_id_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."steps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_snapshots" ADD CONSTRAINT "text_snapshots_version_id_text_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."text_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_snapshots" ADD CONSTRAINT "text_snapshots_frozen_by_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_version_blocks" ADD CONSTRAINT "text_version_blocks_version_id_text_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."text_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_version_blocks" ADD CONSTRAINT "text_version_blocks_block_id_text_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."text_blocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_versions" ADD CONSTRAINT "text_versions_text_id_texts_id_fk" FOREIGN KEY ("text_id") REFERENCES "public"."texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_versions" ADD CONSTRAINT "text_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_versions" ADD CONSTRAINT "text_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "texts" ADD CONSTRAINT "texts_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "text_amendments_text_idx" ON "text_amendments" USING btree ("text_id","status");--> statement-breakpoint
CREATE INDEX "text_amendments_block_idx" ON "text_amendments" USING btree ("block_id");--> statement-breakpoint
CREATE INDEX "text_annotations_block_idx" ON "text_annotations" USING btree ("block_id");--> statement-breakpoint
CREATE INDEX "text_annotations_text_idx" ON "text_annotations" USING btree ("text_id","status");--> statement-breakpoint
CREATE INDEX "text_blocks_text_idx" ON "text_blocks" USING btree ("text_id");--> statement-breakpoint
CREATE INDEX "text_snapshots_text_idx" ON "text_snapshots" USING btree ("text_id");--> statement-breakpoint
CREATE UNIQUE INDEX "text_version_blocks_position_uq" ON "text_version_blocks" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "text_versions_number_uq" ON "text_versions" USING btree ("text_id","number");--> statement-breakpoint
CREATE INDEX "texts_component_idx" ON "texts" USING btree ("component_id");