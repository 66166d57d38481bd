-- Districts and regions by name (the facility registry only carries their ids): a screen heads a district with its
-- name, in the reader's language when the place has one for it (names: {"fr": "...", "ar": "..."}), else its name.
-- A place with no row here is shown by its id. Admins write it (PUT /api/v1/places/{id}).
SET LOCAL search_path TO mh, public;

CREATE TABLE IF NOT EXISTS place (
    id          text PRIMARY KEY,
    level       text NOT NULL CHECK (level IN ('district', 'region')),
    name        text NOT NULL,
    names       jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL DEFAULT ''
);
