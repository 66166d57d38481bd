// The district manager's screen: a heat map of stock status (medicine rows × facility columns, each cell its status in
// words and its months of stock), the redistribution suggestions (js/screens/redistribution.js), the indicators of a
// period with their trends, the overdue referrals and the escalated alerts; every table downloadable as CSV, and a printable monthly report (one A4 page per district, js/district-report.js).

import { h, notice, scroller } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { all, api } from '../api.js';
import * as auth from '../auth.js';
import { medicines, facilities, places, placeName, medicineName, facilityName, statusLabel, STATUSES } from '../ref.js';
import { inbox } from './alerts.js';
import { whyText } from './referrals.js';
import { indicatorsSection, loadIndicators, lastCompleteMonth, isPeriod, periodLabel } from '../indicators.js';
import { downloadLink } from '../csv.js';
import { districtReport } from '../district-report.js';
import { redistributionSection } from './redistribution.js';

// At 360 px the medicine column stays put while the facilities scroll beside it (app.css "alerts, orders, heat map"), so
// it shows the short name (name and strength) and gives the full one (with the form) as its title and to screen readers.
function shortName(meds, code) {
  const m = meds.get(code);
  const full = medicineName(meds, code);
  const short = m ? [m.name, m.strength].filter(Boolean).join(' ') : code;
  return short === full ? full : [h('span', { 'aria-hidden': 'true' }, short), h('span', { class: 'visually-hidden' }, full)];
}

/**
 * The heat map's figures for one district (or every district in reach when districtId is null): the stock items, the
 * facility columns (every active facility, those that never reported too) and which of them reported.
 */
export async function heatData(districtId, { tracerOnly = false, meds, facs } = {}) {
  const q = districtId ? `?district=${encodeURIComponent(districtId)}` : '';
  const stock = await all(`/api/v1/stock${q}`);
  const items = stock.items.filter((i) => !tracerOnly || meds.get(i.medicine)?.tracer);
  // Every active facility of the district is a column, those with no card too: a facility that never reported is the
  // one to chase, so it must not vanish from the map.
  const registered = [...facs.values()].filter((f) => f.active !== false && f.level && (!districtId || f.district === districtId) && 'active' in f).map((f) => f.id);
  const reporting = new Set(stock.items.map((i) => i.facility));
  const facilityIds = [...new Set([...registered, ...items.map((i) => i.facility)])].sort((a, b) => facilityName(facs, a).localeCompare(facilityName(facs, b)));
  const medicineIds = [...new Set(items.map((i) => i.medicine))].sort((a, b) => medicineName(meds, a).localeCompare(medicineName(meds, b)));
  return { items, facilityIds, medicineIds, reporting };
}

/** The overdue referrals of a district (the coordinator's worklist), latest first; empty when the role may not list them. */
export async function overdueReferrals(districtId) {
  try {
    const res = await api(`/api/v1/referrals?overdue=true&pageSize=500${districtId ? `&district=${encodeURIComponent(districtId)}` : ''}`);
    return res.items.filter((r) => r.due?.overdue).sort((a, b) => (b.due.hoursLate || 0) - (a.due.hoursLate || 0));
  } catch {
    return [];
  }
}

/** The heat map as CSV rows: one per facility and medicine, a facility with no card as one `no_report` row. */
function heatCsvRows({ items, facilityIds, reporting }, meds, facs) {
  const rows = [['facility', 'facility_name', 'medicine', 'medicine_name', 'status', 'soh', 'mos', 'stockout_days_this_month']];
  for (const f of facilityIds) {
    const mine = items.filter((i) => i.facility === f).sort((a, b) => a.medicine.localeCompare(b.medicine));
    if (mine.length === 0 && !reporting.has(f)) rows.push([f, facilityName(facs, f), '', '', 'no_report', '', '', '']);
    for (const i of mine) rows.push([f, facilityName(facs, f), i.medicine, medicineName(meds, i.medicine), i.status, i.soh, i.mos, i.stockoutDaysThisMonth]);
  }
  return rows;
}

