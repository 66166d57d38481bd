// The alert inbox (open alerts by default, newest first; filters by status and kind kept in the URL; acknowledge with a
// note) and, for a facility head, the facility's stock at a glance and its suggested orders. Suggested orders also have
// their own page. An alert reads in the reader's language: its template alertText.{messageCode} filled from messageParams,
// with names from the medicines list and the facility registry and dates in the local format; the server's English
// message when there is no such template or a parameter is missing (alerts older than their template).

import { h, field, notice, scroller, announce } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { api } from '../api.js';
import * as steps from '../steps.js';
import * as auth from '../auth.js';
import { medicines, facilities, medicineName, facilityName, statusLabel, statusRank, STATUSES, problemText, appConfig } from '../ref.js';
import { badge, facilityStock, savedNotice } from './stock.js';
import { indicatorsSection, lastCompleteMonth, isPeriod } from '../indicators.js';

const ACKNOWLEDGERS = ['facility_head', 'district_manager', 'referral_coordinator', 'admin'];
// The kinds the filter offers are the server's (AlertKinds.All, served in /app-config.json): no copy to fall behind.
// The inbox's status filter: 'open' unless the URL says otherwise; 'all' sends no status to the API.
const STATUS_FILTERS = [['open', 'alertStatus.open'], ['acknowledged', 'alertStatus.acknowledged'], ['resolved', 'alertStatus.resolved'], ['all', 'alerts.allStatuses']];

function monthName(iso) {
  const [y, m] = String(iso).split('-').map(Number);
  if (!y || !m) return iso;
  return new Intl.DateTimeFormat(document.documentElement.lang || 'en', { month: 'long', year: 'numeric' }).format(new Date(y, m - 1, 1));
}

