-- An alert says what it says as a template code with parameters as well as in English, so a client can render it in its
-- reader's language with its own names and dates (AlertMessages: one template per code). The due-index carries the code
-- and parameters of the alert a deadline raises, as it carries its English words.
-- Old alerts keep their English message; their code comes from their kind where a template of that name exists, and
-- their parameters from the columns they have (a template a client cannot fill from them falls back to the message).
SET LOCAL search_path TO mh, public;

ALTER TABLE alert ADD COLUMN message_code text, ADD COLUMN message_params jsonb NOT NULL DEFAULT '{}';
ALTER TABLE due_item ADD COLUMN message_code text, ADD COLUMN message_params jsonb NOT NULL DEFAULT '{}';

UPDATE alert SET message_code = kind,
                 message_params = jsonb_strip_nulls(jsonb_build_object('medicine', medicine, 'facility', facility, 'lot', lot,
                                                                       'referral', referral::text))
WHERE kind IN ('stock_out', 'below_eop', 'expiring', 'expired_on_shelf', 'report_overdue', 'prescribed_item_unavailable');
