// The printable monthly report: one A4 page per district (css "print": @page A4, the rest of the screen hidden) with
// the indicators, the worst facilities, the stock-outs and the overdue referrals. Hidden on screen; window.print() shows it.
// Lists are cut to what fits one page, the rest counted ("and 4 more"), so a district never spills onto a second page.

import { h } from './dom.js';
import { t, fmt } from './i18n.js';
import { facilityName, medicineName } from './ref.js';
import { indicatorsTable } from './indicators.js';
import { overdueTable } from './screens/district.js';

const MAX_FACILITIES = 5;
const MAX_STOCKOUTS = 10;
const MAX_OVERDUE = 6;

/**
 * The facilities to look at first: those that never reported, then the most stock-outs, then the most below the
 * emergency order point (the heat map's own figures).
 */
export function worstFacilities({ items, facilityIds, reporting }) {
  return facilityIds.map((f) => {
    const mine = items.filter((i) => i.facility === f);
    return { id: f, reported: reporting.has(f), out: mine.filter((i) => i.status === 'stocked_out').length, eop: mine.filter((i) => i.status === 'below_eop').length };
  })
    .filter((r) => !r.reported || r.out > 0 || r.eop > 0)
    .sort((a, b) => Number(a.reported) - Number(b.reported) || b.out - a.out || b.eop - a.eop)
    .slice(0, MAX_FACILITIES);
}

const more = (n) => (n > 0 ? h('p', { class: 'hint' }, t('districtReport.more', { n })) : null);

function page({ id, name, heat, late, indicators }, { period, meds, facs }) {
  const worst = worstFacilities(heat);
  const outs = heat.items.filter((i) => i.status === 'stocked_out')
    .sort((a, b) => facilityName(facs, a.facility).localeCompare(facilityName(facs, b.facility)) || medicineName(meds, a.medicine).localeCompare(medicineName(meds, b.medicine)));
  const titleId = `report-title-${id || 'all'}`;
  return h('section', { class: 'report-page', 'aria-labelledby': titleId, dataset: { district: id || '' } },
    h('h2', { id: titleId }, t('districtReport.title', { district: name, period })),
    h('p', { class: 'hint' }, t('districtReport.printed', { date: fmt.date(new Date()) })),
    indicators ? indicatorsTable(indicators, meds, { compact: true }) : h('p', {}, t('indicators.unavailable')),
    h('div', { class: 'report-columns' },
      h('div', {},
        h('h3', {}, t('districtReport.worstTitle')),
        worst.length === 0 ? h('p', {}, t('districtReport.noWorst')) : h('table', { class: 'data' },
          h('caption', { class: 'visually-hidden' }, t('districtReport.worstTitle')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('districtReport.colFacility')),
            h('th', { scope: 'col', class: 'num' }, t('districtReport.colOut')),
            h('th', { scope: 'col', class: 'num' }, t('districtReport.colEop')))),
          h('tbody', {}, worst.map((r) => h('tr', {},
            h('th', { scope: 'row' }, facilityName(facs, r.id), r.reported ? null : h('small', { class: 'no-report' }, ' ', t('district.noReportYet'))),
            h('td', { class: 'num' }, fmt.num(r.out)),
            h('td', { class: 'num' }, fmt.num(r.eop))))))),
      h('div', {},
        h('h3', {}, t('districtReport.stockoutsTitle', { n: outs.length })),
        outs.length === 0 ? h('p', {}, t('districtReport.noStockouts')) : h('ul', { class: 'compact' },
          outs.slice(0, MAX_STOCKOUTS).map((i) => h('li', {}, t('districtReport.stockoutLine', { facility: facilityName(facs, i.facility), medicine: medicineName(meds, i.medicine) })))),
        more(outs.length - MAX_STOCKOUTS))),
    h('h3', {}, t('district.overdueTitle', { n: late.length })),
    late.length === 0 ? h('p', {}, t('worklist.empty')) : overdueTable(late.slice(0, MAX_OVERDUE), facs, { links: false }),
    more(late.length - MAX_OVERDUE));
}

/** The report of every district given (the screen's first), hidden until printed. */
export function districtReport(pages, options) {
  return h('div', { class: 'print-report', id: 'district-report', role: 'region', 'aria-label': t('districtReport.label') },
    pages.map((p) => page(p, options)));
}
