-- Webhook secrets at rest: sealed with AES-256-GCM under a key from configuration (Privacy:SecretKeys; the format is in
-- src/Grains/Privacy/SecretProtector.cs), never in clear.
--
-- SQL cannot seal the clear secrets stored so far: the key is in configuration, never in the database. So this file
-- adds the sealed column and forbids new clear secrets, and WebhookSecretSealing (an IDataMigration that follows this
-- version) then seals every clear secret and empties the clear column, in this same transaction and under the
-- migrator's advisory lock. Either both happen or neither does: no secret is lost, none stays clear after the commit,
-- and a later migration can drop the emptied column.
SET LOCAL search_path TO mh, public;

ALTER TABLE subscription ADD COLUMN secret_sealed bytea;  -- version byte, key id, nonce, tag, ciphertext

-- NOT VALID: checked on every insert and update from now on, while the rows from before wait (moments) for the sealing.
ALTER TABLE subscription ADD CONSTRAINT subscription_secret_not_in_clear CHECK (secret IS NULL) NOT VALID;
COMMENT ON COLUMN subscription.secret IS 'no longer used: emptied by migration 0140, webhook secrets are in secret_sealed';
