CREATE TYPE "public"."alert_kind" AS ENUM('ack_overdue', 'declined', 'task_overdue');--> statement-breakpoint
CREATE TABLE "action_links" (
	"id" text PRIMARY KEY NOT NULL,
	"notification_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel" "channel" NOT NULL,
	"delivery_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"use_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"notification_id" text,
	"unit_id" text,
	"kind" "alert_kind" NOT NULL,
	"reason" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "contact_points" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"unit_id" text,
	"channel" "channel" NOT NULL,
	"provider" text NOT NULL,
	"address" text NOT NULL,
	"secret" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"label" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_failure_at" timestamp with time zone,
	"last_failure_reason" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "deliveries_notification_user_channel_uq";--> statement-breakpoint
DROP INDEX "notifications_pending_due_idx";--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "unit_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "contact_point_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "recipient_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Backfill (hand-added): existing socket deliveries are keyed by their person.
UPDATE "deliveries" SET "recipient_key" = "user_id" WHERE "recipient_key" = '';--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "escalation_step" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "next_escalation_at" timestamp with time zone;--> statement-breakpoint
-- Backfill (hand-added): open notifications start their ladder at their deadline.
UPDATE "notifications" SET "next_escalation_at" = "ack_due_at" WHERE "state" = 'pending';--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_notification_kind_uq" ON "alerts" USING btree ("notification_id","kind") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "alerts_jurisdiction_open_idx" ON "alerts" USING btree ("jurisdiction_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_user_address_uq" ON "contact_points" USING btree ("user_id","channel","address") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_unit_address_uq" ON "contact_points" USING btree ("unit_id","channel","address") WHERE unit_id is not null;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_recipient_uq" ON "deliveries" USING btree ("notification_id","round","channel","recipient_key");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE state = 'queued';--> statement-breakpoint
CREATE INDEX "notifications_escalation_due_idx" ON "notifications" USING btree ("next_escalation_at") WHERE state = 'pending';