// The offline outbox of stock reports. Every report is saved on the device (localStorage, per user) with its client UUID
// *before* it is sent; it leaves the outbox only when the server has answered for it (accepted, duplicate or rejected).
// Sending again after a lost answer is safe: the server answers a known id as a duplicate and applies it once.
// Sync runs at once after a report, on the browser's `online` event, on start-up and on a retry timer with back-off.

import { api, ApiError } from './api.js';
import { user } from './auth.js';
import { uuid } from './dom.js';

const BATCH = 500;
const KEEP_OUTCOMES = 100;
let syncing = null;
let retryTimer = null;
let retryDelay = 5000;
const listeners = new Set();

const key = (what) => `mh.${what}.${user()?.sub || 'anonymous'}`;

function read(what) {
  try { return JSON.parse(localStorage.getItem(key(what)) || '[]'); } catch { return []; }
}

function write(what, value) {
  localStorage.setItem(key(what), JSON.stringify(value));
}

function changed(info = {}) {
  for (const fn of listeners) fn({ pending: pending(), outcomes: outcomes(), syncing: !!syncing, ...info });
}

/** fn({ pending, outcomes, syncing, lastSync? }) on every change; returns an unsubscribe function. */
export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const pending = () => read('outbox');
export const outcomes = () => read('outcomes');

/** Saves events (each with a fresh id) for the facility and starts sending. Returns the saved entries. */
export function add(facility, events) {
  const now = new Date().toISOString();
  const entries = events.map((event) => ({ facility, queuedAt: now, event: { id: uuid(), ...event } }));
  write('outbox', [...pending(), ...entries]);
  changed();
  sync();
  return entries;
}

export function clearOutcomes() {
  write('outcomes', []);
  changed();
}

export function isSyncing() {
  return !!syncing;
}

/** Sends everything pending; one run at a time. Resolves to { sent, accepted, duplicate, rejected, failed }. */
export function sync() {
  if (!syncing) {
    syncing = run().finally(() => { syncing = null; changed(); });
    changed();
  }
  return syncing;
}

async function run() {
  clearTimeout(retryTimer);
  const summary = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, failed: false };
  if (!user()) return summary;
  const byFacility = new Map();
  for (const entry of pending()) {
    if (!byFacility.has(entry.facility)) byFacility.set(entry.facility, []);
    byFacility.get(entry.facility).push(entry);
  }
  for (const [facility, entries] of byFacility) {
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      let answers;
      try {
        const res = await api(`/api/v1/facilities/${encodeURIComponent(facility)}/stock-events`, {
          method: 'POST', body: { events: batch.map((e) => e.event) },
        });
        answers = new Map(res.results.map((r) => [r.id, r]));
      } catch (e) {
        if (e instanceof ApiError && [400, 403, 404].includes(e.status)) {
          // The whole batch was refused (not this user's facility, unknown facility): no resend can fix that.
          const code = e.status === 403 ? 'forbidden' : e.status === 404 ? 'not_found' : 'invalid';
          answers = new Map(batch.map((b) => [b.event.id, { id: b.event.id, outcome: 'rejected', error: { code, message: e.message } }]));
        } else {
          // Offline, a 5xx, or signed out (401): keep everything and try again later.
          summary.failed = true;
          scheduleRetry();
          settle([], summary);
          return summary;
        }
      }
      settle(batch.map((b) => ({ entry: b, result: answers.get(b.event.id) })).filter((x) => x.result), summary);
    }
  }
  retryDelay = 5000;
  changed({ lastSync: summary });
  return summary;
}

function settle(done, summary) {
  if (done.length === 0) return;
  const ids = new Set(done.map((d) => d.entry.event.id));
  write('outbox', pending().filter((e) => !ids.has(e.event.id)));
  const at = new Date().toISOString();
  const fresh = done.map(({ entry, result }) => ({
    ...entry, outcome: result.outcome, error: result.error || null, answeredAt: at,
  }));
  write('outcomes', [...fresh.reverse(), ...outcomes()].slice(0, KEEP_OUTCOMES));
  for (const f of fresh) {
    summary.sent += 1;
    summary[f.outcome] = (summary[f.outcome] || 0) + 1;
  }
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => { if (pending().length) sync(); }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 120000);
}

/** Called once at start: resend on reconnect, on start-up, and now and then (navigator.onLine can be wrong). */
export function start() {
  window.addEventListener('online', () => { retryDelay = 5000; if (pending().length) sync(); });
  window.addEventListener('offline', () => changed());
  window.addEventListener('storage', (e) => { if (e.key?.startsWith('mh.outbox') || e.key?.startsWith('mh.outcomes')) changed(); });
  setInterval(() => { if (pending().length && navigator.onLine && !syncing) sync(); }, 60000);
  if (pending().length) sync();
}
