// Reference data every screen names things with: medicines and facilities, fetched once per page load and saved on the
// device (the report form must work offline).

import { all, cached } from './api.js';
import { t, tOr, fmt } from './i18n.js';

let medicinesPromise;
let facilitiesPromise;
let configPromise;

export function medicines() {
  medicinesPromise ??= cached('/api/v1/medicines', () => all('/api/v1/medicines'))
    .then(({ data }) => new Map(data.items.map((m) => [m.code, m])))
    .catch((e) => { medicinesPromise = null; throw e; });
  return medicinesPromise;
}

export function facilities() {
  // The registry answers only the facilities within the caller's scope; the service directory names every facility
  // offering a service (where referrals go), so the two together name everything a screen shows.
  facilitiesPromise ??= Promise.all([
    cached('/api/v1/facilities', () => all('/api/v1/facilities')),
    cached('/api/v1/services', () => all('/api/v1/services')).catch(() => ({ data: { items: [] } })),
  ])
    .then(([{ data }, { data: services }]) => new Map([
      ...services.items.map((f) => [f.facility, { id: f.facility, name: f.name, level: f.level, district: f.district, services: f.services, referable: true }]),
      ...data.items.map((f) => [f.id, { ...f, referable: f.services?.length > 0 }]),
    ]))
    .catch((e) => { facilitiesPromise = null; throw e; });
  return facilitiesPromise;
}

let placesPromise;

/** The named districts and regions the user's scope reaches (GET /api/v1/places): id → { id, level, name, names }. */
export function places() {
  placesPromise ??= cached('/api/v1/places', () => all('/api/v1/places'))
    .then(({ data }) => new Map(data.items.map((p) => [p.id, p])))
    .catch(() => { placesPromise = null; return new Map(); });
  return placesPromise;
}

/** A district's or region's name in the page's language when it has one, else its name, else its id. */
export function placeName(map, id) {
  if (!id) return '–';
  const p = map?.get(id);
  if (!p) return id;
  const lang = document.documentElement.lang.split('-')[0];
  return p.names?.[lang] || p.name || id;
}

/** The adjustment reason of the server's catalogue (app-config), or undefined for one it does not list. */
function adjustmentReason(config, code) {
  return (config?.adjustmentReasons ?? []).find((r) => r.reason === code);
}

/** A reason's words: the app's own translation of a seeded reason, else the name an admin gave it, else its code. */
export function reasonLabel(config, code) {
  return tOr(`reason.${code}`, adjustmentReason(config, code)?.name ?? code);
}

/**
 * Whether an event or card line takes stock off the shelf: issues, transfers out, and adjustments whose reason is a debit
 * in the server's catalogue (a reason's direction never changes, so the catalogue gives every line's sign).
 */
export function takesStockOff(config, type, reason) {
  return type === 'issue' || type === 'transfer_out' || (type === 'adjustment' && adjustmentReason(config, reason)?.credit === false);
}

/** /app-config.json: the Production sign-in URL, the stock policies (months) per facility level, the adjustment reasons. */
export function appConfig() {
  configPromise ??= fetch('/app-config.json', { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => {
      const saved = localStorage.getItem('mh.app-config');
      return saved ? JSON.parse(saved) : {};
    })
    .then((c) => {
      try { localStorage.setItem('mh.app-config', JSON.stringify(c)); } catch { /* ignore */ }
      return c;
    });
  return configPromise;
}

export function medicineName(map, code) {
  const m = map?.get(code);
  if (!m) return code;
  return [m.name, m.strength, m.form].filter(Boolean).join(' ');
}

export function facilityName(map, id) {
  if (!id) return '–';
  return map?.get(id)?.name || id;
}

export const STATUSES = ['stocked_out', 'below_eop', 'below_min', 'ok', 'overstocked', 'unknown'];

/** Most urgent first. */
export const statusRank = (s) => {
  const i = STATUSES.indexOf(s);
  return i < 0 ? STATUSES.length : i;
};

export function statusLabel(s) {
  return tOr(`status.${s}`, s);
}

export function roleLabel(r) {
  return tOr(`role.${r}`, r);
}

export function typeLabel(type) {
  return tOr(`type.${type}`, type);
}

/** A stock-event error's text: the code's translation when we have one, else the server's message. */
export function eventErrorText(error) {
  if (!error) return '';
  const what = tOr(`eventError.${error.code}`, error.message || error.code);
  const field = error.field ? ` (${tOr(`field.${error.field}`, error.field)})` : '';
  return `${what}${field}`;
}

/** A failed call in the reader's words: one function for every screen (api.js). */
export { problemText } from './api.js';
