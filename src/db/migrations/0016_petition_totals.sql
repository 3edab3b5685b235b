-- The lists' sort key for the petitions that existed before 0015 (the count job and paper entries keep
-- it from now on): folded online signatures plus paper entries.
UPDATE "petitions" p SET "signatures_total" =
  coalesce((select sum(k."count") from "petition_counts" k where k."petition_id" = p."id"), 0)
  + coalesce((select sum(e."count") from "petition_paper_entries" e where e."petition_id" = p."id"), 0);
