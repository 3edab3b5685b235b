CREATE TABLE "proposal_links" (
	"kind" text NOT NULL,
	"source_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"target_component_id" bigint NOT NULL,
	"actor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_links_source_id_target_id_pk" PRIMARY KEY("source_id","target_id")
);
--> statement-breakpoint
ALTER TABLE "proposal_links" ADD CONSTRAINT "proposal_links_source_id_proposals_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_links" ADD CONSTRAINT "proposal_links_target_id_proposals_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_links" ADD CONSTRAINT "proposal_links_target_component_id_components_id_fk" FOREIGN KEY ("target_component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_links" ADD CONSTRAINT "proposal_links_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_links_target_idx" ON "proposal_links" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_links_imported_key" ON "proposal_links" USING btree ("source_id","target_component_id") WHERE kind = 'imported';