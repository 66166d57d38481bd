// Reporting stock: one event at a time (built for thumbs), the monthly count sheet, CSV upload, and the outbox with
// each event's outcome. Reports go through the offline queue (queue.js): saved on the device first, then sent.

import { h, field, radios, notice, scroller, clear, uuid } from '../dom.js';
import { t, fmt } from '../i18n.js';
import { api } from '../api.js';
import * as auth from '../auth.js';
import * as queue from '../queue.js';
import { medicines, facilities, medicineName, facilityName, typeLabel, eventErrorText, problemText } from '../ref.js';
import { facilityStock, savedNotice } from './stock.js';

const TYPES = ['issue', 'receipt', 'physical_count', 'adjustment', 'transfer_in', 'transfer_out'];
const REASONS = ['expired', 'damaged', 'lost', 'stolen', 'found', 'returned'];

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** occurredAt of a day picked in a form: now for today, else midday of that day (local time, with its offset). */
function occurredAt(date) {
  if (date === today()) return new Date().toISOString();
  const d = new Date(`${date}T12:00:00`);
  return d.toISOString();
}

function noFacility(view, titleKey) {
  view.append(h('h1', {}, t(titleKey)), notice('info', t('stock.noFacility')));
}

/** A list of the latest outcomes (accepted / duplicate / rejected and why) that repaints itself on queue changes. */
function outcomeList(meds, facs, limit, ctx) {
  const box = h('div', { class: 'outcomes', 'aria-live': 'polite' });
  const paint = () => {
    if (!ctx.seq()) { off(); return; }
    clear(box);
    const waiting = queue.pending();
    const done = queue.outcomes().slice(0, limit);
    if (waiting.length) {
      box.append(h('h2', {}, t('outbox.waitingTitle', { n: waiting.length })),
        h('ul', { class: 'events' }, waiting.map((e) => eventItem(e, meds, facs, null))));
    }
    if (done.length) {
      box.append(h('h2', {}, t('outbox.doneTitle')), h('ul', { class: 'events' }, done.map((e) => eventItem(e, meds, facs, e.outcome))));
    }
  };
  const off = queue.onChange(paint);
  paint();
  return box;
}

function eventItem(entry, meds, facs, outcome) {
  const e = entry.event;
  return h('li', { class: `event outcome-${outcome || 'pending'}` },
    h('span', { class: `badge outcome outcome-${outcome || 'pending'}` }, t(`outcome.${outcome || 'pending'}`)),
    h('span', { class: 'event-what' }, `${medicineName(meds, e.medicine)} · ${typeLabel(e.type)} ${fmt.num(e.quantity)} · ${fmt.date(e.occurredAt)}`),
    entry.error ? h('span', { class: 'event-why' }, eventErrorText(entry.error)) : null,
    facs && entry.facility !== auth.currentFacility() ? h('span', { class: 'hint' }, facilityName(facs, entry.facility)) : null);
}