/** The overdue referrals table (caption `district.overdueCaption`). */
export function overdueTable(late, facs, { links = true } = {}) {
  return h('table', { class: 'data overdue-table' },
    h('caption', {}, t('district.overdueCaption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('worklist.colPatient')),
      h('th', { scope: 'col', class: 'num' }, t('worklist.colLate')),
      h('th', { scope: 'col' }, t('worklist.colWhy')),
      h('th', { scope: 'col' }, t('worklist.colFrom')))),
    h('tbody', {}, late.map((r) => h('tr', {},
      h('th', { scope: 'row' }, links ? h('a', { href: `/referrals/${r.id}` }, r.patientCode) : r.patientCode, ' ',
        h('span', { class: `badge urgency-${r.urgency}` }, tOr(`urgency.${r.urgency}`, r.urgency))),
      h('td', { class: 'num' }, fmt.hours(r.due.hoursLate)),
      h('td', {}, whyText(r.due)),
      h('td', {}, r.fromFacilityName || facilityName(facs, r.fromFacility))))));
}

const overdueCsvRows = (late, facs) => [['referral', 'patient', 'urgency', 'status', 'hours_late', 'why', 'from_facility', 'from_facility_name'],
  ...late.map((r) => [r.id, r.patientCode, r.urgency, r.status, r.due.hoursLate, r.due.code || r.due.kind, r.fromFacility, r.fromFacilityName || facilityName(facs, r.fromFacility)])];