function listOf(items) {
  try {
    return new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A facility by its code from the registry, else the name the alert was written with, else the code. */
function placeName(facs, code, written) {
  return facs?.has(code) ? facilityName(facs, code) : written || code;
}

/** A wait in minutes as its exact unit: days, hours or minutes (the server's DurationText words it the same way). */
function waitText(minutes) {
  const n = Number(minutes);
  if (n >= 1440 && n % 1440 === 0) return n === 1440 ? t('alertText.wait.day') : t('alertText.wait.days', { n: fmt.num(n / 1440) });
  if (n === 60) return t('alertText.wait.hour');
  if (n % 60 === 0) return t('alertText.wait.hours', { n: fmt.num(n / 60) });
  return t('alertText.wait.minutes', { n: fmt.num(n) });
}

/** Where a referral goes: the receiving facility, or the service asked for while no facility has claimed it. */
function referralTarget(p, facs) {
  if (p.to) return placeName(facs, p.to, p.toName);
  if (p.service) return t('alertText.toService', { service: tOr(`service.${p.service}`, p.service).toLocaleLowerCase(document.documentElement.lang || 'en') });
  return p.toName;
}

/** The alert's words in the reader's language (see the top of this file). */
export function alertText(alert, meds, facs) {
  const template = alert.messageCode ? tOr(`alertText.${alert.messageCode}`, null) : null;
  if (!template) return alert.message;
  const p = alert.messageParams || {};
  const medicine = p.medicine ?? alert.medicine;
  const facility = p.facility ?? alert.facility;
  const values = {
    ...p,
    medicine: medicine ? (meds?.has(medicine) ? medicineName(meds, medicine) : p.medicineName || medicine) : undefined,
    facility: facility ? (facs?.has(facility) ? facilityName(facs, facility) : p.facilityName || facility) : undefined,
    expiry: p.expiry ? fmt.date(p.expiry) : undefined,
    soh: p.soh != null ? fmt.num(p.soh) : undefined,
    mos: p.mos != null ? fmt.num(p.mos, 1) : undefined,
    months: Array.isArray(p.months) ? listOf(p.months.map(monthName)) : undefined,
    count: p.count != null ? fmt.num(p.count) : undefined,
    // Referral and follow-up alerts (referral_{why}, follow_up_*): the facilities by name, the urgency and wait in words.
    urgency: p.urgency ? tOr(`alertText.urgency.${p.urgency}`, p.urgency) : undefined,
    from: p.from ? placeName(facs, p.from, p.fromName) : undefined,
    to: p.to || p.service || p.toName ? referralTarget(p, facs) : undefined,
    wait: p.waitMinutes != null ? waitText(p.waitMinutes) : undefined,
    due: p.due ? fmt.date(p.due) : undefined,
    visitDue: p.visitDue ? fmt.date(p.visitDue) : undefined,
    seq: p.seq != null ? fmt.num(p.seq) : undefined,
    // Order alerts (order_not_approved, shipment_not_received): the days and quantities in the reader's numbers.
    submittedOn: p.submittedOn ? fmt.date(p.submittedOn) : undefined,
    shippedOn: p.shippedOn ? fmt.date(p.shippedOn) : undefined,
    medicines: p.medicines != null ? fmt.num(p.medicines) : undefined,
    units: p.units != null ? fmt.num(p.units) : undefined,
    // People on treatment plans a stock-out hits (stock_out_on_plans, below_eop_on_plans).
    people: p.people != null ? fmt.num(p.people) : undefined,
    nextDue: p.nextDue ? fmt.date(p.nextDue) : undefined,
    // A prescribed course against what is on hand, and who in the district has enough (prescribed_item_*).
    needed: p.needed != null ? fmt.num(p.needed) : undefined,
    elsewhereName: p.elsewhere ? placeName(facs, p.elsewhere, p.elsewhereName) : undefined,
    elsewhereSoh: p.elsewhereSoh != null ? fmt.num(p.elsewhereSoh) : undefined,
  };
  const text = t(`alertText.${alert.messageCode}`, values);
  // A placeholder left unfilled: the alert predates its parameters; its English words are complete.
  return /\{\w+\}/.test(text) ? alert.message : text;
}

export function alertCard(a, { meds, facs, canAck }) {
  const li = h('li', { class: `card${a.status === 'open' ? ' is-open' : ''}` });
  const paint = (alert) => {
    const titleId = `alert-${alert.id}`;
    li.replaceChildren(
      h('h3', { id: titleId }, tOr(`alertKind.${alert.kind}`, alert.kind),
        alert.medicine ? ` · ${medicineName(meds, alert.medicine)}` : ''),
      h('div', { class: 'badges' },
        h('span', { class: `badge alert-${alert.status}` }, tOr(`alertStatus.${alert.status}`, alert.status)),
        alert.escalatedAt ? h('span', { class: 'badge escalated' }, t('alerts.escalated')) : null),
      h('p', { class: 'alert-text' }, alertText(alert, meds, facs)),
      h('p', { class: 'meta' }, [
        alert.facility ? facilityName(facs, alert.facility) : null,
        t('alerts.raisedAt', { at: fmt.dateTime(alert.raisedAt) }),
        alert.acknowledgedAt ? t('alerts.acknowledgedAt', { at: fmt.dateTime(alert.acknowledgedAt), by: alert.acknowledgedBy || '' }) : null,
        alert.resolvedAt ? t('alerts.resolvedAt', { at: fmt.dateTime(alert.resolvedAt) }) : null,
      ].filter(Boolean).join(' · ')),
      alert.acknowledgementNote
        ? h('p', { class: 'ack-note' }, t('alerts.ackNote', { by: alert.acknowledgedBy || '', note: alert.acknowledgementNote }))
        : null,
      alert.referral ? h('p', {}, h('a', { href: `/referrals/${alert.referral}` }, t('alerts.openReferral'))) : null,
      canAck && alert.status === 'open' ? ackControl(alert, titleId, paint) : null,
    );
  };
  paint(a);
  return li;
}

function ackControl(alert, titleId, repaint) {
  const box = h('div', {});
  const open = h('button', {
    type: 'button', 'aria-describedby': titleId,
    onclick: () => {
      const note = field({ label: t('alerts.note'), name: 'note', kind: 'textarea', hint: t('alerts.noteHint'), attrs: { maxlength: 2000 } });
      const status = h('div', {});
      const form = h('form', {
        class: 'stack',
        onsubmit: async (e) => {
          e.preventDefault();
          const submit = form.querySelector('button[type=submit]');
          submit.disabled = true;
          try {
            // An acknowledgement needs no id: acknowledging an alert already acknowledged changes nothing.
            const sent = await steps.submit({
              path: `/api/v1/alerts/${alert.id}/acknowledge`, body: { note: note.control.value.trim() || null },
              label: t('steps.alertAck', { title: document.getElementById(titleId)?.textContent ?? '' }), idempotent: false,
            });
            if (sent.outcome === 'pending') {
              box.replaceChildren(notice('ok', t('steps.savedOffline', { step: t('alerts.acknowledge') })));
              return;
            }
            announce(t('alerts.acknowledgedDone'));
            repaint(sent.data);
          } catch (err) {
            submit.disabled = false;
            status.replaceChildren(notice('error', problemText(err)));
          }
        },
      }, note, status, h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', 'aria-describedby': titleId }, t('alerts.confirmAcknowledge')),
        h('button', { type: 'button', onclick: () => { box.replaceChildren(open); open.focus(); } }, t('common.cancel'))));
      box.replaceChildren(form);
      note.control.focus();
    },
  }, t('alerts.acknowledge'));
  box.append(open);
  return box;
}

export async function inbox(container, ctx, { query = '', escalatedOnly = false, heading = null } = {}) {
  const [res, meds, facs] = await Promise.all([
    api(`/api/v1/alerts?pageSize=200${query}`), medicines().catch(() => new Map()), facilities().catch(() => new Map()),
  ]);
  const items = escalatedOnly ? res.items.filter((a) => a.escalatedAt) : res.items;
  const canAck = ACKNOWLEDGERS.includes(ctx.user.role);
  container.append(
    heading,
    items.length === 0 ? notice('info', escalatedOnly ? t('alerts.noEscalated') : t('alerts.empty'))
      : h('ul', { class: 'cards', 'aria-label': t('alerts.listLabel') }, items.map((a) => alertCard(a, { meds, facs, canAck }))),
    res.total > res.items.length ? h('p', { class: 'hint' }, t('common.showingOf', { n: res.items.length, total: res.total })) : null,
  );
}

/** The inbox's URL for a status and a kind: the default (open, every kind) keeps the URL bare. */
function inboxUrl(status, kind) {
  const q = new URLSearchParams();
  if (status && status !== 'open') q.set('status', status);
  if (kind) q.set('kind', kind);
  const s = q.toString();
  return s ? `/alerts?${s}` : '/alerts';
}

export async function alerts(view, ctx) {
  const asked = ctx.query.get('status');
  const status = STATUS_FILTERS.some(([v]) => v === asked) ? asked : 'open';
  const kinds = (await appConfig()).alertKinds ?? [];
  const kind = kinds.includes(ctx.query.get('kind')) ? ctx.query.get('kind') : '';
  const filter = h('form', { class: 'filters alert-filters', onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'filter' },
      h('label', { for: 'alert-status' }, t('alerts.filterStatus')),
      h('select', { id: 'alert-status', onchange: (e) => ctx.navigate(inboxUrl(e.target.value, kind), { replace: true }) },
        STATUS_FILTERS.map(([v, k]) => h('option', { value: v, selected: v === status }, t(k))))),
    h('div', { class: 'filter' },
      h('label', { for: 'alert-kind' }, t('alerts.filterKind')),
      h('select', { id: 'alert-kind', onchange: (e) => ctx.navigate(inboxUrl(status, e.target.value), { replace: true }) },
        h('option', { value: '', selected: !kind }, t('alerts.filterAllKinds')),
        kinds.map((k) => h('option', { value: k, selected: k === kind }, tOr(`alertKind.${k}`, k))))));
  const query = `${status === 'all' ? '' : `&status=${status}`}${kind ? `&kind=${kind}` : ''}`;
  view.append(h('h1', {}, t('alerts.title')), h('p', { class: 'lead' }, t('alerts.intro')), filter);
  const list = h('section', { 'aria-labelledby': 'inbox-title' });
  view.append(list);
  const facility = ctx.user.role === 'facility_head' ? auth.currentFacility() : null;
  const extra = facility ? h('div', {}) : null;
  if (extra) view.append(extra);
  // The facility head sees the indicators and trends of their own facility, as the district manager does for a district.
  const figures = facility ? h('div', {}) : null;
  if (figures) view.append(figures);
  await Promise.all([
    inbox(list, ctx, { query, heading: h('h2', { id: 'inbox-title' }, t('alerts.inboxTitle')) }),
    extra ? glance(extra, facility) : null,
    figures ? facilityIndicators(figures, ctx, facility) : null,
  ]);
}

