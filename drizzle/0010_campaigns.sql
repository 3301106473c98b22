CREATE TYPE "public"."campaign_kind" AS ENUM('joint_enforcement', 'special_rectification');--> statement-breakpoint
ALTER TYPE "public"."standing_request_kind" ADD VALUE 'campaign_task';--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"kind" "campaign_kind" NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"lead_unit_id" text,
	"unit_ids" text[] NOT NULL,
	"tasks" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_lead_unit_id_member_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_jurisdiction_idx" ON "campaigns" USING btree ("jurisdiction_id","created_at");