export async function report(view, ctx) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'report.title');
  const [meds, facs, stock] = await Promise.all([
    medicines(), facilities().catch(() => new Map()), facilityStock(facility).catch(() => ({ data: { items: [] } })),
  ]);
  const stocked = new Set(stock.data.items.map((i) => i.medicine));
  const sorted = [...meds.values()].sort((a, b) => medicineName(meds, a.code).localeCompare(medicineName(meds, b.code)));
  const optionsOf = (list) => list.map((m) => [m.code, medicineName(meds, m.code)]);
  const medicineOptions = [['', t('report.pickMedicine')],
    { label: t('report.stockedHere'), options: optionsOf(sorted.filter((m) => stocked.has(m.code))) },
    { label: t('report.otherMedicines'), options: optionsOf(sorted.filter((m) => !stocked.has(m.code))) }];
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const medicine = field({ label: t('report.medicine'), name: 'medicine', kind: 'select', required: true, options: medicineOptions, value: ctx.query.get('medicine') || '' });
  let type = ctx.query.get('type') || 'issue';
  const typeGroup = radios({ legend: t('report.type'), name: 'type', items: TYPES.map((x) => [x, typeLabel(x)]), value: type, onchange: (e) => { type = e.target.value; toggle(); } });
  typeGroup.classList.add('type-choice');
  const quantity = field({ label: t('report.quantity'), name: 'quantity', kind: 'number', required: true, attrs: { min: 0, step: 1, inputmode: 'numeric', autocomplete: 'off' } });
  const date = field({ label: t('report.date'), name: 'date', kind: 'date', required: true, value: today(), attrs: { max: today() } });
  const reason = field({ label: t('report.reason'), name: 'reason', kind: 'select', options: [['', t('report.pickReason')], ...REASONS.map((r) => [r, t(`reason.${r}`)])] });
  const lot = field({ label: t('report.lot'), name: 'lot', attrs: { autocomplete: 'off', maxlength: 100 } });
  const expiry = field({ label: t('report.expiry'), name: 'expiry', kind: 'date' });
  const others = [...facs.values()].filter((f) => f.id !== facility).map((f) => [f.id, f.name]);
  const other = field({ label: t('report.otherFacility'), name: 'otherFacility', kind: 'select', options: [['', t('report.pickFacility')], ...others] });
  const note = field({ label: t('report.note'), name: 'note', kind: 'textarea', attrs: { maxlength: 500 } });
  const quantityHint = h('p', { class: 'hint', id: 'quantity-help' });
  quantity.control.setAttribute('aria-describedby', 'quantity-help');
  quantity.insertBefore(quantityHint, quantity.control);
  function toggle() {
    reason.hidden = type !== 'adjustment';
    reason.control.required = type === 'adjustment';
    other.hidden = !['transfer_in', 'transfer_out', 'receipt'].includes(type);
    other.control.required = type === 'transfer_in' || type === 'transfer_out';
    lot.hidden = !['receipt', 'adjustment', 'issue', 'transfer_in', 'transfer_out'].includes(type);
    expiry.hidden = !['receipt', 'transfer_in'].includes(type);
    quantity.control.min = type === 'physical_count' ? 0 : 1;
    quantityHint.textContent = t(`report.quantityHint.${type}`);
  }
  toggle();
  const form = h('form', {
    class: 'stack report-form', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const problems = [];
      for (const f of [medicine, quantity, date, reason, other]) {
        f.control.removeAttribute('aria-invalid');
        if (!f.hidden && !f.control.checkValidity()) {
          f.control.setAttribute('aria-invalid', 'true');
          problems.push(f.querySelector('label').firstChild.textContent);
        }
      }
      if (date.control.value > today()) problems.push(t('report.date'));
      if (problems.length) {
        status.replaceChildren(notice('error', t('report.fix', { fields: problems.join(', ') })));
        status.focus();
        return;
      }
      const event = {
        medicine: medicine.control.value, type, quantity: Number(quantity.control.value), occurredAt: occurredAt(date.control.value),
      };
      if (type === 'adjustment') event.reason = reason.control.value;
      if (!lot.hidden && lot.control.value.trim()) event.lot = lot.control.value.trim();
      if (!expiry.hidden && expiry.control.value && event.lot) event.expiry = expiry.control.value;
      if (!other.hidden && other.control.value) event.otherFacility = other.control.value;
      if (note.control.value.trim()) event.note = note.control.value.trim();
      queue.add(facility, [event]);
      const msg = navigator.onLine ? t('report.savedSending') : t('report.savedOffline');
      status.replaceChildren(notice('ok', msg));
      quantity.control.value = '';
      lot.control.value = '';
      expiry.control.value = '';
      note.control.value = '';
      medicine.control.focus();
    },
  },
  medicine, typeGroup, quantity, date, reason, other, lot, expiry, note,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, t('report.submit'))));
  view.append(h('h1', {}, t('report.title')), h('p', { class: 'lead' }, facilityName(facs, facility)), savedNotice(stock.savedAt), status, form,
    outcomeList(meds, facs, 10, ctx));
}

export async function count(view, ctx) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'count.title');
  const [meds, facs, stock] = await Promise.all([medicines(), facilities().catch(() => new Map()), facilityStock(facility)]);
  const items = [...stock.data.items].sort((a, b) => medicineName(meds, a.medicine).localeCompare(medicineName(meds, b.medicine)));
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const date = field({ label: t('count.date'), name: 'date', kind: 'date', required: true, value: today(), attrs: { max: today() } });
  const inputs = items.map((i) => {
    const id = `count-${i.medicine}`;
    const input = h('input', { id, name: i.medicine, type: 'number', min: 0, step: 1, inputmode: 'numeric', autocomplete: 'off', class: 'count-input', dataset: { medicine: i.medicine } });
    return { item: i, input, row: h('tr', {},
      h('th', { scope: 'row' }, h('label', { for: id }, medicineName(meds, i.medicine))),
      h('td', { class: 'num' }, fmt.num(i.soh)),
      h('td', { class: 'num' }, input)) };
  });
  const form = h('form', {
    class: 'stack', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const filled = inputs.filter((x) => x.input.value.trim() !== '');
      const bad = filled.filter((x) => !x.input.checkValidity() || Number(x.input.value) < 0);
      inputs.forEach((x) => x.input.removeAttribute('aria-invalid'));
      bad.forEach((x) => x.input.setAttribute('aria-invalid', 'true'));
      if (!date.control.value || date.control.value > today()) {
        status.replaceChildren(notice('error', t('report.fix', { fields: t('count.date') })));
        status.focus();
        return;
      }
      if (bad.length || filled.length === 0) {
        status.replaceChildren(notice('error', filled.length === 0 ? t('count.nothing') : t('report.fix', { fields: bad.map((x) => medicineName(meds, x.item.medicine)).join(', ') })));
        status.focus();
        return;
      }
      const at = occurredAt(date.control.value);
      queue.add(facility, filled.map((x) => ({ medicine: x.item.medicine, type: 'physical_count', quantity: Number(x.input.value), occurredAt: at })));
      const msg = t('count.saved', { n: filled.length });
      status.replaceChildren(notice('ok', msg));
      filled.forEach((x) => { x.input.value = ''; });
      status.focus();
    },
  },
  date,
  items.length === 0 ? notice('info', t('stock.empty')) : scroller(t('count.caption'), h('table', { class: 'data count-sheet' },
    h('caption', {}, t('count.caption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stock.colMedicine')), h('th', { scope: 'col', class: 'num' }, t('count.colExpected')),
      h('th', { scope: 'col', class: 'num' }, t('count.colCounted')))),
    h('tbody', {}, inputs.map((x) => x.row)))),
  h('p', { class: 'hint' }, t('count.hint')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, t('count.submit'))));
  view.append(h('h1', {}, t('count.title')), h('p', { class: 'lead' }, facilityName(facs, facility)), savedNotice(stock.savedAt), status, form,
    outcomeList(meds, facs, 5, ctx));
}

