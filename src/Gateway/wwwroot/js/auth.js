// The signed-in user: a bearer token (from /dev/token in Development, the configured issuer in Production) and the
// claims it carries. Pharmacists keep it in localStorage so reports queued offline can still be sent after a reload;
// everyone else in sessionStorage (gone with the tab).

const KEY = 'mh.token';
const PERSISTENT_ROLES = ['pharmacist'];

function decode(token) {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

const list = (v) => (v == null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

export function token() {
  return sessionStorage.getItem(KEY) || localStorage.getItem(KEY);
}

/** The current user, or null when there is no token or it has expired. */
export function user() {
  const tok = token();
  if (!tok) return null;
  const claims = decode(tok);
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) return null;
  return {
    sub: String(claims.sub || ''),
    role: String(list(claims.role)[0] || ''),
    facilities: list(claims.facility),
    districts: list(claims.district),
    exp: claims.exp,
  };
}

/** Keeps the token; false when it is not a readable JWT. */
export function signIn(tok) {
  const claims = decode(tok.trim());
  if (!claims || !claims.role) return false;
  signOut();
  const role = list(claims.role)[0];
  (PERSISTENT_ROLES.includes(role) ? localStorage : sessionStorage).setItem(KEY, tok.trim());
  return true;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
  sessionStorage.removeItem('mh.facility');
}

/** The facility the user works at now: one of the token's, chosen in the header when there are several. */
export function currentFacility() {
  const u = user();
  if (!u || u.facilities.length === 0) return null;
  const chosen = sessionStorage.getItem('mh.facility');
  return u.facilities.includes(chosen) ? chosen : u.facilities[0];
}

export function setFacility(id) {
  sessionStorage.setItem('mh.facility', id);
}

export function currentDistrict() {
  const u = user();
  if (!u || u.districts.length === 0) return null;
  const chosen = sessionStorage.getItem('mh.district');
  return u.districts.includes(chosen) ? chosen : u.districts[0];
}

export function setDistrict(id) {
  sessionStorage.setItem('mh.district', id);
}
