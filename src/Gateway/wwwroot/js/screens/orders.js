// Orders (issue 18): the facility head drafts one from the suggested quantities (editable; emergency when a line is below
// its emergency order point) and submits it; each role then takes its step on the order's screen: the district manager
// or the supplier's head approves or rejects, the supplier's pharmacist ships (lots and expiries), the facility's
// pharmacist receives what arrived. Every draft and step goes through the device's outbox (steps.js) with the time the
// user acted, so it is kept when offline and a resend is recognised by the server.

import { h, field, notice, scroller, stackable, uuid } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { api, problemText, messageText } from '../api.js';
import * as steps from '../steps.js';
import * as auth from '../auth.js';
import { medicines, facilities, medicineName, facilityName } from '../ref.js';
import { facilityStock, savedNotice } from './stock.js';
import { ordersOf, ordersTable } from './alerts.js';

const statusText = (s) => tOr(`orderStatus.${s}`, s);

export async function orders(view) {
  const facility = auth.currentFacility();
  const role = auth.user()?.role;
  view.append(h('h1', {}, t('orders.title')));
  const [meds, facs] = await Promise.all([medicines(), facilities().catch(() => new Map())]);
  if (facility && role === 'facility_head') {
    const { data, savedAt } = await facilityStock(facility);
    const list = ordersOf(data.items, meds);
    view.append(h('p', { class: 'lead' }, t('orders.intro', { facility: facilityName(facs, facility), date: fmt.date(data.asOf) })), savedNotice(savedAt),
      list.length === 0 ? notice('info', t('orders.none')) : ordersTable(list, meds),
      list.length ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => window.print() }, t('orders.print'))) : null,
      list.length ? draftForm(facility, list, meds) : null);
  }
  view.append(await orderList(facility, meds, facs));
}

/** The suggestions as an editable draft: one number per medicine, the emergency box ticked when a line is below EOP. */
function draftForm(facility, list, meds) {
  const rows = list.map((i) => ({
    item: i,
    input: field({ label: medicineName(meds, i.medicine), name: `qty-${i.medicine}`, kind: 'number', value: i.suggestedOrder,
      attrs: { min: 0, max: 10000000, step: 1, inputmode: 'numeric' } }),
  }));
  const emergency = h('input', { type: 'checkbox', id: 'order-emergency', checked: list.some((i) => i.emergency) });
  const note = field({ label: t('orders.note'), name: 'note', kind: 'textarea', attrs: { maxlength: 1000 } });
  const status = h('div', { role: 'status' });
  const form = h('form', {
    class: 'stack', 'aria-labelledby': 'draft-title',
    onsubmit: async (e) => {
      e.preventDefault();
      const lines = rows.map((r) => ({ medicine: r.item.medicine, quantity: Math.round(Number(r.input.control.value)) }))
        .filter((l) => l.quantity > 0);
      if (lines.length === 0) {
        status.replaceChildren(notice('error', t('orders.nothingToOrder')));
        return;
      }
      const id = uuid();
      const at = new Date().toISOString();
      const body = { id, facility, emergency: emergency.checked, lines, at };
      if (note.control.value.trim()) body.note = note.control.value.trim();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        const label = t('orders.draftLabel', { n: lines.length });
        const drafted = await steps.submit({ path: '/api/v1/orders', body, label, idempotent: false });
        if (drafted.outcome === 'pending') {
          // The draft waits on the device: a submit sent now would reach the server before it (and be refused). The
          // head submits it from the order's screen once the draft has arrived.
          status.replaceChildren(notice('ok', t('steps.savedOffline', { step: label })));
          return;
        }
        const sent = await steps.submit({ path: `/api/v1/orders/${id}/submit`, body: { at }, label: t('orders.submitLabel'), idempotent: false });
        status.replaceChildren(sent.outcome === 'pending'
          ? notice('ok', t('steps.savedOffline', { step: t('orders.submitLabel') }))
          : notice('ok', t('orders.submitted'), h('a', { href: `/orders/${id}` }, t('orders.open'))));
      } catch (err) {
        submit.disabled = false;
        status.replaceChildren(notice('error', problemText(err)));
      }
    },
  }, h('h2', { id: 'draft-title' }, t('orders.draftTitle')), h('p', { class: 'hint' }, t('orders.draftHint')),
  ...rows.map((r) => r.input),
  h('div', { class: 'check' }, emergency, h('label', { for: 'order-emergency' }, t('orders.emergency'))),
  note, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('orders.submitOrder'))), status);
  return form;
}

