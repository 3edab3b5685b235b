CREATE TABLE "verification_authorizations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"handler" text NOT NULL,
	"space_id" bigint,
	"unique_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"space_id" bigint NOT NULL,
	"entry_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_lists" (
	"space_id" bigint PRIMARY KEY NOT NULL,
	"second_attribute" text NOT NULL,
	"entry_count" integer NOT NULL,
	"uploaded_by" bigint,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verification_authorizations" ADD CONSTRAINT "verification_authorizations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_authorizations" ADD CONSTRAINT "verification_authorizations_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_entries" ADD CONSTRAINT "census_entries_space_id_census_lists_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."census_lists"("space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_lists" ADD CONSTRAINT "census_lists_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_lists" ADD CONSTRAINT "census_lists_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "verification_authorizations_user_key" ON "verification_authorizations" USING btree ("handler",coalesce("space_id", 0),"user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_authorizations_unique_id_key" ON "verification_authorizations" USING btree ("handler",coalesce("space_id", 0),"unique_id") WHERE "verification_authorizations"."unique_id" is not null;--> statement-breakpoint
CREATE INDEX "verification_authorizations_granted_idx" ON "verification_authorizations" USING btree ("granted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "census_entries_key" ON "census_entries" USING btree ("space_id","entry_hash");