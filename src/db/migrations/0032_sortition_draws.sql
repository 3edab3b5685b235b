CREATE TABLE "sortition_draws" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"k" integer NOT NULL,
	"algorithm" text DEFAULT 'leximin' NOT NULL,
	"quotas" jsonb NOT NULL,
	"categories" jsonb NOT NULL,
	"household_columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pool_size" integer NOT NULL,
	"commitment" text DEFAULT '' NOT NULL,
	"randomness" text,
	"randomness_at" timestamp with time zone,
	"seed_inputs" jsonb,
	"seed" text,
	"engine_version" text,
	"progress" jsonb,
	"result" jsonb,
	"error" text,
	"cancel_requested_at" timestamp with time zone,
	"requested_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"published_at" timestamp with time zone,
	"seated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sortition_pool_contacts" (
	"draw_id" bigint NOT NULL,
	"row" integer NOT NULL,
	"external_id" text NOT NULL,
	"name" text,
	"email" text,
	"show_name" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sortition_pool_contacts_draw_id_row_pk" PRIMARY KEY("draw_id","row")
);
--> statement-breakpoint
CREATE TABLE "sortition_pool_people" (
	"draw_id" bigint NOT NULL,
	"row" integer NOT NULL,
	"features" jsonb NOT NULL,
	"household" integer,
	CONSTRAINT "sortition_pool_people_draw_id_row_pk" PRIMARY KEY("draw_id","row")
);
--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD CONSTRAINT "sortition_draws_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_draws" ADD CONSTRAINT "sortition_draws_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_pool_contacts" ADD CONSTRAINT "sortition_pool_contacts_draw_id_sortition_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."sortition_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sortition_pool_people" ADD CONSTRAINT "sortition_pool_people_draw_id_sortition_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."sortition_draws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sortition_draws_component_idx" ON "sortition_draws" USING btree ("component_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sortition_pool_contacts_draw_idx" ON "sortition_pool_contacts" USING btree ("draw_id");