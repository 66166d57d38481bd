-- The DHIS2 mapping (docs/domain.md, "Indicators", export): which data element and category option combo each indicator
-- (and breakdown member) is sent as, and which organisation unit each facility, district and region is. Configuration an
-- admin replaces whole (PUT /api/v1/hmis/dhis2/mapping, JSON or CSV); the export and the push read it.
SET LOCAL search_path TO mh, public;

CREATE TABLE IF NOT EXISTS dhis2_data_element (
    indicator              text NOT NULL,
    dimension              text NOT NULL DEFAULT '',   -- '' for the indicator's whole
    member                 text NOT NULL DEFAULT '',
    data_element           text NOT NULL,
    category_option_combo  text,
    PRIMARY KEY (indicator, dimension, member)
);

CREATE TABLE IF NOT EXISTS dhis2_org_unit (
    level     text NOT NULL CHECK (level IN ('facility', 'district', 'region')),
    id        text NOT NULL,
    org_unit  text NOT NULL,
    PRIMARY KEY (level, id)
);

CREATE TABLE IF NOT EXISTS dhis2_settings (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    data_set   text,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);
