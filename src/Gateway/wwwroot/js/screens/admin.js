// The admin's page: the medicines list, the facility registry and the adjustment reasons (read-only here; the API edits them).

import { h, scroller } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { medicines, facilities, appConfig, reasonLabel } from '../ref.js';

export async function admin(view) {
  const [meds, facs, config] = await Promise.all([medicines(), facilities(), appConfig()]);
  const reasons = config.adjustmentReasons ?? [];
  view.append(
    h('h1', {}, t('admin.title')),
    h('p', {}, h('a', { href: '/scalar/v1', 'data-external': '' }, t('admin.apiReference'))),
    h('section', { 'aria-labelledby': 'fac-title' }, h('h2', { id: 'fac-title' }, t('admin.facilities', { n: facs.size })),
      scroller(t('admin.facilitiesCaption'), h('table', { class: 'data' },
        h('caption', {}, t('admin.facilitiesCaption')),
        h('thead', {}, h('tr', {}, ['admin.colId', 'admin.colName', 'admin.colLevel', 'admin.colDistrict', 'admin.colServices'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, [...facs.values()].map((f) => h('tr', {},
          h('td', {}, h('code', {}, f.id)), h('th', { scope: 'row' }, f.name), h('td', {}, tOr(`level.${f.level}`, f.level)), h('td', {}, f.district),
          h('td', {}, f.services.map((s) => tOr(`service.${s}`, s)).join(', ')))))))),
    h('section', { 'aria-labelledby': 'med-title' }, h('h2', { id: 'med-title' }, t('admin.medicines', { n: meds.size })),
      scroller(t('admin.medicinesCaption'), h('table', { class: 'data' },
        h('caption', {}, t('admin.medicinesCaption')),
        h('thead', {}, h('tr', {}, ['admin.colCode', 'admin.colName', 'admin.colStrength', 'admin.colCategory', 'admin.colTracer'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, [...meds.values()].map((m) => h('tr', {},
          h('td', {}, h('code', {}, m.code)), h('th', { scope: 'row' }, m.name), h('td', {}, `${m.strength} ${m.form}`), h('td', {}, m.category),
          h('td', {}, m.tracer ? t('common.yes') : t('common.no')))))))),
    h('section', { 'aria-labelledby': 'reason-title' }, h('h2', { id: 'reason-title' }, t('admin.reasons', { n: reasons.length })),
      h('p', { class: 'hint' }, t('admin.reasonsHint')),
      scroller(t('admin.reasonsCaption'), h('table', { class: 'data' },
        h('caption', {}, t('admin.reasonsCaption')),
        h('thead', {}, h('tr', {}, ['admin.colCode', 'admin.colName', 'admin.colDirection', 'admin.colCategory', 'admin.colActive'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, reasons.map((r) => h('tr', {},
          h('td', {}, h('code', {}, r.reason)), h('th', { scope: 'row' }, reasonLabel(config, r.reason)),
          h('td', {}, t(r.credit ? 'direction.credit' : 'direction.debit')), h('td', {}, tOr(`reasonCategory.${r.category}`, r.category)),
          h('td', {}, r.active ? t('common.yes') : t('common.no')))))))),
  );
}
