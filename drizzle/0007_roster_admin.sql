CREATE TYPE "public"."member_change_kind" AS ENUM('add_person', 'replace_person', 'remove_person');--> statement-breakpoint
CREATE TYPE "public"."member_change_state" AS ENUM('proposed', 'confirmed', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE IF NOT EXISTS 'jurisdiction_admin';--> statement-breakpoint
CREATE TABLE "member_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"kind" "member_change_kind" NOT NULL,
	"state" "member_change_state" DEFAULT 'proposed' NOT NULL,
	"user_id" text,
	"person" jsonb,
	"reason" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_user_id" text
);
--> statement-breakpoint
ALTER TABLE "member_units" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "member_units" ADD COLUMN "merged_into" text;--> statement-breakpoint
ALTER TABLE "rulebooks" ADD COLUMN "based_on" text;--> statement-breakpoint
ALTER TABLE "rulebooks" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "rulebooks" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_changes" ADD CONSTRAINT "member_changes_created_user_id_users_id_fk" FOREIGN KEY ("created_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_changes_jurisdiction_state_idx" ON "member_changes" USING btree ("jurisdiction_id","state");