-- Rate-limit counts are short-lived (a window of seconds to an hour) and shared by the instances only
-- while they run: an unlogged table writes no WAL, so counting a hit commits without waiting for a flush
-- to disk. After a crash of PostgreSQL (not a clean restart) the table comes back empty: every window
-- starts again, which a limiter can afford (ADR 37).
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
