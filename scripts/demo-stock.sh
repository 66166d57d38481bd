#!/usr/bin/env bash
# Loads four months of stock history for the demo facility phc-camp-a through the API, once (skipped when the
# facility already has stock events). Usage: scripts/demo-stock.sh BASE_URL PHARMACIST_TOKEN
set -euo pipefail
base=$1
token=$2
facility=phc-camp-a

if curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/facilities/$facility/stock" | grep -q '"lastEventAt"'; then
  exit 0
fi

uuid() { cat /proc/sys/kernel/random/uuid; }
events=()
add() { # medicine type quantity days-ago [extra-json]
  local at
  at=$(date -u -d "-$4 days" +%Y-%m-%dT09:00:00Z)
  events+=("{\"id\":\"$(uuid)\",\"medicine\":\"$1\",\"type\":\"$2\",\"quantity\":$3,\"occurredAt\":\"$at\"${5:+,$5}}")
}
expiry=$(date -u -d "+60 days" +%Y-%m-%d)
add fluoxetine-cap-20mg receipt 400 125 '"otherFacility":"wh-district","lot":"FLX-2401","expiry":"2027-06-30"'
add haloperidol-tab-5mg receipt 300 125 '"otherFacility":"wh-district"'
add carbamazepine-tab-200mg receipt 500 125 '"otherFacility":"wh-district","lot":"CBZ-2402","expiry":"'"$expiry"'"'
add amitriptyline-tab-25mg receipt 200 125 '"otherFacility":"wh-district"'
for week in $(seq 1 17); do
  days=$((125 - week * 7))
  add fluoxetine-cap-20mg issue 22 "$days"
  add haloperidol-tab-5mg issue 16 "$days"
  add carbamazepine-tab-200mg issue 25 "$days"
  add amitriptyline-tab-25mg issue 8 "$days"
done
add haloperidol-tab-5mg adjustment 4 20 '"reason":"damaged"'
body="{\"events\":[$(IFS=,; echo "${events[*]}")]}"
curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "$base/api/v1/facilities/$facility/stock-events" -d "$body" >/dev/null
echo "Loaded demo stock history for $facility (${#events[@]} events)."
