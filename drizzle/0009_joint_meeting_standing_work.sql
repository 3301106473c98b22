CREATE TYPE "public"."bulletin_kind" AS ENUM('work_brief', 'notice', 'experience');--> statement-breakpoint
CREATE TYPE "public"."bulletin_state" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('plenary', 'topical');--> statement-breakpoint
CREATE TYPE "public"."minutes_state" AS ENUM('consulting', 'agreed', 'issued', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."proposal_kind" AS ENUM('joint_document', 'campaign', 'publicity', 'policy');--> statement-breakpoint
CREATE TYPE "public"."proposal_state" AS ENUM('consulting', 'agreed', 'disagreed', 'referred', 'decided');--> statement-breakpoint
CREATE TYPE "public"."standing_request_kind" AS ENUM('meeting_reply', 'minutes_consent', 'agreed_item', 'proposal_consent', 'annual_submission');--> statement-breakpoint
CREATE TYPE "public"."standing_request_state" AS ENUM('pending', 'answered', 'agreed', 'change_requested', 'objected', 'done', 'withdrawn', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."standing_role" AS ENUM('invited', 'attending', 'lead', 'support', 'concerned', 'member');--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'standing_overdue';--> statement-breakpoint
CREATE TABLE "agreed_items" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"minutes_id" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"lead_unit_id" text NOT NULL,
	"support_unit_ids" text[] NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_cycles" (
	"jurisdiction_id" text NOT NULL,
	"year" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	CONSTRAINT "annual_cycles_jurisdiction_id_year_pk" PRIMARY KEY("jurisdiction_id","year")
);
--> statement-breakpoint
CREATE TABLE "annual_submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"year" integer NOT NULL,
	"summary" text NOT NULL,
	"plan" text NOT NULL,
	"topics" jsonb NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"bulletin_id" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea",
	"stored_name" text,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_items" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"bulletin_id" text
);
--> statement-breakpoint
CREATE TABLE "bulletin_recipients" (
	"bulletin_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" text,
	CONSTRAINT "bulletin_recipients_bulletin_id_unit_id_pk" PRIMARY KEY("bulletin_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "bulletins" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"publisher_unit_id" text,
	"kind" "bulletin_kind" NOT NULL,
	"state" "bulletin_state" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"to_all" boolean NOT NULL,
	"chosen_unit_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"items" jsonb NOT NULL,
	"state" "minutes_state" DEFAULT 'consulting' NOT NULL,
	"consent_due_at" timestamp with time zone NOT NULL,
	"drafted_by" text NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"revision_note" text,
	"issued_at" timestamp with time zone,
	"issued_by" text,
	"copied_to" text
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb NOT NULL,
	"reply_due_at" timestamp with time zone NOT NULL,
	"convened_by" text NOT NULL,
	"convened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"kind" "proposal_kind" NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"unit_ids" text[] NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" "proposal_state" DEFAULT 'consulting' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"referred_at" timestamp with time zone,
	"referred_by" text,
	"referral_note" text,
	"outcome" text,
	"decided_at" timestamp with time zone,
	"decided_by" text
);
--> statement-breakpoint
CREATE TABLE "standing_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"kind" "standing_request_kind" NOT NULL,
	"subject_id" text NOT NULL,
	"meeting_id" text,
	"link" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" "standing_role" NOT NULL,
	"title" text NOT NULL,
	"state" "standing_request_state" DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"answer" jsonb,
	"escalation_step" integer DEFAULT 0 NOT NULL,
	"next_escalation_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "incident_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "incident_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "standing_request_id" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "meeting_id" text;--> statement-breakpoint
ALTER TABLE "agreed_items" ADD CONSTRAINT "agreed_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_items" ADD CONSTRAINT "agreed_items_minutes_id_meeting_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."meeting_minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_items" ADD CONSTRAINT "agreed_items_lead_unit_id_member_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_cycles" ADD CONSTRAINT "annual_cycles_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_attachments" ADD CONSTRAINT "bulletin_attachments_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_attachments" ADD CONSTRAINT "bulletin_attachments_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_attachments" ADD CONSTRAINT "bulletin_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_publisher_unit_id_member_units_id_fk" FOREIGN KEY ("publisher_unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_drafted_by_users_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_convened_by_users_id_fk" FOREIGN KEY ("convened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_requests" ADD CONSTRAINT "standing_requests_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_requests" ADD CONSTRAINT "standing_requests_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standing_requests" ADD CONSTRAINT "standing_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreed_items_meeting_idx" ON "agreed_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_submissions_unit_year_idx" ON "annual_submissions" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "annual_submissions_jurisdiction_year_idx" ON "annual_submissions" USING btree ("jurisdiction_id","year");--> statement-breakpoint
CREATE INDEX "bulletin_attachments_bulletin_idx" ON "bulletin_attachments" USING btree ("bulletin_id","created_at");--> statement-breakpoint
CREATE INDEX "bulletin_items_jurisdiction_idx" ON "bulletin_items" USING btree ("jurisdiction_id","submitted_at");--> statement-breakpoint
CREATE INDEX "bulletin_recipients_unit_idx" ON "bulletin_recipients" USING btree ("unit_id","read_at");--> statement-breakpoint
CREATE INDEX "bulletins_jurisdiction_idx" ON "bulletins" USING btree ("jurisdiction_id","state","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_minutes_version_uq" ON "meeting_minutes" USING btree ("meeting_id","version");--> statement-breakpoint
CREATE INDEX "meetings_jurisdiction_idx" ON "meetings" USING btree ("jurisdiction_id","starts_at");--> statement-breakpoint
CREATE INDEX "proposals_jurisdiction_idx" ON "proposals" USING btree ("jurisdiction_id","created_at");--> statement-breakpoint
CREATE INDEX "standing_requests_meeting_idx" ON "standing_requests" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "standing_requests_unit_state_idx" ON "standing_requests" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "standing_requests_escalation_due_idx" ON "standing_requests" USING btree ("next_escalation_at") WHERE state = 'pending';--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_standing_request_id_standing_requests_id_fk" FOREIGN KEY ("standing_request_id") REFERENCES "public"."standing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_standing_kind_uq" ON "alerts" USING btree ("standing_request_id","kind") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "attachments_meeting_idx" ON "attachments" USING btree ("meeting_id","created_at");