-- Referral access (ReferralAccessPolicy): the sending facility's district (its coordinators and managers follow the
-- referral too), and consent recorded per recipient: community services and named facilities besides the receiving
-- service (the existing `consent` column). The list query filters on these as the policy decides for one referral.
SET LOCAL search_path TO mh, public;

ALTER TABLE referral ADD COLUMN from_district text;
UPDATE referral r SET from_district = coalesce((SELECT f.district FROM facility f WHERE f.id = r.from_facility), r.district);
ALTER TABLE referral ALTER COLUMN from_district SET NOT NULL;
ALTER TABLE referral ADD COLUMN consent_community boolean NOT NULL DEFAULT false;
ALTER TABLE referral ADD COLUMN consent_facilities text[] NOT NULL DEFAULT '{}';

CREATE INDEX referral_from_district_status ON referral (from_district, status);
CREATE INDEX referral_service_unclaimed ON referral (district, to_service) WHERE to_facility IS NULL;
