-- Alerts reach subscribers in their language: a subscription says which (en, fr or ar; English by default, as before),
-- and the delivery job words an e-mail or SMS from the alert's template code and parameters in it. The outbox payload
-- carries them (messageCode, messageParams) beside the English message, so a webhook receiver can do the same and a
-- delivery retried later still says what the alert said when it changed.
SET LOCAL search_path TO mh, public;

ALTER TABLE subscription ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'en';
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'subscription_language_check') THEN
        ALTER TABLE mh.subscription ADD CONSTRAINT subscription_language_check CHECK (language IN ('en', 'fr', 'ar'));
    END IF;
END
$$;

-- The payload's alert object gains the code and parameters, in whatever definition the trigger function has now (as 0171
-- patched it): its other rules (who receives what, one SMS per number) stay as they are.
DO $$
DECLARE
    definition text := pg_get_functiondef('mh.enqueue_alert_change()'::regprocedure);
    patched text;
BEGIN
    IF position('''messageCode''' IN definition) > 0 THEN
        RETURN;
    END IF;
    patched := replace(definition, '''message'', a.message,',
                       '''message'', a.message, ''messageCode'', a.message_code, ''messageParams'', a.message_params,');
    IF patched = definition THEN
        RAISE EXCEPTION 'enqueue_alert_change does not put the alert''s message in its payload; cannot add messageCode';
    END IF;
    EXECUTE patched;
END
$$;
