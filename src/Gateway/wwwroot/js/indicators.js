// The indicators of a period for one place (facility, district), as a table with numerators and denominators, a CSV
// download, and a 12-month trend chart for each. Generic over the server's catalogue (app-config's `indicators`: code,
// unit, breakdowns): an indicator the server adds shows up with no change here; a value may be null (nothing to divide).

import { h, scroller, stackable, notice } from './dom.js';
import { t, tOr, fmt } from './i18n.js';
import { api } from './api.js';
import { appConfig, medicineName } from './ref.js';
import { downloadLink } from './csv.js';
import { trendChart } from './trend-chart.js';
import { token } from './auth.js';

const pad = (n) => String(n).padStart(2, '0');
const monthOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

/** The month before this one: the last complete month (the current one is still being reported). */
export function lastCompleteMonth(today = new Date()) {
  return monthOf(new Date(today.getFullYear(), today.getMonth() - 1, 1));
}

/** Shifts a YYYY-MM month by n months. */
export function shiftMonth(month, n) {
  const [y, m] = month.split('-').map(Number);
  return monthOf(new Date(y, m - 1 + n, 1));
}

/** The last month a period covers: 2026-11 → 2026-11, 2026Q4 → 2026-12, 2026 → 2026-12. */
export function lastMonthOf(period) {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${pad(Number(q[2]) * 3)}`;
  if (/^\d{4}$/.test(period)) return `${period}-12`;
  return period;
}

export const isPeriod = (p) => /^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$/.test(p || '');

/** A period in words: "Nov 2026", "Q4 2026", "2026" (short month names, as the heat map's legend and the charts). */
export function periodLabel(period) {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return t('period.quarter', { q: q[2], year: q[1] });
  if (/^\d{4}$/.test(period)) return period;
  const [y, m] = period.split('-').map(Number);
  return monthYear(new Date(y, m - 1, 1));
}

function monthYear(d) {
  const lang = document.documentElement.lang;
  const locale = /-test$/i.test(lang) || lang === 'en' ? 'en-GB' : lang;
  return new Intl.DateTimeFormat(locale, { numberingSystem: 'latn', calendar: 'gregory', month: 'short', year: 'numeric' }).format(d);
}

/** The periods offered: the last 12 complete months, the last 4 complete quarters, the last 2 complete years. */
function periodChoices(today = new Date()) {
  const months = Array.from({ length: 12 }, (_, i) => shiftMonth(lastCompleteMonth(today), -i));
  const quarters = [];
  let qEnd = new Date(today.getFullYear(), today.getMonth() - (today.getMonth() % 3), 1); // first month of this quarter
  for (let i = 0; i < 4; i += 1) {
    qEnd = new Date(qEnd.getFullYear(), qEnd.getMonth() - 3, 1);
    quarters.push(`${qEnd.getFullYear()}Q${Math.floor(qEnd.getMonth() / 3) + 1}`);
  }
  const years = [today.getFullYear() - 1, today.getFullYear() - 2].map(String);
  return [
    { label: t('period.months'), options: months.map((p) => [p, periodLabel(p)]) },
    { label: t('period.quarters'), options: quarters.map((p) => [p, periodLabel(p)]) },
    { label: t('period.years'), options: years.map((p) => [p, p]) },
  ];
}

/** A value in the reader's words: rates as percentages, days with their unit, counts as numbers; null as a dash. */
export function formatValue(value, unit) {
  if (value == null) return t('indicators.noValue');
  if (unit === 'rate') return fmt.percent(value);
  if (unit === 'days') return t('indicators.days', { n: fmt.num(value, 1) });
  return fmt.num(value, 1);
}

const countsText = (v) => (v.numerator == null && v.denominator == null ? '–'
  : v.denominator == null ? fmt.num(v.numerator, 1) : t('indicators.counts', { numerator: fmt.num(v.numerator, 1), denominator: fmt.num(v.denominator, 1) }));

export const indicatorName = (code) => tOr(`indicator.${code}.name`, code);

/** A breakdown member in words: a medicine by name, a category, sex or urgency by its label; age bands as they are. */
function memberLabel(dimension, member, meds) {
  switch (dimension) {
    case 'medicine': return medicineName(meds, member);
    case 'category': return tOr(`mhgap.${member}`, member);
    case 'sex': return tOr(`sex.${member}`, member);
    case 'urgency': return tOr(`urgency.${member}`, member);
    default: return member;
  }
}

// treatment_interruptions joins supply and care: it sits right after the tracer stock-out rate, its medicines named.
const PAIRS = { tracer_stockout_rate: 'treatment_interruptions' };

/** The catalogue in the order the rows show: the server's order, each pair's second right after its first. */
function ordered(catalogue) {
  const seconds = new Set(Object.values(PAIRS));
  const out = [];
  for (const d of catalogue) {
    if (seconds.has(d.code)) continue;
    out.push(d);
    const second = catalogue.find((x) => x.code === PAIRS[d.code]);
    if (second) out.push(second);
  }
  return out;
}

/** The answer of GET /indicators grouped per indicator: { whole, members: [{ dimension, member, ... }] }. */
function grouped(values) {
  const by = new Map();
  for (const v of values) {
    const g = by.get(v.indicator) || { whole: null, members: [] };
    if (!v.breakdown || Object.keys(v.breakdown).length === 0) g.whole = v;
    else {
      const [dimension, member] = Object.entries(v.breakdown)[0];
      g.members.push({ ...v, dimension, member });
    }
    by.set(v.indicator, g);
  }
  return by;
}

export async function loadIndicators(level, id, period) {
  const q = `period=${encodeURIComponent(period)}&level=${encodeURIComponent(level)}${id ? `&id=${encodeURIComponent(id)}` : ''}`;
  const [answer, config] = await Promise.all([api(`/api/v1/indicators?${q}`), appConfig()]);
  const catalogue = config.indicators?.length ? config.indicators : [...new Set(answer.values.map((v) => v.indicator))].map((code) => ({ code, unit: 'count', breakdowns: [] }));
  return { answer, catalogue: ordered(catalogue), groups: grouped(answer.values), csvUrl: `/api/v1/indicators?${q}&format=csv` };
}

/** The indicators table (caption `indicators.caption`), one row per indicator, breakdown members in a <details>. */
export function indicatorsTable({ catalogue, groups }, meds, { compact = false } = {}) {
  const rows = catalogue.map((d) => {
    const g = groups.get(d.code) || { whole: null, members: [] };
    const whole = g.whole || { value: null };
    const members = g.members.slice().sort((a, b) => a.dimension.localeCompare(b.dimension) || (b.value ?? -1) - (a.value ?? -1));
    // The medicines involved in treatment interruptions are shown, not folded away: they are what to restock.
    const involved = d.code === 'treatment_interruptions' ? members.filter((m) => m.dimension === 'medicine' && m.value > 0) : [];
    const name = h('th', { scope: 'row' }, indicatorName(d.code),
      involved.length ? h('p', { class: 'hint involved' }, t('indicators.medicinesInvolved', { medicines: involved.map((m) => memberLabel('medicine', m.member, meds)).join(', ') })) : null,
      !compact && members.length ? h('details', { class: 'breakdown' },
        h('summary', {}, t('indicators.breakdown', { n: members.length })),
        h('ul', {}, members.map((m) => h('li', {},
          h('span', {}, `${tOr(`indicators.dimension.${m.dimension}`, m.dimension)}: ${memberLabel(m.dimension, m.member, meds)}`), ' ',
          h('strong', { class: 'num' }, formatValue(m.value, d.unit)), ' ',
          h('span', { class: 'hint' }, countsText(m)))))) : null);
    return h('tr', { class: PAIRS[d.code] || Object.values(PAIRS).includes(d.code) ? 'paired' : null, dataset: { indicator: d.code } },
      name,
      h('td', { class: 'num value' }, formatValue(whole.value, d.unit)),
      h('td', { class: 'num' }, countsText(whole)));
  });
  const table = h('table', { class: 'data indicators-table' },
    h('caption', {}, t('indicators.caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('indicators.colIndicator')),
      h('th', { scope: 'col', class: 'num' }, t('indicators.colValue')),
      h('th', { scope: 'col', class: 'num' }, t('indicators.colCounts')))),
    h('tbody', {}, rows));
  // On a phone each row is a card: the indicator's name, then its value first (the key figure), then the counts.
  return stackable(table, 2);
}

/** Fetches the server's CSV with the bearer token (a plain link cannot send it) and hands it to the browser as a file. */
function serverCsvLink(url, filename) {
  return h('a', {
    href: url, download: filename, class: 'csv-link',
    onclick: async (e) => {
      e.preventDefault();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token()}`, Accept: 'text/csv' }, cache: 'no-store' });
      if (!res.ok) return;
      const href = URL.createObjectURL(await res.blob());
      const a = h('a', { href, download: filename, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60000);
    },
  }, t('csv.download', { table: t('indicators.caption') }));
}

