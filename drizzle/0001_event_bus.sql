-- The event log is the bus: a single counter row hands out seq inside the writing transaction
-- (seq order = commit order), and a statement trigger wakes every listener when events commit.
INSERT INTO "event_sequence" ("id", "last_seq") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lianfang_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lianfang_events', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON "events" FOR EACH STATEMENT EXECUTE FUNCTION lianfang_notify_events();
--> statement-breakpoint
-- The timeline is append-only: nothing may rewrite history.
CREATE OR REPLACE FUNCTION lianfang_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION lianfang_events_append_only();
