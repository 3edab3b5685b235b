-- Petitions' free-text themes become categories of their space: one per distinct theme (trimmed) in
-- each space, named with the theme's text in every language the organization offers (administrators
-- translate them afterwards), ordered alphabetically after any category the space already has; each
-- petition is then filed under its theme's category. The column and its index go after.
WITH locales AS (
  SELECT coalesce((SELECT nullif(available_locales, '[]'::jsonb) FROM organizations ORDER BY id LIMIT 1), '["fr","nl","en","de"]'::jsonb) AS list
), themes AS (
  SELECT DISTINCT c.space_id, btrim(p.theme) AS theme
  FROM petitions p JOIN components c ON c.id = p.component_id
  WHERE p.theme IS NOT NULL AND btrim(p.theme) <> ''
), created AS (
  INSERT INTO categories (space_id, name, weight)
  SELECT t.space_id,
    (SELECT jsonb_object_agg(l.value, t.theme) FROM locales, jsonb_array_elements_text(locales.list) AS l(value)),
    (SELECT coalesce(max(x.weight) + 1, 0) FROM categories x WHERE x.space_id = t.space_id) + (row_number() OVER (PARTITION BY t.space_id ORDER BY t.theme))::int - 1
  FROM themes t
  RETURNING id, space_id, name
)
UPDATE petitions p SET category_id = created.id
FROM components c, created
WHERE c.id = p.component_id AND created.space_id = c.space_id AND p.theme IS NOT NULL
  AND EXISTS (SELECT 1 FROM jsonb_each_text(created.name) e WHERE e.value = btrim(p.theme));--> statement-breakpoint
DROP INDEX "petitions_theme_idx";--> statement-breakpoint
DROP INDEX "petitions_most_signed_idx";--> statement-breakpoint
DROP INDEX "petitions_newest_idx";--> statement-breakpoint
DROP INDEX "petitions_closing_idx";--> statement-breakpoint
CREATE INDEX "petitions_most_signed_idx" ON "petitions" USING btree ("signatures_total" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_newest_idx" ON "petitions" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST,"component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
CREATE INDEX "petitions_closing_idx" ON "petitions" USING btree ("signing_ends_at","id","component_id","state","category_id","scope_id") WHERE state in ('published', 'inadmissible', 'threshold_reached', 'transmitted', 'hearing_scheduled', 'answered', 'closed', 'expired', 'withdrawn') and hidden_at is null;--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "theme";