async function facilityIndicators(container, ctx, facility) {
  const asked = ctx.query.get('period');
  const period = isPeriod(asked) ? asked : lastCompleteMonth();
  const [meds, facs] = await Promise.all([medicines(), facilities().catch(() => new Map())]);
  try {
    container.append(await indicatorsSection({
      level: 'facility', id: facility, period, meds, placeName: facilityName(facs, facility),
      onPeriod: (p) => {
        const q = new URLSearchParams(ctx.query);
        q.set('period', p);
        ctx.navigate(`/alerts?${q}`, { replace: true });
      },
    }));
  } catch {
    container.append(notice('error', t('indicators.unavailable')));
  }
}

async function glance(container, facility) {
  const [{ data, savedAt }, meds] = await Promise.all([facilityStock(facility), medicines()]);
  const counts = STATUSES.map((s) => [s, data.items.filter((i) => i.status === s).length]).filter(([, n]) => n > 0);
  const orders = ordersOf(data.items, meds);
  container.append(
    h('section', { 'aria-labelledby': 'glance-title' },
      h('h2', { id: 'glance-title' }, t('glance.title')),
      savedNotice(savedAt),
      h('ul', { class: 'legend-list' }, counts.map(([s, n]) => h('li', {},
        h('a', { href: `/stock?status=${s}`, class: `badge status-${s}` }, t('glance.count', { status: statusLabel(s), n }))))),
      h('p', {}, h('a', { href: '/stock' }, t('glance.all')))),
    h('section', { 'aria-labelledby': 'orders-title' },
      h('h2', { id: 'orders-title' }, t('orders.title')),
      orders.length === 0 ? notice('info', t('orders.none')) : ordersTable(orders.slice(0, 5), meds),
      orders.length > 5 ? h('p', {}, h('a', { href: '/orders' }, t('orders.all', { n: orders.length }))) : null),
  );
}

