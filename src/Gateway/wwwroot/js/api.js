// Calls to /api with the bearer token. A 401 sends the user back to sign-in; problem details become ApiError.

import { token } from './auth.js';

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
