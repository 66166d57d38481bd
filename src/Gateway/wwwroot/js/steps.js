// The offline outbox of everything that is not a stock report: referral steps, follow-up visits, back-referral
// acknowledgements and alert acknowledgements. Each is saved on the device (IndexedDB, per user) with its own client id
// *before* it is sent, and leaves only when the server has answered for it. Resending after a lost answer is safe: a
// referral step or visit carries its id and the server answers a known id as the first time ("Idempotent-Replayed");
// an acknowledgement of an alert already acknowledged changes nothing. Sync runs at once, on the `online` event, on
// start-up, on a retry timer with back-off and from the banner's button, like the stock outbox (queue.js).

import { ApiError, problemText } from './api.js';
import { token, user } from './auth.js';
import { uuid } from './dom.js';

const DB = 'mh-steps';
const STORE = 'steps';
const KEEP_OUTCOMES = 50;
const listeners = new Set();
let dbPromise = null;
let syncing = null;
let retryTimer = null;
let retryDelay = 5000;
let pendingCache = [];

function db() {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('sub', 'sub');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return dbPromise;
}

function request(mode, fn) {
  return db().then((d) => new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const result = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}

const sub = () => user()?.sub || 'anonymous';

async function mine() {
  const all = (await request('readonly', (s) => s.index('sub').getAll(sub()))) || [];
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

const outcomesKey = () => `mh.stepOutcomes.${sub()}`;

/** The latest answered steps on this device, newest first: { label, outcome, message?, answeredAt }. */
export function outcomes() {
  try { return JSON.parse(localStorage.getItem(outcomesKey()) || '[]'); } catch { return []; }
}

function remember(entry, outcome, message) {
  const list = [{ id: entry.id, label: entry.label, outcome, message: message || null, answeredAt: new Date().toISOString() }, ...outcomes()];
  localStorage.setItem(outcomesKey(), JSON.stringify(list.slice(0, KEEP_OUTCOMES)));
}

/** Steps waiting on this device (as last read). */
export const pending = () => pendingCache;

async function refresh(info = {}) {
  try { pendingCache = await mine(); } catch { pendingCache = []; }
  for (const fn of listeners) fn({ pending: pendingCache, syncing: !!syncing, ...info });
}

/** fn({ pending, syncing, lastSync? }) on every change; returns an unsubscribe function. */
export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The body of an entry as sent: referral steps and visits carry the entry's id so that a resend is recognised. */
const bodyOf = (entry) => (entry.idempotent ? { ...entry.body, id: entry.id } : entry.body);

/**
 * One attempt: 'accepted' / 'duplicate' with the answer, 'rejected' with the problem (a client mistake no resend can
 * fix), or 'pending' (offline, a 5xx, a 401: kept for later).
 */
async function send(entry) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const tok = token();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  let res;
  try {
    res = await fetch(entry.path, { method: 'POST', headers, body: JSON.stringify(bodyOf(entry)), cache: 'no-store' });
  } catch {
    return { outcome: 'pending' };
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (res.ok) return { outcome: res.headers.get('Idempotent-Replayed') === 'true' ? 'duplicate' : 'accepted', data };
  if (res.status >= 500 || res.status === 401 || res.status === 408 || res.status === 429) return { outcome: 'pending' };
  return { outcome: 'rejected', error: new ApiError(res.status, data) };
}

async function drop(entry) {
  await request('readwrite', (s) => s.delete(entry.id));
}

/**
 * Saves a step on the device, then sends it. Resolves to { outcome: 'accepted'|'duplicate', data } when the server
 * took it, { outcome: 'pending' } when it waits on the device; rejects with the ApiError of a refusal (the entry is
 * dropped: the form shows why, with what was typed still in it).
 * @param {{ path: string, body: object, label: string, idempotent?: boolean }} step
 */
export async function submit({ path, body, label, idempotent = true }) {
  const entry = { id: uuid(), sub: sub(), path, body, label, idempotent, queuedAt: new Date().toISOString() };
  await request('readwrite', (s) => s.put(entry));
  await refresh();
  const answer = await send(entry);
  if (answer.outcome === 'pending') {
    scheduleRetry();
    return answer;
  }
  await drop(entry);
  remember(entry, answer.outcome, answer.error && problemText(answer.error));
  await refresh();
  if (answer.outcome === 'rejected') throw answer.error;
  return answer;
}

/** Sends every waiting step, oldest first; one run at a time. Resolves to { sent, accepted, duplicate, rejected, failed }. */
export function sync() {
  if (!syncing) {
    syncing = run().finally(() => { syncing = null; refresh(); });
    refresh();
  }
  return syncing;
}

async function run() {
  clearTimeout(retryTimer);
  const summary = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, failed: false };
  if (!user()) return summary;
  for (const entry of await mine()) {
    const answer = await send(entry);
    if (answer.outcome === 'pending') {
      // Later steps of the same referral depend on this one: stop and keep the order.
      summary.failed = true;
      scheduleRetry();
      break;
    }
    await drop(entry);
    remember(entry, answer.outcome, answer.error && problemText(answer.error));
    summary.sent += 1;
    summary[answer.outcome] += 1;
  }
  if (!summary.failed) retryDelay = 5000;
  await refresh({ lastSync: summary });
  return summary;
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => { if (pendingCache.length) sync(); }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 120000);
}

/** Called once at start (after sign-in): resend on reconnect, on start-up and now and then. */
export function start() {
  window.addEventListener('online', () => { retryDelay = 5000; if (pendingCache.length) sync(); });
  setInterval(() => { if (pendingCache.length && navigator.onLine && !syncing) sync(); }, 60000);
  refresh().then(() => { if (pendingCache.length) sync(); });
}
