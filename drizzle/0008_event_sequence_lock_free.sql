-- seq from a sequence instead of one counter row locked until commit, so writers no longer queue
-- behind each other. Readers keep their guarantee by reading only up to a settled head: every
-- transaction that took a seq at or below it has ended (src/services/events/head.ts).
CREATE SEQUENCE "public"."events_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
SELECT setval('events_seq', GREATEST((SELECT max(last_seq) FROM event_sequence), (SELECT max(seq) FROM events), 0) + 1, false);--> statement-breakpoint
-- The transaction takes its id before its seqs: a reader that has seen a seq handed out then finds
-- its taker either ended or in flight in any later snapshot, never not yet started.
CREATE OR REPLACE FUNCTION lianfang_take_event_seqs(n integer) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN QUERY SELECT nextval('events_seq') FROM generate_series(1, n);
END;
$$;--> statement-breakpoint
DROP TABLE "event_sequence" CASCADE;
