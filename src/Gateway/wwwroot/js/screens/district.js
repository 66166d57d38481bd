// The district manager's screen: a heat map of stock status (medicine rows × facility columns, each cell its status in
// words and its months of stock) and the escalated alerts.

import { h, notice, scroller } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { all } from '../api.js';
import * as auth from '../auth.js';
import { medicines, facilities, medicineName, facilityName, statusLabel, STATUSES } from '../ref.js';
import { inbox } from './alerts.js';

// At 360 px the medicine column stays put while the facilities scroll beside it (app.css "alerts, orders, heat map"), so
// it shows the short name (name and strength) and gives the full one (with the form) as its title and to screen readers.
function shortName(meds, code) {
  const m = meds.get(code);
  const full = medicineName(meds, code);
  const short = m ? [m.name, m.strength].filter(Boolean).join(' ') : code;
  return short === full ? full : [h('span', { 'aria-hidden': 'true' }, short), h('span', { class: 'visually-hidden' }, full)];
}

export async function district(view, ctx) {
  const districtId = auth.currentDistrict() || ctx.query.get('district');
  const tracerOnly = ctx.query.get('tracer') === '1';
  const q = districtId ? `?district=${encodeURIComponent(districtId)}` : '';
  const [stock, meds, facs] = await Promise.all([all(`/api/v1/stock${q}`), medicines(), facilities().catch(() => new Map())]);
  view.append(h('h1', {}, t('district.title')), h('p', { class: 'lead' }, districtId ? t('district.subtitle', { district: districtId }) : t('district.allDistricts')));
  const items = stock.items.filter((i) => !tracerOnly || meds.get(i.medicine)?.tracer);
  // Every active facility of the district is a column, those with no card too: a facility that never reported is the
  // one to chase, so it must not vanish from the map.
  const registered = [...facs.values()].filter((f) => f.active !== false && f.level && (!districtId || f.district === districtId) && 'active' in f).map((f) => f.id);
  const reporting = new Set(items.map((i) => i.facility));
  const facilityIds = [...new Set([...registered, ...reporting])].sort((a, b) => facilityName(facs, a).localeCompare(facilityName(facs, b)));
  const medicineIds = [...new Set(items.map((i) => i.medicine))].sort((a, b) => medicineName(meds, a).localeCompare(medicineName(meds, b)));
  const cell = new Map(items.map((i) => [`${i.medicine}|${i.facility}`, i]));
  const out = new Set(items.filter((i) => i.status === 'stocked_out' && meds.get(i.medicine)?.tracer).map((i) => i.facility));
  view.append(
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'check' },
        h('input', { type: 'checkbox', id: 'tracer-only', checked: tracerOnly, onchange: (e) => ctx.navigate(e.target.checked ? '/district?tracer=1' : '/district', { replace: true }) }),
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
  );
  const escalated = h('section', { 'aria-labelledby': 'escalated-title' });
  view.append(escalated);
  await inbox(escalated, ctx, {
    query: districtId ? `&district=${encodeURIComponent(districtId)}` : '', escalatedOnly: true,
    heading: h('h2', { id: 'escalated-title' }, t('district.escalatedTitle')),
  });
}
