-- The language a reporter phone is answered in (the SMS replies of a stock report: its confirmation and its errors),
-- one of the web app's languages. Existing phones keep English, the language their replies were in.
SET LOCAL search_path TO mh, public;

ALTER TABLE sms_reporter ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'en';
ALTER TABLE sms_reporter DROP CONSTRAINT IF EXISTS sms_reporter_language_check;
ALTER TABLE sms_reporter ADD CONSTRAINT sms_reporter_language_check CHECK (language IN ('en', 'fr', 'ar'));