/** The orders within reach (of this facility, or all the caller's), the most urgent first. */
async function orderList(facility, meds, facs) {
  let data;
  try {
    data = await api(`/api/v1/orders${facility ? `?facility=${encodeURIComponent(facility)}&` : '?'}pageSize=50`);
  } catch (e) {
    return notice('error', problemText(e));
  }
  const section = h('section', { 'aria-labelledby': 'order-list-title' }, h('h2', { id: 'order-list-title' }, t('orders.listTitle')));
  if (data.items.length === 0) {
    section.append(notice('info', t('orders.noOrders')));
    return section;
  }
  section.append(scroller(t('orders.listCaption'), h('table', { class: 'data' },
    h('caption', {}, t('orders.listCaption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('orders.colOrder')), h('th', { scope: 'col' }, t('orders.colStatus')), h('th', { scope: 'col' }, t('orders.colDate')))),
    h('tbody', {}, data.items.map((o) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/orders/${o.id}` }, t('orders.from', { facility: o.facilityName, supplier: o.supplierName }))),
      h('td', {}, statusText(o.status), o.emergency ? ` · ${t('orders.emergencyShort')}` : ''),
      h('td', { class: 'nowrap' }, fmt.dateTime(o.statusAt))))))));
  return section;
}

export async function orderDetail(view, ctx) {
  const [id] = ctx.params;
  const meds = await medicines();
  let order;
  try {
    order = await api(`/api/v1/orders/${id}`);
  } catch (e) {
    view.append(h('h1', {}, t('orders.detailTitle')), notice('error', problemText(e)));
    return;
  }
  const body = h('div', { class: 'stack' });
  const paint = (o) => body.replaceChildren(...detailParts(o, meds, paint));
  view.append(h('h1', {}, t('orders.detailTitle')), body);
  paint(order);
}

function detailParts(o, meds, paint) {
  const status = h('div', { role: 'status', tabindex: '-1' });
  return [
    h('p', { class: 'lead' }, t('orders.from', { facility: o.facilityName, supplier: o.supplierName })),
    h('p', { class: 'order-status' }, h('strong', {}, statusText(o.status)), o.emergency ? ` · ${t('orders.emergencyShort')}` : ''),
    status,
    // On a phone each line is a small card (the medicine, then requested, approved, shipped and received side by side),
    // so the figure the reader acts on is in view without scrolling sideways.
    scroller(t('orders.linesCaption'), stackable(h('table', { class: 'data' },
      h('caption', {}, t('orders.linesCaption')),
      h('thead', {}, h('tr', {}, ...['stock.colMedicine', 'orders.colRequested', 'orders.colApproved', 'orders.colShipped', 'orders.colReceived']
        .map((k, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
      h('tbody', {}, o.lines.map((l) => h('tr', {},
        h('th', { scope: 'row' }, medicineName(meds, l.medicine)),
        ...[l.requested, l.approved, l.shipped, l.received].map((v) => h('td', { class: 'num' }, v == null ? '–' : fmt.num(v))))))), 4)),
    o.discrepancies.length ? h('section', { 'aria-labelledby': 'disc-title' }, h('h2', { id: 'disc-title' }, t('orders.discrepancies')),
      h('ul', {}, o.discrepancies.map((d) => h('li', {}, messageText(d.code, { ...d.params, medicine: medicineName(meds, d.medicine) }, d.message))))) : null,
    ...o.allowedActions.map((action) => stepForm(o, action, meds, status, paint)),
    h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('orders.history')),
      h('ol', {}, o.history.map((e) => h('li', {}, `${fmt.dateTime(e.at)} · ${statusText(e.status)} · ${e.by}${e.reason ? ` · ${e.reason}` : ''}`)))),
  ];
}

/** One step's form: the quantities it carries (approve, ship, receive) or its reason (reject, cancel). */
function stepForm(o, action, meds, status, paint) {
  const inputs = [];
  const lines = action === 'approve' ? o.lines.map((l) => ({ medicine: l.medicine, quantity: l.requested }))
    : action === 'ship' ? o.lines.filter((l) => (l.approved ?? 0) > 0).map((l) => ({ medicine: l.medicine, quantity: l.approved }))
      : action === 'receive' ? o.shipment.map((s) => ({ medicine: s.medicine, quantity: s.quantity, lot: s.lot, expiry: s.expiry }))
        : [];
  for (const line of lines) {
    const label = line.lot ? t('orders.lotLine', { medicine: medicineName(meds, line.medicine), lot: line.lot }) : medicineName(meds, line.medicine);
    const qty = field({ label, name: `${action}-${line.medicine}-${line.lot || ''}`, kind: 'number', value: line.quantity,
      attrs: { min: 0, max: 10000000, step: 1, inputmode: 'numeric' } });
    const lot = action === 'ship' ? field({ label: t('orders.lotOf', { medicine: medicineName(meds, line.medicine) }), name: `lot-${line.medicine}`, attrs: { maxlength: 100 } }) : null;
    const expiry = action === 'ship' ? field({ label: t('orders.expiryOf', { medicine: medicineName(meds, line.medicine) }), name: `exp-${line.medicine}`, kind: 'date' }) : null;
    inputs.push({ line, qty, lot, expiry });
  }
  const reason = action === 'reject' || action === 'cancel'
    ? field({ label: t('orders.reason'), name: `${action}-reason`, kind: 'textarea', required: true, attrs: { maxlength: 1000 } }) : null;
  const form = h('form', {
    class: 'stack step-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = { at: new Date().toISOString() };
      if (reason) body.reason = reason.control.value.trim();
      if (inputs.length) {
        body.lines = inputs.map(({ line, qty, lot, expiry }) => {
          const out = { medicine: line.medicine, quantity: Math.round(Number(qty.control.value) || 0) };
          const lotText = lot ? lot.control.value.trim() : line.lot;
          if (lotText) out.lot = lotText;
          const exp = expiry ? expiry.control.value : line.expiry;
          if (exp) out.expiry = exp;
          return out;
        });
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const label = t('orders.stepLabel', { action: tOr(`orderAction.${action}`, action) });
        const sent = await steps.submit({ path: `/api/v1/orders/${o.id}/${action}`, body, label, idempotent: false });
        if (sent.outcome === 'pending') {
          status.replaceChildren(notice('ok', t('steps.savedOffline', { step: label })));
        } else {
          paint(sent.data);
        }
      } catch (err) {
        button.disabled = false;
        status.replaceChildren(notice('error', problemText(err)));
        status.focus();
      }
    },
  }, h('h2', {}, tOr(`orderAction.${action}`, action)),
  ...inputs.flatMap(({ qty, lot, expiry }) => [qty, lot, expiry].filter(Boolean)), reason,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: action === 'reject' || action === 'cancel' ? null : 'primary' },
    t('orders.confirm', { action: tOr(`orderAction.${action}`, action) }))));
  return form;
}
