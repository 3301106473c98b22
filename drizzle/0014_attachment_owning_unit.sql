ALTER TABLE "attachments" ADD COLUMN "unit_id" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Files uploaded before the owning unit was recorded: the uploader's unit now is the best record there is.
UPDATE "attachments" SET "unit_id" = "users"."unit_id" FROM "users" WHERE "users"."id" = "attachments"."uploaded_by" AND "attachments"."incident_id" IS NULL AND "users"."unit_id" IS NOT NULL;