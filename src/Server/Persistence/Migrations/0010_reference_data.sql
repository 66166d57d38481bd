-- Reference data: the facility registry and the essential medicines list.
CREATE SCHEMA IF NOT EXISTS mh;
SET LOCAL search_path TO mh, public;

CREATE TABLE facility (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    level       text NOT NULL CHECK (level IN ('phc', 'specialist', 'community', 'warehouse')),
    district    text NOT NULL,
    region      text NOT NULL,
    services    text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX facility_district ON facility (district);

-- Items are retired, never deleted: ledgers and referrals keep pointing at them.
CREATE TABLE medicine (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    form        text NOT NULL,
    strength    text NOT NULL,
    unit        text NOT NULL,
    atc         text,
    category    text NOT NULL,
    source      text,
    tracer      boolean NOT NULL DEFAULT false,
    levels      text[] NOT NULL DEFAULT '{}',
    retired_at  timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
