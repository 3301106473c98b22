CREATE TYPE "public"."channel" AS ENUM('socket', 'api', 'web_push', 'sms', 'robot', 'link');--> statement-breakpoint
CREATE TYPE "public"."delivery_state" AS ENUM('queued', 'sent', 'delivered', 'read', 'failed');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."jurisdiction_level" AS ENUM('province', 'city', 'county');--> statement-breakpoint
CREATE TYPE "public"."notification_state" AS ENUM('pending', 'acknowledged', 'declined', 'superseded', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."report_kind" AS ENUM('initial', 'follow_up', 'final');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('general', 'major', 'extraordinary');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('department', 'township');--> statement-breakpoint
CREATE TYPE "public"."unit_role" AS ENUM('lead', 'support', 'inform');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('duty_officer', 'commander', 'liaison', 'unit_head', 'admin');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"notification_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel" "channel" NOT NULL,
	"state" "delivery_state" NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"failure_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_sequence" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"incident_id" text,
	"audience_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"actor_id" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "incident_ref_counters" (
	"jurisdiction_id" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "incident_ref_counters_jurisdiction_id_day_pk" PRIMARY KEY("jurisdiction_id","day")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"title" text NOT NULL,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"severity" "severity" NOT NULL,
	"current_version" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "incidents_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" "jurisdiction_level" NOT NULL,
	"parent_id" text,
	"utc_offset" text NOT NULL,
	"rulebook_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"address" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_units" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"section" text,
	"duties" jsonb NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"report_version" integer NOT NULL,
	"unit_id" text NOT NULL,
	"role" "unit_role" NOT NULL,
	"basis" text NOT NULL,
	"state" "notification_state" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ack_due_at" timestamp with time zone NOT NULL,
	"first_delivered_at" timestamp with time zone,
	"first_read_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"acknowledged_via" "channel",
	"acknowledgement_note" text,
	"declined_at" timestamp with time zone,
	"declined_by" text,
	"decline_reason" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"incident_id" text NOT NULL,
	"version" integer NOT NULL,
	"kind" "report_kind" NOT NULL,
	"facts" jsonb NOT NULL,
	"classification" jsonb NOT NULL,
	"routing" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"rulebook_version" text NOT NULL,
	"requires_reacknowledgement" boolean NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_versions_incident_id_version_pk" PRIMARY KEY("incident_id","version")
);
--> statement-breakpoint
CREATE TABLE "rulebooks" (
	"jurisdiction_id" text NOT NULL,
	"version" text NOT NULL,
	"content" jsonb NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rulebooks_jurisdiction_id_version_pk" PRIMARY KEY("jurisdiction_id","version")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"jurisdiction_id" text,
	"unit_id" text,
	"phone" text,
	"on_duty" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_units" ADD CONSTRAINT "member_units_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_declined_by_users_id_fk" FOREIGN KEY ("declined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rulebooks" ADD CONSTRAINT "rulebooks_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_notification_user_channel_uq" ON "deliveries" USING btree ("notification_id","user_id","channel");--> statement-breakpoint
CREATE INDEX "events_incident_idx" ON "events" USING btree ("incident_id","seq");--> statement-breakpoint
CREATE INDEX "incidents_jurisdiction_status_idx" ON "incidents" USING btree ("jurisdiction_id","status","received_at");--> statement-breakpoint
CREATE INDEX "login_failures_username_at_idx" ON "login_failures" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_failures_address_at_idx" ON "login_failures" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "member_units_jurisdiction_idx" ON "member_units" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_incident_version_unit_uq" ON "notifications" USING btree ("incident_id","report_version","unit_id");--> statement-breakpoint
CREATE INDEX "notifications_unit_state_idx" ON "notifications" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "notifications_pending_due_idx" ON "notifications" USING btree ("ack_due_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");