/**
 * The indicators section of a screen: the period picker (month by default, quarters and years too), the table, its
 * CSV and the 12-month trends to the period's last month. `onPeriod(p)` is called when the reader picks another period.
 */
export async function indicatorsSection({ level, id, period, meds, onPeriod, placeName }) {
  const data = await loadIndicators(level, id, period);
  const pickId = 'indicator-period';
  const filename = `indicators-${level}${id ? `-${id}` : ''}-${period}.csv`;
  const section = h('section', { 'aria-labelledby': 'indicators-title', class: 'indicators' },
    h('h2', { id: 'indicators-title' }, t('indicators.title', { period: periodLabel(period) })),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'filter' },
        h('label', { for: pickId }, t('indicators.period')),
        h('select', { id: pickId, onchange: (e) => onPeriod(e.target.value) },
          periodChoices().map((g) => h('optgroup', { label: g.label },
            g.options.map(([v, text]) => h('option', { value: v, selected: v === period }, text))))))),
    data.answer.values.length === 0 ? notice('info', t('indicators.none')) : null,
    scroller(t('indicators.caption'), indicatorsTable(data, meds)),
    h('p', {}, serverCsvLink(data.csvUrl, filename)));
  const trends = h('section', { 'aria-labelledby': 'trends-title', class: 'trends' },
    h('h3', { id: 'trends-title' }, t('trend.title')));
  section.append(trends);
  const to = [lastMonthOf(period), lastCompleteMonth()].sort()[0];
  const from = shiftMonth(to, -11);
  const figures = await Promise.all(data.catalogue.map(async (d) => {
    try {
      const q = `indicator=${encodeURIComponent(d.code)}&level=${encodeURIComponent(level)}${id ? `&id=${encodeURIComponent(id)}` : ''}&from=${from}&to=${to}`;
      const res = await api(`/api/v1/indicators/trend?${q}`);
      return h('li', {}, trendChart(res.points, { code: d.code, unit: d.unit, name: indicatorName(d.code), place: placeName, periodLabel, formatValue }));
    } catch {
      return h('li', {}, h('p', { class: 'hint' }, t('trend.unavailable', { indicator: indicatorName(d.code) })));
    }
  }));
  trends.append(h('ul', { class: 'trend-list' }, figures));
  section.data = data;
  return section;
}
