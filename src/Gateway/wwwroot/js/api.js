// Calls to /api with the bearer token. A 401 sends the user back to sign-in; problem details become ApiError, and
// problemText() words any of them in the reader's language.

import { token } from './auth.js';
import { t, tOr, fmt } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || (status === 0 ? 'network' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem || null;
  }

  /** Field → messages of a validation problem. */
  get fields() {
    return this.problem?.errors || {};
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export async function api(path, { method = 'GET', body, contentType, signal, headers: extra = {} } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  const tok = token();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  let payload = body;
  if (body != null && contentType == null && typeof body !== 'string') {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, signal, cache: 'no-store' });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  if (res.status === 401) {
    onUnauthorized();
    throw new ApiError(401, null);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Every page of a paged list (pageSize 500), up to max items. */
export async function all(path, max = 5000) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api(`${path}${sep}page=${page}&pageSize=500`);
    items.push(...(res.items || []));
    if (items.length >= (res.total ?? 0) || (res.items || []).length === 0 || items.length >= max) return { ...res, items };
  }
}

/**
 * GET that falls back to the last answer saved on this device when the network is down, so the pharmacist's screens
 * open offline. Returns { data, savedAt } where savedAt is set only for a saved (possibly stale) answer.
 */
export async function cached(path, loader = () => api(path)) {
  const key = `mh.cache.${path}`;
  try {
    const data = await loader();
    try { localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), data })); } catch { /* full: skip */ }
    return { data, savedAt: null };
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) {
      const saved = localStorage.getItem(key);
      if (saved) {
        const { at, data } = JSON.parse(saved);
        return { data, savedAt: at };
      }
    }
    throw e;
  }
}

// A server message is a code and its parameters (src/Domain/Messages): its words are `error.{code}` in every language
// (an SMS reply's `sms.*` code is its own key), its parameters the wire forms below, worded here as the reader writes
// them. One function for every screen, so a problem reads the same wherever it shows.
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const STATE_PARAMS = ['status', 'from'];

/** A message's parameters in the reader's words: figures and days in the local format, states, steps and roles by name. */
export function readableParams(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) {
    if (typeof v === 'number') out[k] = fmt.num(v);
    else if (typeof v !== 'string') out[k] = v;
    else if (ISO_DAY.test(v)) out[k] = fmt.date(v);
    else if (ISO_INSTANT.test(v)) out[k] = fmt.dateTime(v);
    else if (k === 'type' || k === 'lineType') out[k] = tOr(`typeNoun.${v}`, v);
    else if (STATE_PARAMS.includes(k)) out[k] = v.split(',').map((s) => tOr(`state.${s}`, tOr(`followUpStatus.${s}`, s))).join(', ');
    else if (k === 'action' || k === 'next') out[k] = v.split(',').map((a) => tOr(`action.${a}`, a)).join(', ');
    else if (k === 'role') out[k] = tOr(`error.capacity.${v}`, v.replace(/_/g, ' '));
    else if (k === 'field') out[k] = tOr(`field.${v}`, v);
    else out[k] = v;
  }
  return out;
}

/** The words of a message code with its parameters, or the server's English text when this app has no words for it. */
export function messageText(code, params, fallback) {
  if (!code) return fallback ?? '';
  const key = code.startsWith('sms.') ? code : `error.${code}`;
  return tOr(key, null) == null ? (fallback ?? code) : t(key, readableParams(params));
}

/** Any failed call in the reader's words: the problem's message code, each field's codes, or the plain status. */
export function problemText(e) {
  if (!e) return t('error.generic');
  if (e.status === 0) return t('error.offline');
  const p = e.problem;
  if (p?.code) return messageText(p.code, p.params, p.title);
  const fields = p?.errors;
  if (fields && Object.keys(fields).length) {
    return Object.entries(fields).map(([f, msgs]) => {
      const coded = p.codes?.[f];
      const words = [].concat(msgs).map((m, i) => (coded?.[i] ? messageText(coded[i].code, coded[i].params, m) : m));
      return `${tOr(`field.${f}`, f)}: ${words.join(' ')}`;
    }).join('; ');
  }
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404) return t('error.notFound');
  return p?.title || t('error.generic');
}
