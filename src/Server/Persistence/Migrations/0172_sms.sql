-- SMS, where phones are not smart: alerts delivered by SMS through an HTTP SMS gateway (a subscription channel "sms"
-- whose target is an E.164 number), and stock counts reported by SMS (registered reporter phones, one short code per
-- medicine, every inbound message kept with its answer so a message the gateway resends is answered the same, once).
SET LOCAL search_path TO mh, public;

ALTER TABLE subscription DROP CONSTRAINT subscription_channel_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_channel_check CHECK (channel IN ('email', 'webhook', 'sms'));

-- The outbox key of an SMS is the alert change and the phone number, not the subscription: two subscriptions of one
-- number (a facility's and a district's, say) send that number one SMS per alert change. Other channels unchanged.
-- Keeps referral_not_booked (0171) among the coordinator's kinds: this replaces the whole function.
CREATE OR REPLACE FUNCTION enqueue_alert_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.change = 'notified' THEN
        RETURN NEW;
    END IF;
    INSERT INTO mh.outbox (idempotency_key, alert_id, change_id, subscription_id, channel, target, payload, next_attempt_at)
    SELECT DISTINCT ON (k.key) k.key, a.id, NEW.id, s.id, s.channel, s.target,
           jsonb_build_object(
               'deliveryId', k.key,
               'change', NEW.change, 'at', NEW.at, 'by', NEW.actor, 'note', NEW.note,
               'alert', jsonb_build_object('id', a.id, 'kind', a.kind, 'status', a.status, 'facility', a.facility,
                   'district', a.district, 'medicine', a.medicine, 'lot', a.lot, 'referral', a.referral,
                   'message', a.message, 'raisedAt', a.raised_at)),
           NEW.at
    FROM mh.alert a
    JOIN mh.subscription s ON s.active
    CROSS JOIN LATERAL (SELECT CASE WHEN s.channel = 'sms' THEN NEW.id || ':sms:' || s.target
                                    ELSE NEW.id || ':' || s.id END AS key) k
    WHERE a.id = NEW.alert_id
      AND (s.facility IS NULL OR s.facility = a.facility)
      AND (s.district IS NULL OR s.district = a.district)
      AND (cardinality(s.kinds) = 0 OR a.kind = ANY (s.kinds))
      AND (s.role IS NULL
           OR (s.role = 'district_manager' AND NEW.change = 'escalated')
           OR (s.role = 'facility_head' AND a.kind IN ('stock_out', 'below_eop', 'expiring', 'expired_on_shelf',
                                                     'report_overdue', 'prescribed_item_unavailable'))
           OR (s.role = 'referral_coordinator' AND a.kind IN ('referral_not_accepted', 'referral_not_booked', 'appointment_missed',
                                                            'back_referral_overdue', 'follow_up_missed',
                                                            'prescribed_item_unavailable')))
    ORDER BY k.key, s.created_at, s.id
    ON CONFLICT (idempotency_key) DO NOTHING;
    RETURN NEW;
END
$$;

-- Phones allowed to report stock by SMS, each for one facility (admins manage them: /api/v1/sms/reporters).
CREATE TABLE sms_reporter (
    phone       text PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),   -- E.164
    facility    text NOT NULL REFERENCES facility (id),
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);

-- One short code per medicine, what a pharmacist types in an SMS (FLX20 for fluoxetine 20 mg). Reference data kept
-- beside the medicines list rather than in it: the list is imported per country, the codes are this channel's.
-- No foreign key: the codes of the default list are seeded here, before the list itself is loaded at start.
CREATE TABLE sms_code (
    code      text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{1,9}$'),
    medicine  text NOT NULL UNIQUE
);
INSERT INTO sms_code (code, medicine) VALUES
    ('AMI25', 'amitriptyline-tab-25mg'), ('AMI75', 'amitriptyline-tab-75mg'), ('FLX20', 'fluoxetine-cap-20mg'),
    ('CLM25', 'clomipramine-cap-25mg'), ('CPZ100', 'chlorpromazine-tab-100mg'), ('CPZINJ', 'chlorpromazine-inj-25mg-ml'),
    ('CPZLIQ', 'chlorpromazine-oral-liquid-5mg-ml'), ('FLUDEP', 'fluphenazine-depot-inj-25mg-ml'),
    ('HAL5', 'haloperidol-tab-5mg'), ('HAL2', 'haloperidol-tab-2mg'), ('HALINJ', 'haloperidol-inj-5mg-ml'),
    ('RIS2', 'risperidone-tab-2mg'), ('PALINJ', 'paliperidone-lai-inj-100mg'), ('CLZ100', 'clozapine-tab-100mg'),
    ('LIT300', 'lithium-carbonate-tab-300mg'), ('VPA200', 'valproate-sodium-tab-200mg'), ('VPA500', 'valproate-sodium-tab-500mg'),
    ('CBZ200', 'carbamazepine-tab-200mg'), ('CBZ100', 'carbamazepine-tab-100mg'), ('PHB30', 'phenobarbital-tab-30mg'),
    ('PHBINJ', 'phenobarbital-inj-200mg-ml'), ('PHT100', 'phenytoin-tab-100mg'), ('PHTINJ', 'phenytoin-inj-50mg-ml'),
    ('LTG100', 'lamotrigine-tab-100mg'), ('LEV500', 'levetiracetam-tab-500mg'), ('DZP5', 'diazepam-tab-5mg'),
    ('DZP2', 'diazepam-tab-2mg'), ('DZPINJ', 'diazepam-inj-5mg-ml'), ('LZPINJ', 'lorazepam-inj-2mg-ml'),
    ('MDZ5', 'midazolam-oromucosal-5mg-ml'), ('BIP2', 'biperiden-tab-2mg'), ('BIPINJ', 'biperiden-inj-5mg-ml'),
    ('MET5', 'methadone-oral-liquid-5mg-ml'), ('BUP8', 'buprenorphine-sl-tab-8mg'), ('NIC21', 'nicotine-replacement-patch-21mg');

-- Every inbound message by the gateway's id: when it arrived (the time of its counts when it names no date) and the
-- answer given, so the same message again is answered the same and records nothing more.
CREATE TABLE sms_inbound (
    message_id   text PRIMARY KEY,
    sender       text NOT NULL,
    text         text NOT NULL,
    received_at  timestamptz NOT NULL,
    facility     text,
    reply        text,
    outcome      text            -- saved, error, unknown_sender; null until answered
);
