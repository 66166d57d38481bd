// Every visible string comes from /i18n/{lang}.json through t(key). "xx-test" is a pseudo-locale built from English
// (each string marked, so a string that skipped t() shows), right-to-left when xx is a right-to-left language.

const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'ckb', 'yi', 'dv'];
let strings = {};
let lang = 'en';
let locale = 'en';
let rtl = false;
export const missing = new Set();

// U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE: a value set into a right-to-left sentence (a number,
// a date, a medicine or facility name, a patient code like 22-B) keeps its own direction and cannot pull the sentence's
// neighbouring signs ("-", ".", ":") to its side. Only in right-to-left pages: in left-to-right ones the marks change
// nothing visible, and the strings stay plain for whoever compares them.
const FSI = '\u2068';
const PDI = '\u2069';

/** The value isolated from the surrounding text when the page is right-to-left (as each t() parameter is). */
export function isolate(value) {
  const s = String(value);
  return rtl && s !== '' ? `${FSI}${s}${PDI}` : s;
}

// Digits: Western (0-9) in every language, Arabic included ('latn'). Stock cards, registers, medicine strengths and
// the SMS syntax in these settings use Western digits, so one figure reads the same on paper, phone and screen; dates
// on the Gregorian calendar, the one reporting periods follow.
const NUMBERS = { numberingSystem: 'latn' };
const DATES = { numberingSystem: 'latn', calendar: 'gregory' };

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
  rtl = RTL.includes(base);
  document.documentElement.dir = rtl ? 'rtl' : 'ltr';
}

export function t(key, params) {
  let s = strings[key];
  if (s == null) {
    missing.add(key);
    console.warn(`missing string: ${key}`);
    s = key;
  }
  return params ? s.replace(/\{(\w+)\}/g, (m, k) => (params[k] != null ? isolate(params[k]) : m)) : s;
}

/** t() for a key that may not exist (e.g. a status the server added later): falls back to the raw value. */
export function tOr(key, fallback) {
  return strings[key] ?? fallback;
}

export const fmt = {
  num(n, digits = 0) {
    if (n == null || Number.isNaN(n)) return '–';
    return new Intl.NumberFormat(locale, { ...NUMBERS, maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  },
  /** A rate in 0..1 as a percentage (0.5 → "50%", "50 %" in French). */
  percent(n, digits = 1) {
    if (n == null || Number.isNaN(n)) return '–';
    return new Intl.NumberFormat(locale, { ...NUMBERS, style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  },
  date(value) {
    if (!value) return '–';
    const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
    return new Intl.DateTimeFormat(locale, { ...DATES, year: 'numeric', month: 'short', day: 'numeric' }).format(d);
  },
  dateTime(value) {
    if (!value) return '–';
    return new Intl.DateTimeFormat(locale, { ...DATES, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      .format(new Date(value));
  },
  hours(h) {
    if (h == null) return '–';
    const days = Math.floor(h / 24);
    const rest = Math.round(h - days * 24);
    return days > 0 ? t('time.daysHours', { d: days, h: rest }) : t('time.hours', { h: Math.max(0, Math.round(h)) });
  },
};
