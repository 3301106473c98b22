ALTER TABLE "obligations" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "superseded_by_key" text;