CREATE TYPE "public"."obligation_method" AS ENUM('phone', 'fax', 'document', 'system');--> statement-breakpoint
CREATE TYPE "public"."task_state" AS ENUM('open', 'accepted', 'blocked', 'done', 'closed');--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'obligation_overdue';--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'task_blocked';--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"key" text NOT NULL,
	"regime" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_jurisdiction_id" text,
	"statutory_minutes" integer,
	"target_minutes" integer NOT NULL,
	"deadline_text" text NOT NULL,
	"citation" text NOT NULL,
	"requirement" text NOT NULL,
	"informational" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_version" integer NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"submitted_via" "obligation_method",
	"submission_reference" text,
	"submission_note" text,
	"recorded_at" timestamp with time zone,
	"upstream_incident_id" text,
	"next_chase_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "response_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" "unit_role" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"suggestion_id" text,
	"state" "task_state" DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"done_at" timestamp with time zone,
	"done_by" text,
	"blocked_at" timestamp with time zone,
	"blocked_reason" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_reason" text,
	"last_note" text,
	"escalation_step" integer DEFAULT 0 NOT NULL,
	"next_escalation_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "notification_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "task_id" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "obligation_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "task_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "drill" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source_incident_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_by" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "close_override_reason" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_resolved_by" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_resolution" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_resolution_reason" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reassigned_to" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_recipient_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("recipient_jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_upstream_incident_id_incidents_id_fk" FOREIGN KEY ("upstream_incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_tasks" ADD CONSTRAINT "response_tasks_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_incident_key_uq" ON "obligations" USING btree ("incident_id","key");--> statement-breakpoint
CREATE INDEX "obligations_chase_due_idx" ON "obligations" USING btree ("next_chase_at") WHERE submitted_at is null;--> statement-breakpoint
CREATE INDEX "response_tasks_incident_idx" ON "response_tasks" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "response_tasks_unit_state_idx" ON "response_tasks" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "response_tasks_escalation_due_idx" ON "response_tasks" USING btree ("next_escalation_at") WHERE state in ('open', 'accepted', 'blocked');--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_task_id_response_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."response_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_task_id_response_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."response_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_decline_resolved_by_users_id_fk" FOREIGN KEY ("decline_resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_task_kind_uq" ON "alerts" USING btree ("task_id","kind") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_obligation_kind_uq" ON "alerts" USING btree ("obligation_id","kind") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_source_jurisdiction_uq" ON "incidents" USING btree ("source_incident_id","jurisdiction_id") WHERE source_incident_id is not null;