CREATE TYPE "public"."bulletin_kind" AS ENUM('work_brief', 'notice', 'experience');--> statement-breakpoint
CREATE TYPE "public"."bulletin_state" AS ENUM('draft', 'published');--> statement-breakpoint
ALTER TYPE "public"."standing_request_kind" ADD VALUE 'annual_submission';--> statement-breakpoint
ALTER TYPE "public"."standing_role" ADD VALUE 'member';--> statement-breakpoint
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
CREATE UNIQUE INDEX "annual_submissions_unit_year_idx" ON "annual_submissions" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "annual_submissions_jurisdiction_year_idx" ON "annual_submissions" USING btree ("jurisdiction_id","year");--> statement-breakpoint
CREATE INDEX "bulletin_attachments_bulletin_idx" ON "bulletin_attachments" USING btree ("bulletin_id","created_at");--> statement-breakpoint
CREATE INDEX "bulletin_items_jurisdiction_idx" ON "bulletin_items" USING btree ("jurisdiction_id","submitted_at");--> statement-breakpoint
CREATE INDEX "bulletin_recipients_unit_idx" ON "bulletin_recipients" USING btree ("unit_id","read_at");--> statement-breakpoint
CREATE INDEX "bulletins_jurisdiction_idx" ON "bulletins" USING btree ("jurisdiction_id","state","published_at");