export function ordersOf(items, meds) {
  return items.filter((i) => i.suggestedOrder > 0)
    .sort((a, b) => statusRank(a.status) - statusRank(b.status) || medicineName(meds, a.medicine).localeCompare(medicineName(meds, b.medicine)));
}

// At 360 px each row becomes a card (app.css "alerts, orders, heat map"): the medicine, then the order quantity first,
// each figure labelled from its column's heading (data-label), so the quantity to order is never off screen.
export function ordersTable(orders, meds) {
  return scroller(t('orders.caption'), h('table', { class: 'data orders-table' },
    h('caption', {}, t('orders.caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('stock.colMedicine')),
      h('th', { scope: 'col', class: 'num' }, t('orders.colQuantity')),
      h('th', { scope: 'col', class: 'num' }, t('stock.colSoh')),
      h('th', { scope: 'col', class: 'num' }, t('orders.colAmc')))),
    h('tbody', {}, orders.map((i) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/stock/${encodeURIComponent(i.medicine)}` }, medicineName(meds, i.medicine)), h('br'), badge(i.status)),
      h('td', { class: 'num order-qty', 'data-label': t('orders.colQuantity') }, fmt.num(i.suggestedOrder)),
      h('td', { class: 'num', 'data-label': t('stock.colSoh') }, fmt.num(i.soh)),
      h('td', { class: 'num', 'data-label': t('orders.colAmc') }, i.amc == null ? '–' : fmt.num(i.amc, 1)))))));
}

export async function orders(view) {
  const facility = auth.currentFacility();
  view.append(h('h1', {}, t('orders.title')));
  if (!facility) {
    view.append(notice('info', t('stock.noFacility')));
    return;
  }
  const [{ data, savedAt }, meds, facs] = await Promise.all([facilityStock(facility), medicines(), facilities().catch(() => new Map())]);
  const list = ordersOf(data.items, meds);
  view.append(h('p', { class: 'lead' }, t('orders.intro', { facility: facilityName(facs, facility), date: fmt.date(data.asOf) })), savedNotice(savedAt),
    list.length === 0 ? notice('info', t('orders.none')) : ordersTable(list, meds),
    list.length ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => window.print() }, t('orders.print'))) : null);
}
