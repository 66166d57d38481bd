-- Referral pathways: the current state of each referral (read model and recovery snapshot), its append-only history,
-- follow-ups, contact details kept apart and encrypted, and the audit of every read and change.
SET LOCAL search_path TO mh, public;

CREATE INDEX facility_services ON facility USING gin (services);

CREATE TABLE referral (
    id                 uuid PRIMARY KEY,
    version            integer NOT NULL,
    status             text NOT NULL,
    status_at          timestamptz NOT NULL,
    patient_code       text NOT NULL,
    patient_sex        text NOT NULL,
    patient_birth_year integer NOT NULL,
    from_facility      text NOT NULL,
    to_facility        text,
    to_service         text,
    district           text NOT NULL,       -- where the referral is coordinated: the receiving side's district
    reason             text NOT NULL,       -- mhGAP category
    urgency            text NOT NULL,
    consent            boolean NOT NULL,
    appointment_at     timestamptz,
    created_at         timestamptz NOT NULL,
    created_by         text NOT NULL,
    due_kind           text,                -- the alert kind the next deadline raises, and when, and why
    due_at             timestamptz,
    due_reason         text,
    snapshot           jsonb NOT NULL,      -- the grain's whole state at this version (recovery after a crash)
    updated_at         timestamptz NOT NULL
);
CREATE INDEX referral_district_status ON referral (district, status);
CREATE INDEX referral_from ON referral (from_facility, status);
CREATE INDEX referral_to ON referral (to_facility, status);
CREATE INDEX referral_overdue ON referral (district, due_at) WHERE due_at IS NOT NULL;

CREATE TABLE referral_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id  uuid NOT NULL REFERENCES referral (id),
    version      integer NOT NULL,
    action       text NOT NULL,
    status       text NOT NULL,
    at           timestamptz NOT NULL,   -- when it happened on the ground
    recorded_at  timestamptz NOT NULL,
    by           text NOT NULL,
    capacity     text NOT NULL,
    reason       text,
    details      jsonb,
    UNIQUE (referral_id, version)
);

CREATE TABLE follow_up (
    id             uuid PRIMARY KEY,
    referral_id    uuid NOT NULL REFERENCES referral (id),
    seq            integer NOT NULL,
    due_at         timestamptz NOT NULL,
    status         text NOT NULL,
    attended_at    timestamptz,
    missed_at      timestamptz,
    missed_reason  text,
    promised_date  date,
    traced_at      timestamptz,
    outcome        text,
    UNIQUE (referral_id, seq)
);

-- Names and phone numbers: optional, apart from clinical data, encrypted by the gateway (AES-GCM) before they get here.
CREATE TABLE referral_contact (
    referral_id  uuid PRIMARY KEY REFERENCES referral (id),
    name_enc     bytea,
    phone_enc    bytea
);

CREATE TABLE referral_audit (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id     uuid NOT NULL,
    at              timestamptz NOT NULL,
    actor           text NOT NULL,
    role            text NOT NULL,
    action          text NOT NULL,
    client_address  text,
    justification   text
);
CREATE INDEX referral_audit_referral ON referral_audit (referral_id, id);

-- Referral deadlines live in the due-index too; these columns say what to raise.
ALTER TABLE due_item ADD COLUMN alert_kind text, ADD COLUMN message text, ADD COLUMN district text, ADD COLUMN referral uuid,
    ADD COLUMN escalation boolean NOT NULL DEFAULT false;
