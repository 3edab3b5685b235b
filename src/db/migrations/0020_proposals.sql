CREATE TABLE "proposal_states" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"token" text NOT NULL,
	"name" jsonb NOT NULL,
	"bg_color" text NOT NULL,
	"text_color" text NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_supports_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" bigint NOT NULL,
	"author_id" bigint,
	"official" boolean DEFAULT false NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"language" text NOT NULL,
	"category_id" bigint,
	"scope_id" bigint,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"state_id" bigint,
	"answer" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cost_cents" bigint,
	"cost_report" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"execution_period" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"answered_at" timestamp with time zone,
	"state_published_at" timestamp with time zone,
	"supports_count" integer DEFAULT 0 NOT NULL,
	"comments_count" integer DEFAULT 0 NOT NULL,
	"follows_count" integer DEFAULT 0 NOT NULL,
	"random_key" integer DEFAULT floor(random() * 2147483647)::int NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_states" ADD CONSTRAINT "proposal_states_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_scope_id_scopes_id_fk" FOREIGN KEY ("scope_id") REFERENCES "public"."scopes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_state_id_proposal_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."proposal_states"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_states_component_token_key" ON "proposal_states" USING btree ("component_id","token");--> statement-breakpoint
CREATE INDEX "proposal_supports_person_idx" ON "proposal_supports" USING btree ("component_id","user_id");--> statement-breakpoint
CREATE INDEX "proposals_recent_idx" ON "proposals" USING btree ("component_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST,"state_id","state_published_at","category_id","scope_id","withdrawn_at","author_id") WHERE published_at is not null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "proposals_supported_idx" ON "proposals" USING btree ("component_id","supports_count" DESC NULLS LAST,"id" DESC NULLS LAST,"state_id","state_published_at","category_id","scope_id","withdrawn_at","author_id") WHERE published_at is not null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "proposals_commented_idx" ON "proposals" USING btree ("component_id","comments_count" DESC NULLS LAST,"id" DESC NULLS LAST,"state_id","state_published_at","category_id","scope_id","withdrawn_at","author_id") WHERE published_at is not null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "proposals_followed_idx" ON "proposals" USING btree ("component_id","follows_count" DESC NULLS LAST,"id" DESC NULLS LAST,"state_id","state_published_at","category_id","scope_id","withdrawn_at","author_id") WHERE published_at is not null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "proposals_random_idx" ON "proposals" USING btree ("component_id","random_key","id","state_id","state_published_at","category_id","scope_id","withdrawn_at","author_id") WHERE published_at is not null and hidden_at is null;--> statement-breakpoint
CREATE INDEX "proposals_admin_idx" ON "proposals" USING btree ("component_id","id" DESC NULLS LAST) WHERE published_at is not null;--> statement-breakpoint
CREATE INDEX "proposals_author_idx" ON "proposals" USING btree ("author_id","component_id");--> statement-breakpoint
-- Hand-written (src/modules/proposals/schema.ts, header): similar proposals need pg_trgm; search
-- vectors as spaces and pages have them; counters of the kit's comments and follows kept by triggers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "search_fr" tsvector GENERATED ALWAYS AS ((to_tsvector('french'::regconfig, coalesce(title->>'fr', '') || ' ' || coalesce(body->>'fr', '')) || to_tsvector('simple'::regconfig, coalesce(title->>'fr', '') || ' ' || coalesce(title->>'nl', '') || ' ' || coalesce(title->>'en', '') || ' ' || coalesce(title->>'de', '') || ' ' || coalesce(body->>'fr', '') || ' ' || coalesce(body->>'nl', '') || ' ' || coalesce(body->>'en', '') || ' ' || coalesce(body->>'de', '')))) STORED;
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "search_nl" tsvector GENERATED ALWAYS AS ((to_tsvector('dutch'::regconfig, coalesce(title->>'nl', '') || ' ' || coalesce(body->>'nl', '')) || to_tsvector('simple'::regconfig, coalesce(title->>'fr', '') || ' ' || coalesce(title->>'nl', '') || ' ' || coalesce(title->>'en', '') || ' ' || coalesce(title->>'de', '') || ' ' || coalesce(body->>'fr', '') || ' ' || coalesce(body->>'nl', '') || ' ' || coalesce(body->>'en', '') || ' ' || coalesce(body->>'de', '')))) STORED;
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "search_en" tsvector GENERATED ALWAYS AS ((to_tsvector('english'::regconfig, coalesce(title->>'en', '') || ' ' || coalesce(body->>'en', '')) || to_tsvector('simple'::regconfig, coalesce(title->>'fr', '') || ' ' || coalesce(title->>'nl', '') || ' ' || coalesce(title->>'en', '') || ' ' || coalesce(title->>'de', '') || ' ' || coalesce(body->>'fr', '') || ' ' || coalesce(body->>'nl', '') || ' ' || coalesce(body->>'en', '') || ' ' || coalesce(body->>'de', '')))) STORED;
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "search_de" tsvector GENERATED ALWAYS AS ((to_tsvector('german'::regconfig, coalesce(title->>'de', '') || ' ' || coalesce(body->>'de', '')) || to_tsvector('simple'::regconfig, coalesce(title->>'fr', '') || ' ' || coalesce(title->>'nl', '') || ' ' || coalesce(title->>'en', '') || ' ' || coalesce(title->>'de', '') || ' ' || coalesce(body->>'fr', '') || ' ' || coalesce(body->>'nl', '') || ' ' || coalesce(body->>'en', '') || ' ' || coalesce(body->>'de', '')))) STORED;
--> statement-breakpoint
CREATE INDEX "proposals_search_fr_idx" ON "proposals" USING gin ("search_fr") WHERE published_at is not null and hidden_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_search_nl_idx" ON "proposals" USING gin ("search_nl") WHERE published_at is not null and hidden_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_search_en_idx" ON "proposals" USING gin ("search_en") WHERE published_at is not null and hidden_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_search_de_idx" ON "proposals" USING gin ("search_de") WHERE published_at is not null and hidden_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_title_trgm_fr_idx" ON "proposals" USING gin ((title->>'fr') gin_trgm_ops) WHERE published_at is not null and hidden_at is null and withdrawn_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_title_trgm_nl_idx" ON "proposals" USING gin ((title->>'nl') gin_trgm_ops) WHERE published_at is not null and hidden_at is null and withdrawn_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_title_trgm_en_idx" ON "proposals" USING gin ((title->>'en') gin_trgm_ops) WHERE published_at is not null and hidden_at is null and withdrawn_at is null;
--> statement-breakpoint
CREATE INDEX "proposals_title_trgm_de_idx" ON "proposals" USING gin ((title->>'de') gin_trgm_ops) WHERE published_at is not null and hidden_at is null and withdrawn_at is null;
--> statement-breakpoint
CREATE FUNCTION proposals_count_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A comment counts while it is neither deleted nor hidden by moderation.
  IF TG_OP <> 'INSERT' AND OLD.resource_type = 'proposal' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL THEN
    UPDATE proposals SET comments_count = comments_count - 1 WHERE id = OLD.resource_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.resource_type = 'proposal' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL THEN
    UPDATE proposals SET comments_count = comments_count + 1 WHERE id = NEW.resource_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER proposals_comments_inserted AFTER INSERT ON comments FOR EACH ROW WHEN (NEW.resource_type = 'proposal') EXECUTE FUNCTION proposals_count_comments();
--> statement-breakpoint
CREATE TRIGGER proposals_comments_deleted AFTER DELETE ON comments FOR EACH ROW WHEN (OLD.resource_type = 'proposal') EXECUTE FUNCTION proposals_count_comments();
--> statement-breakpoint
CREATE TRIGGER proposals_comments_updated AFTER UPDATE OF deleted_at, hidden_at, resource_type, resource_id ON comments FOR EACH ROW WHEN ((OLD.resource_type = 'proposal' OR NEW.resource_type = 'proposal') AND ((OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL) OR OLD.resource_type IS DISTINCT FROM NEW.resource_type OR OLD.resource_id IS DISTINCT FROM NEW.resource_id)) EXECUTE FUNCTION proposals_count_comments();
--> statement-breakpoint
CREATE FUNCTION proposals_count_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE proposals SET follows_count = follows_count + 1 WHERE id = NEW.resource_id;
  ELSE
    UPDATE proposals SET follows_count = follows_count - 1 WHERE id = OLD.resource_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER proposals_follows_inserted AFTER INSERT ON follows FOR EACH ROW WHEN (NEW.resource_type = 'proposal') EXECUTE FUNCTION proposals_count_follows();
--> statement-breakpoint
CREATE TRIGGER proposals_follows_deleted AFTER DELETE ON follows FOR EACH ROW WHEN (OLD.resource_type = 'proposal') EXECUTE FUNCTION proposals_count_follows();
