-- An accepted referral waiting for its booking raised `referral_not_accepted`, whose title ("Referral not accepted")
-- contradicted its text ("accepted but not booked"). It now has a kind of its own, `referral_not_booked`
-- (ReferralDeadlines.Next). Referral coordinators' role subscriptions receive it as they receive the other referral
-- kinds, and the deadlines already waiting for a booking take the new kind.
SET LOCAL search_path TO mh, public;

-- The subscription trigger names the coordinator's kinds in its text: the new kind is added next to the one it splits
-- off, in whatever definition the function has now (a later migration that rewrites the function must keep it).
DO $$
DECLARE
    definition text := pg_get_functiondef('mh.enqueue_alert_change()'::regprocedure);
    patched text;
BEGIN
    IF position('''referral_not_booked''' IN definition) > 0 THEN
        RETURN;
    END IF;
    patched := replace(definition, '''referral_not_accepted'',', '''referral_not_accepted'', ''referral_not_booked'',');
    IF patched = definition THEN
        RAISE EXCEPTION 'enqueue_alert_change does not list referral_not_accepted; cannot add referral_not_booked';
    END IF;
    EXECUTE patched;
END
$$;

UPDATE referral SET due_kind = 'referral_not_booked' WHERE status = 'accepted' AND due_kind = 'referral_not_accepted';
UPDATE due_item d SET alert_kind = 'referral_not_booked'
FROM referral r
WHERE d.kind = 'referral_due' AND d.referral = r.id AND r.status = 'accepted' AND d.alert_kind = 'referral_not_accepted';
UPDATE alert a SET kind = 'referral_not_booked'
FROM referral r
WHERE a.referral = r.id AND r.status = 'accepted' AND a.kind = 'referral_not_accepted' AND a.status <> 'resolved';