const CSV_HEADER = 'id,medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note';

export async function upload(view) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'upload.title');
  const [meds, facs] = await Promise.all([medicines(), facilities().catch(() => new Map())]);
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const results = h('div', {});
  const file = field({ label: t('upload.file'), name: 'file', kind: 'file', required: true, hint: t('upload.hint'), attrs: { accept: '.csv,text/csv' } });
  const template = () => {
    const example = `${uuid()},${[...meds.keys()][0] || 'medicine-code'},receipt,100,${today()},,LOT1,,,`;
    const url = URL.createObjectURL(new Blob([`${CSV_HEADER}\n${example}\n`], { type: 'text/csv' }));
    const a = h('a', { href: url, download: 'stock-events.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const form = h('form', {
    class: 'stack',
    onsubmit: async (e) => {
      e.preventDefault();
      const chosen = file.control.files?.[0];
      if (!chosen) {
        status.replaceChildren(notice('error', t('upload.pick')));
        status.focus();
        return;
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      status.replaceChildren(notice('info', t('upload.sending')));
      try {
        const body = await chosen.text();
        const res = await api(`/api/v1/facilities/${encodeURIComponent(facility)}/stock-events/csv`, { method: 'POST', body, contentType: 'text/csv' });
        const n = (o) => res.results.filter((r) => r.outcome === o).length;
        const msg = t('upload.done', { accepted: n('accepted'), duplicate: n('duplicate'), rejected: n('rejected') });
        status.replaceChildren(notice(n('rejected') ? 'error' : 'ok', msg));
        results.replaceChildren(scroller(t('upload.caption'), h('table', { class: 'data' },
          h('caption', {}, t('upload.caption')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('upload.colRow')), h('th', { scope: 'col' }, t('upload.colOutcome')),
            h('th', { scope: 'col' }, t('upload.colWhy')))),
          h('tbody', {}, res.results.map((r, i) => h('tr', { class: `outcome-${r.outcome}` },
            h('td', { class: 'num' }, fmt.num(i + 2)),
            h('td', {}, h('span', { class: `badge outcome outcome-${r.outcome}` }, t(`outcome.${r.outcome}`))),
            h('td', {}, eventErrorText(r.error))))))));
      } catch (err) {
        status.replaceChildren(notice('error', problemText(err)));
      } finally {
        button.disabled = false;
        status.focus();
      }
    },
  }, file, h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, t('upload.submit')),
    h('button', { type: 'button', onclick: template }, t('upload.template'))));
  view.append(h('h1', {}, t('upload.title')), h('p', { class: 'lead' }, facilityName(facs, facility)),
    h('p', {}, t('upload.intro')), h('p', {}, h('code', {}, CSV_HEADER)), status, form, results);
}

export async function outbox(view, ctx) {
  const [meds, facs] = await Promise.all([medicines().catch(() => new Map()), facilities().catch(() => new Map())]);
  view.append(h('h1', {}, t('outbox.title')), h('p', { class: 'lead' }, t('outbox.intro')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => queue.sync() }, t('queue.sendNow')),
      h('button', { type: 'button', onclick: () => queue.clearOutcomes() }, t('outbox.clear'))),
    outcomeList(meds, facs, 100, ctx));
  if (queue.pending().length === 0 && queue.outcomes().length === 0) view.append(notice('info', t('outbox.empty')));
}

