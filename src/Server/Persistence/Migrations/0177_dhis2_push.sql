-- Pushes of data value sets to DHIS2 (job dhis2-push; docs/domain.md, "Indicators", export): one row per push of a period
-- for our configured place, with every delivery attempt counted on it. A push is 'pending' while it waits for a (re)try,
-- 'delivered' once DHIS2 answered with an import summary (its status, counts and conflicts kept as DHIS2 gave them), and
-- 'failed' when it was given up (too many attempts, or DHIS2 refused the request itself: bad credentials, wrong URL).
-- A period delivered with status SUCCESS or WARNING is not sent again unless an admin forces it.
SET LOCAL search_path TO mh, public;

CREATE TABLE IF NOT EXISTS dhis2_push (
    id               bigserial PRIMARY KEY,
    period           text NOT NULL,          -- DHIS2's form: 202611, 2026Q4, 2026
    org_unit         text NOT NULL,          -- our facility, district or region id; '' for the whole country
    org_unit_uid     text,                   -- its DHIS2 organisation unit, when mapped
    forced           boolean NOT NULL DEFAULT false,
    requested_by     text NOT NULL,          -- the admin, or the job's name for a scheduled push
    state            text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    status           text CHECK (status IN ('SUCCESS', 'WARNING', 'ERROR')),
    data_values      integer NOT NULL DEFAULT 0,
    imported         integer,
    updated          integer,
    ignored          integer,
    deleted          integer,
    conflicts        jsonb NOT NULL DEFAULT '[]',
    attempts         integer NOT NULL DEFAULT 0,
    error            text,                   -- the last failed attempt's reason
    created_at       timestamptz NOT NULL,
    attempted_at     timestamptz,            -- the last attempt's start
    finished_at      timestamptz,            -- delivered or given up
    next_attempt_at  timestamptz             -- pending: when it may be tried again
);

-- One push of a period waits for its retry at a time: a second run resumes it instead of opening another.
CREATE UNIQUE INDEX IF NOT EXISTS dhis2_push_one_pending ON dhis2_push (period, org_unit) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS dhis2_push_period ON dhis2_push (period, org_unit, id DESC);
CREATE INDEX IF NOT EXISTS dhis2_push_due ON dhis2_push (next_attempt_at) WHERE state = 'pending';
