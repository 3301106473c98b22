-- One seq per event row, taken inside the INSERT that writes it (one round trip instead of two).
-- Like lianfang_take_event_seqs, the transaction takes its id before the seq: a reader that has
-- seen a seq handed out then finds its taker either ended or in flight, never not yet started.
CREATE OR REPLACE FUNCTION lianfang_next_event_seq() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN nextval('events_seq');
END;
$$;
