CREATE TABLE "result_links" (
	"result_id" bigint NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" bigint NOT NULL,
	CONSTRAINT "result_links_result_id_resource_type_resource_id_pk" PRIMARY KEY("result_id","resource_type","resource_id")
);
--> statement-breakpoint
CREATE TABLE "result_statuses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"token" text NOT NULL,
	"name" jsonb NOT NULL,
	"progress" integer,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"result_id" bigint NOT NULL,
	"entry_date" date NOT NULL,
	"text" jsonb NOT NULL,
	"status_id" bigint,
	"progress" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"parent_id" bigint,
	"external_id" text,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"category_id" bigint,
	"scope_id" bigint,
	"start_date" date,
	"end_date" date,
	"status_id" bigint,
	"progress" double precision,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "result_links" ADD CONSTRAINT "result_links_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_statuses" ADD CONSTRAINT "result_statuses_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_updates" ADD CONSTRAINT "result_updates_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_updates" ADD CONSTRAINT "result_updates_status_id_result_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."result_statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_parent_id_results_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_scope_id_scopes_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."scopes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_status_id_result_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."result_statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_links_resource_idx" ON "result_links" USING btree ("resource_type","resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "result_statuses_component_token_key" ON "result_statuses" USING btree ("component_id","token");--> statement-breakpoint
CREATE INDEX "result_updates_result_idx" ON "result_updates" USING btree ("result_id","entry_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "results_component_idx" ON "results" USING btree ("component_id","parent_id","weight","id");--> statement-breakpoint
CREATE INDEX "results_parent_idx" ON "results" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "results_component_external_key" ON "results" USING btree ("component_id","external_id");