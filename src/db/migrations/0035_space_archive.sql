CREATE TABLE "space_snapshot_parts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"snapshot_id" bigint NOT NULL,
	"component_id" bigint,
	"manifest" text NOT NULL,
	"title" jsonb NOT NULL,
	"html" jsonb NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"space_id" bigint NOT NULL,
	"step_id" bigint,
	"step_title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" bigint
);
--> statement-breakpoint
ALTER TABLE "space_snapshot_parts" ADD CONSTRAINT "space_snapshot_parts_snapshot_id_space_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."space_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_snapshot_parts" ADD CONSTRAINT "space_snapshot_parts_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_snapshots" ADD CONSTRAINT "space_snapshots_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_snapshots" ADD CONSTRAINT "space_snapshots_step_id_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."steps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_snapshots" ADD CONSTRAINT "space_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_snapshot_parts_snapshot_idx" ON "space_snapshot_parts" USING btree ("snapshot_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "space_snapshots_step_key" ON "space_snapshots" USING btree ("space_id","step_id") WHERE "space_snapshots"."step_id" is not null;--> statement-breakpoint
CREATE INDEX "space_snapshots_space_idx" ON "space_snapshots" USING btree ("space_id","created_at");