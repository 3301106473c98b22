ALTER TYPE "public"."channel" ADD VALUE 'voice';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'jurisdiction_admin';--> statement-breakpoint
CREATE TABLE "duty_rotas" (
	"unit_id" text PRIMARY KEY NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"rota" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "calendar_token_hash" text;--> statement-breakpoint
ALTER TABLE "duty_rotas" ADD CONSTRAINT "duty_rotas_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rotas" ADD CONSTRAINT "duty_rotas_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rotas" ADD CONSTRAINT "duty_rotas_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_calendar_token_hash_unique" UNIQUE("calendar_token_hash");