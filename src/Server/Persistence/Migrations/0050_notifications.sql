-- Notification delivery: who wants which alert changes on which channel, and an outbox that delivers each
-- (alert change, subscription) once, retried with back-off until the channel answers.
SET LOCAL search_path TO mh, public;

CREATE TABLE subscription (
    id          uuid PRIMARY KEY,
    channel     text NOT NULL CHECK (channel IN ('email', 'webhook')),
    target      text NOT NULL,          -- e-mail address or webhook URL
    secret      text,                   -- webhook HMAC-SHA256 key
    facility    text,                   -- scope: one facility, one district, or (both null) everything
    district    text,
    role        text,                   -- which recipient this stands for: facility_head, referral_coordinator, district_manager
    kinds       text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL
);

CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,  -- alert change id ':' subscription id
    alert_id         uuid NOT NULL,
    change_id        bigint NOT NULL,
    subscription_id  uuid NOT NULL REFERENCES subscription (id),
    channel          text NOT NULL,
    target           text NOT NULL,
    payload          jsonb NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_error       text,
    delivered_at     timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- Every alert change, from whatever code path, enqueues its deliveries in the same transaction.
CREATE FUNCTION enqueue_alert_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.change = 'notified' THEN
        RETURN NEW;
    END IF;
    INSERT INTO mh.outbox (idempotency_key, alert_id, change_id, subscription_id, channel, target, payload, next_attempt_at)
    SELECT NEW.id || ':' || s.id, a.id, NEW.id, s.id, s.channel, s.target,
           jsonb_build_object(
               'deliveryId', NEW.id || ':' || s.id,
               'change', NEW.change, 'at', NEW.at, 'by', NEW.actor, 'note', NEW.note,
               'alert', jsonb_build_object('id', a.id, 'kind', a.kind, 'status', a.status, 'facility', a.facility,
                   'district', a.district, 'medicine', a.medicine, 'lot', a.lot, 'referral', a.referral,
                   'message', a.message, 'raisedAt', a.raised_at)),
           NEW.at
    FROM mh.alert a
    JOIN mh.subscription s ON s.active
    WHERE a.id = NEW.alert_id
      AND (s.facility IS NULL OR s.facility = a.facility)
      AND (s.district IS NULL OR s.district = a.district)
      AND (cardinality(s.kinds) = 0 OR a.kind = ANY (s.kinds))
      AND (s.role IS NULL
           OR (s.role = 'district_manager' AND NEW.change = 'escalated')
           OR (s.role = 'facility_head' AND a.kind IN ('stock_out', 'below_eop', 'expiring', 'expired_on_shelf',
                                                     'report_overdue', 'prescribed_item_unavailable'))
           OR (s.role = 'referral_coordinator' AND a.kind IN ('referral_not_accepted', 'appointment_missed',
                                                            'back_referral_overdue', 'follow_up_missed',
                                                            'prescribed_item_unavailable')))
    ON CONFLICT (idempotency_key) DO NOTHING;
    RETURN NEW;
END
$$;

CREATE TRIGGER alert_change_enqueue AFTER INSERT ON alert_change FOR EACH ROW EXECUTE FUNCTION enqueue_alert_change();
