-- A referral step is written as one batch of statements (one round trip, one implicit transaction). Its first statement
-- upserts the referral row only when the stored version is the one the step was decided on; when it is not (another
-- activation's step landed first), this raises, so that the whole batch rolls back instead of writing history,
-- follow-ups and alerts for a step that did not happen.
SET LOCAL search_path TO mh, public;

CREATE FUNCTION expect_written(written bigint, what text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF written = 0 THEN
        RAISE EXCEPTION 'stale version: %', what USING ERRCODE = 'MHV01';
    END IF;
    RETURN written;
END
$$;
