CREATE TYPE "public"."unit_report_state" AS ENUM('pending', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "unit_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"submission" jsonb NOT NULL,
	"state" "unit_report_state" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"incident_id" text
);
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_reports_jurisdiction_state_idx" ON "unit_reports" USING btree ("jurisdiction_id","state","filed_at");--> statement-breakpoint
CREATE INDEX "unit_reports_unit_idx" ON "unit_reports" USING btree ("unit_id","filed_at");