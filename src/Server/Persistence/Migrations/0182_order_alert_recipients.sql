-- Order alerts (issue 18) reach facility heads' role subscriptions: order_not_approved the supplier's head (it is raised
-- for the supplier), shipment_not_received the ordering facility's head. Patched into whatever definition the trigger
-- function has now (as 0174 did), so its other rules (payload, one SMS per number) stay as they are.
SET LOCAL search_path TO mh, public;

DO $$
DECLARE
    definition text := pg_get_functiondef('mh.enqueue_alert_change()'::regprocedure);
    patched text;
BEGIN
    IF position('''order_not_approved''' IN definition) > 0 THEN
        RETURN;
    END IF;
    patched := replace(definition, '''report_overdue'', ''prescribed_item_unavailable'')',
                       '''report_overdue'', ''prescribed_item_unavailable'', ''order_not_approved'', ''shipment_not_received'')');
    IF patched = definition THEN
        RAISE EXCEPTION 'enqueue_alert_change does not list the facility head''s kinds as expected; cannot add the order alerts';
    END IF;
    EXECUTE patched;
END
$$;
