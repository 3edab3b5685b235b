CREATE TABLE "petition_rate_windows" (
	"petition_id" bigint NOT NULL,
	"minute" bigint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_rate_windows_petition_id_minute_pk" PRIMARY KEY("petition_id","minute")
);
--> statement-breakpoint
ALTER TABLE "petition_signatures" ALTER COLUMN "birth_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "petition_types" ADD COLUMN "signer_fields" jsonb DEFAULT '["name","birthDate","postalCode"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "petition_rate_windows" ADD CONSTRAINT "petition_rate_windows_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;