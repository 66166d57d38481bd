// The facility's stock list (status by text and colour, months of stock) and a stock card with its running balance
// and a chart of stock on hand over time with the min-max band.

import { h, notice, scroller, stackable } from '../dom.js';
import { t, fmt } from '../i18n.js';
import { all, cached } from '../api.js';
import * as auth from '../auth.js';
import {
  medicines, facilities, appConfig, takesStockOff, reasonLabel, medicineName, facilityName, statusLabel, statusRank, typeLabel, STATUSES, problemText,
} from '../ref.js';
import { stockChart } from '../chart.js';

/**
 * The status to show: no stock is "Stocked out" whatever the consumption history. The server says so too
 * (StockCalculator.StatusFor); a copy saved on the device before that rule, or a card read as of an old day, must not
 * show a shelf at 0 as "No consumption data".
 */
export const shownStatus = (item) => (item && item.soh <= 0 ? 'stocked_out' : item?.status);

export function badge(status) {
  return h('span', { class: `badge status-${status}` }, statusLabel(status));
}

export function savedNotice(savedAt) {
  if (!savedAt) return null;
  const box = notice('info', t('common.savedCopy', { at: fmt.dateTime(savedAt) }));
  box.classList.add('stale');
  return box;
}

/** The facility's stock, from the network or the copy saved on this device. */
export async function facilityStock(facility) {
  return cached(`/api/v1/facilities/${encodeURIComponent(facility)}/stock`);
}

