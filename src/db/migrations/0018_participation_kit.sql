CREATE TABLE "categories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"space_id" bigint NOT NULL,
	"parent_id" bigint,
	"name" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scopes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parent_id" bigint,
	"name" jsonb NOT NULL,
	"scope_type" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"code" text,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"comment_id" bigint NOT NULL,
	"body" text NOT NULL,
	"editor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_votes" (
	"comment_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"value" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_votes_comment_id_user_id_pk" PRIMARY KEY("comment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"space_id" bigint NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"parent_id" bigint,
	"root_id" bigint,
	"depth" smallint DEFAULT 0 NOT NULL,
	"author_id" bigint,
	"body" text NOT NULL,
	"locale" text,
	"alignment" smallint DEFAULT 0 NOT NULL,
	"up_votes" integer DEFAULT 0 NOT NULL,
	"down_votes" integer DEFAULT 0 NOT NULL,
	"replies_count" integer DEFAULT 0 NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coauthorships" (
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invited_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "coauthorships_resource_type_resource_id_user_id_pk" PRIMARY KEY("resource_type","resource_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "endorsements" (
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "endorsements_resource_type_resource_id_user_id_pk" PRIMARY KEY("resource_type","resource_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"component_id" bigint,
	"space_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_resource_type_resource_id_user_id_pk" PRIMARY KEY("resource_type","resource_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "moderations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"space_id" bigint NOT NULL,
	"component_id" bigint,
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" bigint,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"moderation_id" bigint NOT NULL,
	"user_id" bigint,
	"reason" text NOT NULL,
	"details" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	"actor_id" bigint,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"extra_recipients" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "petitions_most_signed_idx";--> statement-breakpoint
DROP INDEX "petitions_newest_idx";--> statement-breakpoint
DROP INDEX "petitions_closing_idx";--> statement-breakpoint
DROP INDEX "petitions_theme_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_frequency" text DEFAULT 'realtime' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "follow_by_default" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "blocked_reason" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "resource_type" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "resource_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "digest_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "report_threshold" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "comment_max_length" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "category_id" bigint;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "scope_id" bigint;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scopes" ADD CONSTRAINT "scopes_parent_id_scopes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."scopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_versions" ADD CONSTRAINT "comment_versions_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_versions" ADD CONSTRAINT "comment_versions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_votes" ADD CONSTRAINT "comment_votes_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_votes" ADD CONSTRAINT "comment_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coauthorships" ADD CONSTRAINT "coauthorships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coauthorships" ADD CONSTRAINT "coauthorships_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coauthorships" ADD CONSTRAINT "coauthorships_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderations" ADD CONSTRAINT "moderations_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderations" ADD CONSTRAINT "moderations_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderations" ADD CONSTRAINT "moderations_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_moderation_id_moderations_id_fk" FOREIGN KEY ("moderation_id") REFERENCES "public"."moderations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "categories_space_idx" ON "categories" USING btree ("space_id","weight");--> statement-breakpoint
CREATE UNIQUE INDEX "scopes_code_key" ON "scopes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "scopes_parent_idx" ON "scopes" USING btree ("parent_id","weight");--> statement-breakpoint
CREATE INDEX "comment_versions_comment_idx" ON "comment_versions" USING btree ("comment_id","id");--> statement-breakpoint
CREATE INDEX "comment_votes_user_idx" ON "comment_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "comments_resource_roots_idx" ON "comments" USING btree ("resource_type","resource_id","id") WHERE "comments"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "comments_thread_idx" ON "comments" USING btree ("root_id","id");--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "comments_component_idx" ON "comments" USING btree ("component_id","id");--> statement-breakpoint
CREATE INDEX "coauthorships_user_idx" ON "coauthorships" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "endorsements_user_idx" ON "endorsements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "follows_user_idx" ON "follows" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "moderations_resource_key" ON "moderations" USING btree ("resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "moderations_space_idx" ON "moderations" USING btree ("space_id","updated_at");--> statement-breakpoint
CREATE INDEX "moderations_pending_idx" ON "moderations" USING btree ("space_id") WHERE "moderations"."reviewed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_moderation_user_key" ON "reports" USING btree ("moderation_id","user_id");--> statement-breakpoint
CREATE INDEX "reports_user_idx" ON "reports" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_scope_id_scopes_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."scopes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("user_id","id") WHERE "notifications"."digest_pending";--> statement-breakpoint
CREATE INDEX "petitions_most_signed_idx" ON "petitions" USING btree ("signatures_total" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","theme","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_newest_idx" ON "petitions" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","theme","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_closing_idx" ON "petitions" USING btree ("signing_ends_at","id","component_id","state","theme","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_theme_idx" ON "petitions" USING btree ("theme") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null and "petitions"."theme" is not null;--> statement-breakpoint
UPDATE "users" SET "email_frequency" = CASE WHEN "notify_by_email" THEN 'realtime' ELSE 'none' END;
