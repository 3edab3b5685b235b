CREATE TABLE "conversation_math" (
	"conversation_id" bigint PRIMARY KEY NOT NULL,
	"math_tick" integer NOT NULL,
	"last_vote_seq" bigint NOT NULL,
	"moderation_version" integer NOT NULL,
	"state" "bytea" NOT NULL,
	"pca2" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" bigint NOT NULL,
	"pid" integer NOT NULL,
	"user_id" bigint,
	"anonymous_token" text,
	"xid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_participants_pid_key" UNIQUE("conversation_id","pid")
);
--> statement-breakpoint
CREATE TABLE "conversation_statements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" bigint NOT NULL,
	"tid" integer NOT NULL,
	"text" text NOT NULL,
	"language" text,
	"author_user_id" bigint,
	"author_pid" integer,
	"state" text DEFAULT 'unmoderated' NOT NULL,
	"is_meta" boolean DEFAULT false NOT NULL,
	"is_seed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moderated_at" timestamp with time zone,
	CONSTRAINT "conversation_statements_tid_key" UNIQUE("conversation_id","tid")
);
--> statement-breakpoint
CREATE TABLE "conversation_votes" (
	"conversation_id" bigint NOT NULL,
	"pid" integer NOT NULL,
	"tid" integer NOT NULL,
	"value" smallint NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_votes_conversation_id_pid_tid_pk" PRIMARY KEY("conversation_id","pid","tid")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"topic" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"participant_statements" boolean DEFAULT false NOT NULL,
	"moderation" text DEFAULT 'post' NOT NULL,
	"strict_mode" boolean DEFAULT false NOT NULL,
	"anonymous_allowed" boolean DEFAULT true NOT NULL,
	"next_pid" integer DEFAULT 0 NOT NULL,
	"next_tid" integer DEFAULT 0 NOT NULL,
	"moderation_version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_math" ADD CONSTRAINT "conversation_math_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_statements" ADD CONSTRAINT "conversation_statements_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_statements" ADD CONSTRAINT "conversation_statements_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_votes" ADD CONSTRAINT "conversation_votes_conversation_id_pid_conversation_participants_conversation_id_pid_fk" FOREIGN KEY ("conversation_id","pid") REFERENCES "public"."conversation_participants"("conversation_id","pid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_votes" ADD CONSTRAINT "conversation_votes_conversation_id_tid_conversation_statements_conversation_id_tid_fk" FOREIGN KEY ("conversation_id","tid") REFERENCES "public"."conversation_statements"("conversation_id","tid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_user_key" ON "conversation_participants" USING btree ("conversation_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_token_key" ON "conversation_participants" USING btree ("anonymous_token");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_xid_key" ON "conversation_participants" USING btree ("conversation_id","xid");--> statement-breakpoint
CREATE INDEX "conversation_votes_seq_idx" ON "conversation_votes" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE INDEX "conversations_component_idx" ON "conversations" USING btree ("component_id","id");