export async function stockList(view, ctx) {
  const facility = auth.currentFacility();
  if (!facility) {
    view.append(h('h1', {}, t('stock.title')), notice('info', t('stock.noFacility')));
    return;
  }
  const [{ data, savedAt }, meds, facs] = await Promise.all([facilityStock(facility), medicines(), facilities().catch(() => new Map())]);
  const wanted = ctx.query.get('status') || '';
  const all = data.items.map((i) => ({ ...i, status: shownStatus(i) }));
  const items = all
    .filter((i) => !wanted || i.status === wanted)
    .sort((a, b) => statusRank(a.status) - statusRank(b.status) || medicineName(meds, a.medicine).localeCompare(medicineName(meds, b.medicine)));
  const counts = Object.fromEntries(STATUSES.map((s) => [s, all.filter((i) => i.status === s).length]));
  const reporter = ['pharmacist', 'facility_head'].includes(ctx.user.role);
  const filter = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'stock-status' }, t('stock.filterStatus')),
    h('select', {
      id: 'stock-status',
      onchange: (e) => ctx.navigate(e.target.value ? `/stock?status=${e.target.value}` : '/stock', { replace: true }),
    }, h('option', { value: '' }, t('stock.allStatuses', { n: data.items.length })),
    STATUSES.filter((s) => counts[s] > 0 || s === wanted).map((s) => h('option', { value: s, selected: s === wanted }, `${statusLabel(s)} (${counts[s]})`))));
  view.append(
    h('h1', {}, t('stock.title')),
    h('p', { class: 'lead' }, t('stock.subtitle', { facility: facilityName(facs, facility), date: fmt.date(data.asOf) })),
    savedNotice(savedAt),
    reporter ? h('div', { class: 'actions compact' },
      h('a', { class: 'button primary small', href: '/report' }, t('stock.reportButton')),
      h('a', { class: 'button small', href: '/count' }, t('stock.countButton')),
      h('a', { class: 'button small', href: '/upload' }, t('stock.uploadButton'))) : null,
    filter,
    items.length === 0 ? notice('info', t('stock.empty')) : scroller(t('stock.caption'), stackable(h('table', { class: 'data stock-table' },
      h('caption', {}, t('stock.caption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('stock.colMedicine')),
        h('th', { scope: 'col' }, t('stock.colStatus')),
        h('th', { scope: 'col', class: 'num' }, t('stock.colSoh')),
        h('th', { scope: 'col', class: 'num' }, t('stock.colMos')))),
      h('tbody', {}, items.map((i) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/stock/${encodeURIComponent(i.medicine)}` }, medicineName(meds, i.medicine))),
        h('td', {}, badge(i.status)),
        h('td', { class: 'num' }, fmt.num(i.soh)),
        h('td', { class: 'num' }, i.mos == null ? '–' : fmt.num(i.mos, 1)))))))),
  );
}

export async function stockCard(view, ctx) {
  const facility = auth.currentFacility() || ctx.query.get('facility');
  const [medicine] = ctx.params;
  const months = Number(ctx.query.get('months') || 6);
  const [meds, facs, config] = await Promise.all([medicines(), facilities().catch(() => new Map()), appConfig()]);
  const name = medicineName(meds, medicine);
  view.append(h('h1', {}, t('card.title', { medicine: name })));
  if (!facility) {
    view.append(notice('info', t('stock.noFacility')));
    return;
  }
  const from = months > 0 ? new Date(Date.now() - months * 30.4375 * 86400000).toISOString().slice(0, 10) : null;
  const base = `/api/v1/facilities/${encodeURIComponent(facility)}/stock/${encodeURIComponent(medicine)}/card${from ? `?from=${from}` : ''}`;
  let lines;
  let stock;
  try {
    [{ data: lines }, { data: stock }] = await Promise.all([cached(base, () => all(base)), facilityStock(facility)]);
  } catch (e) {
    view.append(notice('error', problemText(e)));
    return;
  }
  const found = stock.items.find((i) => i.medicine === medicine);
  const item = found ? { ...found, status: shownStatus(found) } : null;
  const level = facs.get(facility)?.level;
  const policy = config.policies?.[level];
  const amc = item?.amc;
  const band = policy && amc ? { min: policy.min * amc, max: policy.max * amc, eop: policy.emergencyOrderPoint * amc } : null;
  const rows = lines.items || [];
  view.append(
    h('p', { class: 'lead' }, facilityName(facs, facility)),
    item ? h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, t('stock.colStatus')), h('dd', {}, badge(item.status))),
      h('div', {}, h('dt', {}, t('stock.colSoh')), h('dd', {}, fmt.num(item.soh))),
      h('div', {}, h('dt', {}, t('card.amc')), h('dd', {}, item.amc == null ? '–' : fmt.num(item.amc, 1))),
      h('div', {}, h('dt', {}, t('stock.colMos')), h('dd', {}, item.mos == null ? '–' : fmt.num(item.mos, 1))),
      h('div', {}, h('dt', {}, t('card.projected')), h('dd', {}, fmt.date(item.projectedStockoutDate))),
      h('div', {}, h('dt', {}, t('card.suggested')), h('dd', {}, item.suggestedOrder == null ? '–' : fmt.num(item.suggestedOrder))),
      h('div', {}, h('dt', {}, t('card.stockoutDays')), h('dd', {}, fmt.num(item.stockoutDaysThisMonth))),
    ) : null,
    ['pharmacist', 'facility_head'].includes(ctx.user.role)
      ? h('div', { class: 'actions' }, h('a', { class: 'button primary', href: `/report?medicine=${encodeURIComponent(medicine)}` }, t('card.reportThis')))
      : null,
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'card-period' }, t('card.period')),
      h('select', { id: 'card-period', onchange: (e) => ctx.navigate(`/stock/${encodeURIComponent(medicine)}?months=${e.target.value}`, { replace: true }) },
        [[3, 'card.months3'], [6, 'card.months6'], [12, 'card.months12'], [0, 'card.allTime']]
          .map(([v, k]) => h('option', { value: v, selected: v === months }, t(k))))),
    h('section', { 'aria-labelledby': 'chart-title' },
      h('h2', { id: 'chart-title' }, t('card.chartTitle')),
      rows.length ? stockChart(rows, band, { from, soh: item?.soh, takesOff: (l) => takesStockOff(config, l.type, l.reason) }) : notice('info', t('card.noLines')),
      band ? h('p', { class: 'hint' }, t('card.bandLegend', { min: fmt.num(band.min), max: fmt.num(band.max), eop: fmt.num(band.eop) })) : h('p', { class: 'hint' }, t('card.noBand'))),
    h('section', { 'aria-labelledby': 'lines-title' },
      h('h2', { id: 'lines-title' }, t('card.linesTitle')),
      rows.length === 0 ? null : scroller(t('card.caption'), linesTable(rows, facs, config))),
  );
}

function linesTable(rows, facs, config) {
  const unknownCounterpart = config?.unknownCounterpart;
  const table = h('table', { class: 'data card-lines' },
    h('caption', {}, t('card.caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('card.colDate')),
      h('th', { scope: 'col' }, t('card.colType')),
      h('th', { scope: 'col', class: 'num' }, t('card.colQuantity')),
      h('th', { scope: 'col', class: 'num' }, t('card.colBalance')),
      h('th', { scope: 'col' }, t('card.colDetail')))),
    h('tbody', {}, [...rows].reverse().map((l) => h('tr', {},
      h('td', { class: 'nowrap' }, fmt.date(l.occurredAt)),
      h('td', {}, typeLabel(l.type)),
      h('td', { class: 'num' }, signed(l, config)),
      h('td', { class: 'num' }, fmt.num(l.balance)),
      h('td', { class: 'wide' }, [l.reason ? reasonLabel(config, l.reason) : null, l.lot ? t('card.lot', { lot: l.lot }) : null,
        l.otherFacility ? (l.otherFacility === unknownCounterpart ? t('report.unknownCounterpart') : facilityName(facs, l.otherFacility)) : null]
        .filter(Boolean).join(' · '))))));
  // Date, event, quantity and balance share a line on a phone; the detail gets the next.
  return stackable(table, 4);
}

/** The sign of a line: an adjustment's is its reason's, from the server's catalogue (a reason's direction never changes). */
function signed(line, config) {
  if (line.type === 'physical_count') {
    return line.variance ? `= ${fmt.num(line.quantity)} (${line.variance > 0 ? '+' : ''}${fmt.num(line.variance)})` : `= ${fmt.num(line.quantity)}`;
  }
  const minus = takesStockOff(config, line.type, line.reason);
  return `${minus ? '−' : '+'}${fmt.num(line.quantity)}`;
}

