// Every visible string comes from /i18n/{lang}.json through t(key). "xx-test" is a pseudo-locale built from English
// (each string marked, so a string that skipped t() shows), right-to-left when xx is a right-to-left language.

const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'ckb', 'yi', 'dv'];
let strings = {};
let lang = 'en';
let locale = 'en';
export const missing = new Set();

// The import map names each strings file's fingerprinted URL, cached for a year; an unknown language stays unmapped (a 404).
async function fetchStrings(name) {
  const res = await fetch(import.meta.resolve(`/i18n/${encodeURIComponent(name)}.json`));
  if (!res.ok) throw new Error(`no strings for ${name}`);
  return res.json();
}

export async function loadStrings() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked) sessionStorage.setItem('mh.lang', asked);
  let wanted = (asked || sessionStorage.getItem('mh.lang') || 'en').trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(wanted)) wanted = 'en';
  const pseudo = /-test$/i.test(wanted);
  const english = await fetchStrings('en');
  strings = english;
  lang = 'en';
  if (pseudo) {
    strings = Object.fromEntries(Object.entries(english).map(([k, v]) => [k, `«${v}»`]));
    lang = wanted;
  } else if (wanted !== 'en') {
    // A language we have no file for falls back to English; keys it lacks too.
    for (const name of [wanted, wanted.split('-')[0]]) {
      try {
        strings = { ...english, ...(await fetchStrings(name)) };
        lang = wanted;
        break;
      } catch { /* try the next */ }
    }
  }
  locale = pseudo || lang === 'en' ? 'en-GB' : lang;
  const base = lang.split('-')[0].toLowerCase();
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.includes(base) ? 'rtl' : 'ltr';
}

export function t(key, params) {
  let s = strings[key];
  if (s == null) {
    missing.add(key);
    console.warn(`missing string: ${key}`);
    s = key;
  }
  return params ? s.replace(/\{(\w+)\}/g, (m, k) => (params[k] != null ? String(params[k]) : m)) : s;
}

/** t() for a key that may not exist (e.g. a status the server added later): falls back to the raw value. */
export function tOr(key, fallback) {
  return strings[key] ?? fallback;
}

export const fmt = {
  num(n, digits = 0) {
    if (n == null || Number.isNaN(n)) return '–';
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  },
  date(value) {
    if (!value) return '–';
    const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
  },
  dateTime(value) {
    if (!value) return '–';
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      .format(new Date(value));
  },
  hours(h) {
    if (h == null) return '–';
    const days = Math.floor(h / 24);
    const rest = Math.round(h - days * 24);
    return days > 0 ? t('time.daysHours', { d: days, h: rest }) : t('time.hours', { h: Math.max(0, Math.round(h)) });
  },
};
