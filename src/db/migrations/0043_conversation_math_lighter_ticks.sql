-- Lighter ticks (ADR 0039): the math blob as the tick writes it, uncompressed (parsing it into jsonb and compressing it twice a second cost PostgreSQL more than the votes did), and the engine's state stored only now and then, with the last vote seq it includes.
ALTER TABLE "conversation_math" ALTER COLUMN "pca2" SET DATA TYPE json USING "pca2"::json;--> statement-breakpoint
ALTER TABLE "conversation_math" ALTER COLUMN "pca2" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "conversation_math" ADD COLUMN "state_vote_seq" bigint;
