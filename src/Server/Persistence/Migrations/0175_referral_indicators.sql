-- The referral indicators (docs/domain.md, "Indicators"; ReferralIndicators) read the referral read model, not the
-- history: the moments they count from are kept on the rows the referral store writes at each step.
--   referral.first_seen_at      when the referral first reached in_progress (attend, or start); kept on later steps
--   referral.back_referred_at   when the back-referral was sent (back-refer)
--   follow_up.grace_ends_at     due + the grace in force when the visit was scheduled: attended by then is adherent
--   follow_up.tracing_fails_at  missed + the tracing period in force when it was recorded missed: no contact by then is a
--                               failed tracing (the alert scan escalates it at that moment)
--   follow_up.from_facility, follow_up.patient_code   the referral's requesting facility and person, which never change:
--                               a district's visits are found by facility without walking its referrals
-- Existing rows are backfilled from the history and the due-index (what was scheduled), else from the default waits.
SET LOCAL search_path TO mh, public;

ALTER TABLE referral ADD COLUMN IF NOT EXISTS first_seen_at timestamptz;
ALTER TABLE referral ADD COLUMN IF NOT EXISTS back_referred_at timestamptz;
ALTER TABLE follow_up ADD COLUMN IF NOT EXISTS grace_ends_at timestamptz;
ALTER TABLE follow_up ADD COLUMN IF NOT EXISTS tracing_fails_at timestamptz;
ALTER TABLE follow_up ADD COLUMN IF NOT EXISTS from_facility text;
ALTER TABLE follow_up ADD COLUMN IF NOT EXISTS patient_code text;

UPDATE referral r SET first_seen_at = h.at
FROM (SELECT referral_id, min(at) AS at FROM referral_history WHERE status = 'in_progress' GROUP BY referral_id) h
WHERE h.referral_id = r.id AND r.first_seen_at IS NULL;

UPDATE referral r SET back_referred_at = h.at
FROM (SELECT referral_id, min(at) AS at FROM referral_history WHERE action = 'back-refer' GROUP BY referral_id) h
WHERE h.referral_id = r.id AND r.back_referred_at IS NULL;

UPDATE follow_up f SET from_facility = r.from_facility, patient_code = r.patient_code
FROM referral r WHERE r.id = f.referral_id AND f.from_facility IS NULL;

-- A visit still waiting has its grace end in the due-index; the others had the default grace (3 days).
UPDATE follow_up f SET grace_ends_at = coalesce(
    (SELECT d.due_at FROM due_item d WHERE d.kind = 'follow_up_due' AND d.subject = f.id::text AND NOT d.escalation),
    f.due_at + interval '3 days')
WHERE f.grace_ends_at IS NULL;

-- Likewise a missed visit still being traced; the default tracing period is 14 days.
UPDATE follow_up f SET tracing_fails_at = coalesce(
    (SELECT d.due_at FROM due_item d WHERE d.kind = 'follow_up_due' AND d.subject = f.id::text AND d.escalation),
    f.missed_at + interval '14 days')
WHERE f.tracing_fails_at IS NULL AND f.missed_at IS NOT NULL;

-- Each figure reads one period's rows by the moment it counts from: by requesting facility (a facility, or the
-- facilities of a district or region), and nationally by time alone, from the index (the national scans carry what they
-- read, so a month's few thousand referrals are not fetched one heap page at a time).
CREATE INDEX IF NOT EXISTS referral_from_created ON referral (from_facility, created_at);
CREATE INDEX IF NOT EXISTS referral_created ON referral (created_at)
    INCLUDE (from_facility, status, reason, patient_sex, patient_birth_year, urgency, first_seen_at);
CREATE INDEX IF NOT EXISTS referral_from_first_seen ON referral (from_facility, first_seen_at) WHERE first_seen_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS referral_first_seen ON referral (first_seen_at) INCLUDE (from_facility, status, urgency, created_at, back_referred_at)
    WHERE first_seen_at IS NOT NULL;
-- Referrals entered in error count nowhere: the few there are, for an anti-join.
CREATE INDEX IF NOT EXISTS referral_entered_in_error ON referral (id) WHERE status = 'entered_in_error';
CREATE INDEX IF NOT EXISTS follow_up_from_due ON follow_up (from_facility, due_at);
CREATE INDEX IF NOT EXISTS follow_up_due ON follow_up (due_at) INCLUDE (from_facility, patient_code, referral_id, attended_at, grace_ends_at);
CREATE INDEX IF NOT EXISTS follow_up_from_tracing_fails ON follow_up (from_facility, tracing_fails_at) WHERE tracing_fails_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS follow_up_tracing_fails ON follow_up (tracing_fails_at)
    INCLUDE (from_facility, patient_code, referral_id, traced_at, attended_at) WHERE tracing_fails_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS alert_prescribed_unavailable ON alert (facility, raised_at) WHERE kind = 'prescribed_item_unavailable';
CREATE INDEX IF NOT EXISTS alert_prescribed_unavailable_at ON alert (raised_at) WHERE kind = 'prescribed_item_unavailable';
