ALTER TABLE "comments" ADD COLUMN "mentions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "users_nickname_handle_idx" ON "users" USING btree (lower("nickname")) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "users_name_handle_idx" ON "users" USING btree (lower(replace("name", ' ', ''))) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "comments_resource_best_idx" ON "comments" USING btree ("resource_type","resource_id",("up_votes" - "down_votes"),"id") WHERE "comments"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "comments_resource_discussed_idx" ON "comments" USING btree ("resource_type","resource_id","replies_count","id") WHERE "comments"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "comments_resource_counts_idx" ON "comments" USING btree ("resource_type","resource_id","depth","alignment") WHERE "comments"."deleted_at" is null and "comments"."hidden_at" is null;