CREATE TABLE "budget_assignments" (
	"component_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"budget_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_assignments_component_id_user_id_pk" PRIMARY KEY("component_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "budget_ballot_items" (
	"ballot_id" bigint NOT NULL,
	"project_id" bigint NOT NULL,
	"points" integer DEFAULT 1 NOT NULL,
	"rank" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_ballot_items_ballot_id_project_id_pk" PRIMARY KEY("ballot_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "budget_ballots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"user_id" bigint,
	"channel" text DEFAULT 'online' NOT NULL,
	"voter_ref" text,
	"polling_place" text,
	"checked_out_at" timestamp with time zone,
	"entered_by" bigint,
	"confirmed_by" bigint,
	"confirmed_at" timestamp with time zone,
	"extra" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"inputs_digest" text,
	"result" jsonb,
	"error" text,
	"duration_ms" integer,
	"requested_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "budget_projects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"external_id" text,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cost" numeric(20, 2) NOT NULL,
	"category_id" bigint,
	"scope_id" bigint,
	"address" text,
	"latitude" double precision,
	"longitude" double precision,
	"source_type" text,
	"source_id" bigint,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" numeric(20, 2) NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"scope_id" bigint,
	"vote_type" text DEFAULT 'knapsack' NOT NULL,
	"rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_assignments" ADD CONSTRAINT "budget_assignments_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_assignments" ADD CONSTRAINT "budget_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_assignments" ADD CONSTRAINT "budget_assignments_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballot_items" ADD CONSTRAINT "budget_ballot_items_ballot_id_budget_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."budget_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballot_items" ADD CONSTRAINT "budget_ballot_items_project_id_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_outcomes" ADD CONSTRAINT "budget_outcomes_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_outcomes" ADD CONSTRAINT "budget_outcomes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_scope_id_scopes_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."scopes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_scope_id_scopes_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."scopes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_ballot_items_project_idx" ON "budget_ballot_items" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_ballots_budget_user_key" ON "budget_ballots" USING btree ("budget_id","user_id") WHERE "budget_ballots"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_ballots_budget_ref_key" ON "budget_ballots" USING btree ("budget_id","channel","voter_ref") WHERE "budget_ballots"."voter_ref" is not null;--> statement-breakpoint
CREATE INDEX "budget_ballots_budget_idx" ON "budget_ballots" USING btree ("budget_id","checked_out_at");--> statement-breakpoint
CREATE INDEX "budget_ballots_user_idx" ON "budget_ballots" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "budget_outcomes_budget_idx" ON "budget_outcomes" USING btree ("budget_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "budget_projects_budget_idx" ON "budget_projects" USING btree ("budget_id","weight","id");--> statement-breakpoint
CREATE INDEX "budget_projects_component_idx" ON "budget_projects" USING btree ("component_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_projects_budget_external_key" ON "budget_projects" USING btree ("budget_id","external_id");--> statement-breakpoint
CREATE INDEX "budget_projects_source_idx" ON "budget_projects" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "budgets_component_idx" ON "budgets" USING btree ("component_id","weight","id");