export async function district(view, ctx) {
  const districtId = auth.currentDistrict() || ctx.query.get('district');
  const tracerOnly = ctx.query.get('tracer') === '1';
  const asked = ctx.query.get('period');
  const period = isPeriod(asked) ? asked : lastCompleteMonth();
  const urlWith = (changes) => {
    const q = new URLSearchParams(ctx.query);
    for (const [k, v] of Object.entries(changes)) if (v == null) q.delete(k); else q.set(k, v);
    const s = q.toString();
    return `/district${s ? `?${s}` : ''}`;
  };
  const [meds, facs, named] = await Promise.all([medicines(), facilities().catch(() => new Map()), places()]);
  const [heat, late] = await Promise.all([heatData(districtId, { tracerOnly, meds, facs }), overdueReferrals(districtId)]);
  const { items, facilityIds, medicineIds, reporting } = heat;
  const districtName = districtId ? placeName(named, districtId) : null;
  view.append(h('h1', {}, t('district.title')),
    // The district by its registered name (GET /api/v1/places); a district nobody named yet is said by its id.
    h('p', { class: 'lead district-name' }, !districtId ? t('district.allDistricts') : named.has(districtId) ? districtName : t('district.subtitle', { district: districtId })),
    h('p', { class: 'screen-only' }, h('button', { type: 'button', onclick: () => window.print() }, t('district.printReport'))));
  const cell = new Map(items.map((i) => [`${i.medicine}|${i.facility}`, i]));
  const out = new Set(items.filter((i) => i.status === 'stocked_out' && meds.get(i.medicine)?.tracer).map((i) => i.facility));
  const csvName = (what) => `${what}-${districtId || 'all'}-${period}.csv`;
  view.append(
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'check' },
        h('input', { type: 'checkbox', id: 'tracer-only', checked: tracerOnly, onchange: (e) => ctx.navigate(urlWith({ tracer: e.target.checked ? '1' : null }), { replace: true }) }),
        h('label', { for: 'tracer-only' }, t('district.tracerOnly')))),
    h('p', {}, t('district.summary', { out: out.size, total: facilityIds.length })),
    h('ul', { class: 'legend-list', 'aria-label': t('district.legend') }, STATUSES.map((s) => h('li', {}, h('span', { class: `badge status-${s}` }, `${tOr(`statusShort.${s}`, s)} = ${statusLabel(s)}`)))),
    items.length === 0 ? notice('info', t('district.empty')) : scroller(t('district.caption'), h('table', { class: 'heat' },
      h('caption', {}, t('district.caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stock.colMedicine')),
        facilityIds.map((f) => h('th', { scope: 'col', title: facilityName(facs, f) }, facilityName(facs, f),
          reporting.has(f) ? null : h('small', { class: 'no-report' }, t('district.noReportYet')))))),
      h('tbody', {}, medicineIds.map((m) => h('tr', {},
        h('th', { scope: 'row', title: medicineName(meds, m) }, shortName(meds, m)),
        facilityIds.map((f) => {
          const i = cell.get(`${m}|${f}`);
          if (!i) return h('td', { class: 'none' }, h('span', { 'aria-hidden': 'true' }, '·'), h('span', { class: 'visually-hidden' }, t('district.notStocked')));
          // A cell opens that facility's card of the medicine: the figures behind the colour.
          return h('td', { class: `status-${i.status}`, title: statusLabel(i.status) },
            h('a', { href: `/stock/${encodeURIComponent(m)}?facility=${encodeURIComponent(f)}`, 'aria-label': t('district.openCard', { medicine: medicineName(meds, m), facility: facilityName(facs, f) }) },
              h('span', { 'aria-hidden': 'true' }, tOr(`statusShort.${i.status}`, i.status)),
              h('span', { class: 'visually-hidden' }, statusLabel(i.status)),
              h('small', {}, i.mos == null ? '' : t('district.mos', { mos: fmt.num(i.mos, 1) }))));
        })))))),
    h('p', { class: 'screen-only' }, downloadLink(t('csv.download', { table: t('district.caption') }), csvName('heat-map'), heatCsvRows(heat, meds, facs))),
  );
  // Where stock to spare in the district can cover a shortage before anyone orders more (one district at a time).
  if (districtId) {
    const moves = await redistributionSection(districtId, { meds, facs });
    if (moves) view.append(moves);
  }
  const level = districtId ? 'district' : 'national';
  const indicators = await indicatorsSection({
    level, id: districtId, period, meds, placeName: districtName || t('district.allDistricts'),
    onPeriod: (p) => ctx.navigate(urlWith({ period: p }), { replace: true }),
  }).catch((e) => notice('error', t('indicators.unavailable'), ' ', e.message));
  view.append(indicators);
  view.append(h('section', { 'aria-labelledby': 'overdue-title', class: 'overdue' },
    h('h2', { id: 'overdue-title' }, t('district.overdueTitle', { n: late.length })),
    late.length === 0 ? notice('ok', t('worklist.empty')) : [
      scroller(t('district.overdueCaption'), overdueTable(late, facs)),
      h('p', { class: 'screen-only' }, downloadLink(t('csv.download', { table: t('district.overdueCaption') }), csvName('overdue-referrals'), overdueCsvRows(late, facs))),
    ]));
  const escalated = h('section', { 'aria-labelledby': 'escalated-title' });
  view.append(escalated);
  await inbox(escalated, ctx, {
    query: districtId ? `&district=${encodeURIComponent(districtId)}` : '', escalatedOnly: true,
    heading: h('h2', { id: 'escalated-title' }, t('district.escalatedTitle')),
  });
  // The printed report: one page per district the manager covers (this one from the figures already fetched).
  const others = (ctx.user.districts || []).filter((d) => d !== districtId);
  const pages = [{ id: districtId, name: districtName || t('district.allDistricts'), heat, late, indicators: indicators.data }];
  for (const d of others) {
    try {
      const [h2, l2] = await Promise.all([heatData(d, { meds, facs }), overdueReferrals(d)]);
      pages.push({ id: d, name: placeName(named, d), heat: h2, late: l2, indicators: await loadIndicators('district', d, period) });
    } catch { /* a district the server refuses is left out of the print */ }
  }
  view.append(districtReport(pages, { period: periodLabel(period), meds, facs }));
}
