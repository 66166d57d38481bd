// Reporting stock: one event at a time (built for thumbs), the monthly count sheet, CSV upload, and the outbox with
// each event's outcome. Reports go through the offline queue (queue.js): saved on the device first, then sent.

import { h, field, radios, notice, scroller, clear, stackable } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { api, cached, messageText } from '../api.js';
import * as auth from '../auth.js';
import * as queue from '../queue.js';
import { medicines, facilities, medicineName, facilityName, typeLabel, eventErrorText, problemText, appConfig, reasonLabel, takesStockOff } from '../ref.js';
import { facilityStock, savedNotice } from './stock.js';

const TYPES = ['issue', 'receipt', 'physical_count', 'adjustment', 'transfer_in', 'transfer_out'];

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
    entry.error ? h('span', { class: 'event-why' }, rejectionText(entry.error)) : null,
    facs && entry.facility !== auth.currentFacility() ? h('span', { class: 'hint' }, facilityName(facs, entry.facility)) : null);
}

/**
 * A server rejection in the user's language: the translated message of its code with the server's parameters when the
 * outcome carries them (error.{code} with {params}), else the known event-error text, else the server's own words.
 */
export function rejectionText(error) {
  if (!error) return '';
  // messageCode names the template (it differs from code for a late line that breaks a later one); code alone is older.
  const code = error.messageCode ?? error.code;
  if (code && error.params && tOr(`error.${code}`, null) != null) return messageText(code, error.params);
  return eventErrorText(error);
}

/** Shows msg under a field (role=alert, tied to the control by aria-describedby) and moves focus there. */
function fieldError(wrap, msg, { focus = true } = {}) {
  const control = wrap.control;
  const id = `${control.id}-error`;
  wrap.querySelector('.field-error')?.remove();
  wrap.append(h('p', { class: 'field-error', id, role: 'alert' }, msg));
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  control.setAttribute('aria-describedby', [...described, id].join(' '));
  if (focus) control.focus();
}

function clearFieldError(wrap) {
  const control = wrap.control;
  wrap.querySelector('.field-error')?.remove();
  control.removeAttribute('aria-invalid');
  const kept = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
  if (kept.length) control.setAttribute('aria-describedby', kept.join(' '));
  else control.removeAttribute('aria-describedby');
}

export async function report(view, ctx) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'report.title');
  const [meds, facs, stock, config] = await Promise.all([
    medicines(), facilities().catch(() => new Map()), facilityStock(facility).catch(() => ({ data: { items: [] } })),
    appConfig(),
  ]);
  // Whether an event takes stock off the shelf (and so cannot exceed what is on hand): for an adjustment, its reason in the
  // server's catalogue (app-config); offline before any config was kept, no adjustment is known to be a debit.
  const isDebit = (type, reason) => takesStockOff(config, type, reason);
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
  // The reasons in use are the server's catalogue (app-config): an admin adds and retires them.
  const reasons = (config.adjustmentReasons ?? []).filter((r) => r.active).map((r) => r.reason);
  const reason = field({ label: t('report.reason'), name: 'reason', kind: 'select', options: [['', t('report.pickReason')], ...reasons.map((r) => [r, reasonLabel(config, r)])] });
  const lot = field({ label: t('report.lot'), name: 'lot', attrs: { autocomplete: 'off', maxlength: 100 } });
  const expiry = field({ label: t('report.expiry'), name: 'expiry', kind: 'date' });
  const confirmExpired = h('div', { class: 'check', hidden: true },
    h('input', { type: 'checkbox', id: 'confirm-expired', name: 'confirmExpired' }),
    h('label', { for: 'confirm-expired' }, t('report.confirmExpired')));
  expiry.append(confirmExpired);
  const others = [...facs.values()].filter((f) => f.id !== facility).map((f) => [f.id, f.name]);
  // A transfer from paper records that do not say where it came from names the configured placeholder, shown as such.
  const unknown = config?.unknownCounterpart ? [[config.unknownCounterpart, t('report.unknownCounterpart')]] : [];
  const other = field({ label: t('report.otherFacility'), name: 'otherFacility', kind: 'select', options: [['', t('report.pickFacility')], ...others, ...unknown] });
  const note = field({ label: t('report.note'), name: 'note', kind: 'textarea', attrs: { maxlength: 500 } });
  const quantityHint = h('p', { class: 'hint', id: 'quantity-help' });
  quantity.control.setAttribute('aria-describedby', 'quantity-help');
  quantity.insertBefore(quantityHint, quantity.control);
  const onHand = h('div', { class: 'stock-facts', id: 'stock-facts', 'aria-live': 'polite' });

  // Stock of the chosen medicine as at the end of the chosen day, from GET .../stock?asOf= (today: the list already
  // loaded); kept per day for the page's life, and saved on the device so the checks still work offline.
  const byDay = new Map([[today(), Promise.resolve(stock.data)]]);
  const stockOn = (day) => {
    if (!byDay.has(day)) {
      byDay.set(day, cached(`/api/v1/facilities/${encodeURIComponent(facility)}/stock?asOf=${day}`).then((r) => r.data).catch(() => null));
    }
    return byDay.get(day);
  };
  async function cardOn(code, day) {
    if (!code || !day || day > today()) return { known: false };
    const data = await stockOn(day);
    if (!data) return { known: false };
    const item = data.items.find((i) => i.medicine === code);
    let soh = item?.soh ?? 0;
    const lots = (item?.lots || []).map((l) => ({ ...l }));
    // Reports still waiting on this device (offline, or not answered yet) count too: a receipt saved offline must not
    // make the next issue look larger than the shelf. A waiting count would set the figure: then it is not known here.
    const end = new Date(`${day}T23:59:59.999`).toISOString();
    for (const { facility: f, event: e } of queue.pending()) {
      if (f !== facility || e.medicine !== code || new Date(e.occurredAt).toISOString() > end) continue;
      if (e.type === 'physical_count') return { known: false };
      const sign = isDebit(e.type, e.reason) ? -1 : 1;
      soh += sign * e.quantity;
      const lot = e.lot && lots.find((l) => l.lot === e.lot);
      if (lot) lot.soh += sign * e.quantity;
      else if (e.lot && sign > 0) lots.push({ lot: e.lot, expiry: e.expiry || null, soh: e.quantity });
    }
    return { known: true, soh: Math.max(0, soh), lots: lots.filter((l) => l.soh > 0) };
  }
  let paintSeq = 0;
  async function paintOnHand() {
    const seq = ++paintSeq;
    const code = medicine.control.value;
    const day = date.control.value;
    if (!code || !day || day > today()) { onHand.hidden = true; return; }
    const card = await cardOn(code, day);
    if (seq !== paintSeq) return;
    onHand.hidden = false;
    if (!card.known) {
      onHand.replaceChildren(h('p', {}, t('report.onHandUnknown')));
      return;
    }
    onHand.replaceChildren(
      h('p', {}, h('strong', {}, t('report.onHandOn', { n: fmt.num(card.soh), date: fmt.date(day) }))),
      card.lots.length ? h('ul', { class: 'lots' }, card.lots.map((l) => h('li', {},
        t(l.expiry && l.expiry < day ? 'report.lotLineExpired' : 'report.lotLine',
          { lot: l.lot, n: fmt.num(l.soh), expiry: l.expiry ? fmt.date(l.expiry) : '–' })))) : null);
  }
  medicine.control.addEventListener('change', paintOnHand);
  date.control.addEventListener('change', paintOnHand);
  date.control.addEventListener('input', paintOnHand);
  expiry.control.addEventListener('input', () => { confirmExpired.hidden = true; confirmExpired.querySelector('input').checked = false; });

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
  const wraps = [medicine, quantity, date, reason, other, lot, expiry];

  /** The device's checks, in the order of the form; returns true when the event may be saved. */
  async function check() {
    wraps.forEach(clearFieldError);
    status.replaceChildren();
    const day = date.control.value;
    // A day after today is said as such (the picker's max makes it merely "invalid" to the browser).
    const future = day && day > today();
    const missing = [medicine, quantity, date, reason, other].filter((f) => !f.hidden && !(f === date && future) && !f.control.checkValidity());
    if (missing.length) {
      missing.forEach((f, i) => fieldError(f, t('report.required', { field: f.querySelector('label').firstChild.textContent }), { focus: i === 0 }));
      return false;
    }
    if (future) {
      fieldError(date, t('report.futureDate', { date: fmt.date(day), today: fmt.date(today()) }));
      return false;
    }
    const lotName = lot.hidden ? '' : lot.control.value.trim();
    if (!expiry.hidden && expiry.control.value && !lotName) {
      // The server refuses an expiry without its lot; dropping it quietly would lose what was typed.
      fieldError(lot, t('report.expiryNeedsLot'));
      return false;
    }
    const n = Number(quantity.control.value);
    if (isDebit(type, reason.control.value)) {
      const card = await cardOn(medicine.control.value, day);
      if (card.known) {
        const inLot = lotName ? card.lots.find((l) => l.lot === lotName) : null;
        if (lotName && (inLot?.soh ?? 0) < n) {
          fieldError(quantity, t('report.onlyInLot', { n: fmt.num(inLot?.soh ?? 0), lot: lotName, date: fmt.date(day) }));
          return false;
        }
        if (n > card.soh) {
          fieldError(quantity, t('report.onlyOnHand', { n: fmt.num(card.soh), date: fmt.date(day) }));
          return false;
        }
      }
    }
    const exp = expiry.hidden ? '' : expiry.control.value;
    const box = confirmExpired.querySelector('input');
    if (exp && exp < day && !box.checked) {
      // Receiving stock that is already past its expiry is almost always a typing mistake; ask once, plainly.
      confirmExpired.hidden = false;
      fieldError(expiry, t('report.expiredLot', { date: fmt.date(exp) }), { focus: false });
      box.focus();
      return false;
    }
    return true;
  }

  // What was last saved, so that a rejection by the server puts it back in the form with the reason by its field.
  let lastSaved = null;
  const off = queue.onChange(({ outcomes, lastSync }) => {
    if (!ctx.seq()) { off(); return; }
    if (lastSync?.sent > 0) {
      // What the server now holds moved: read the stock again (the waiting reports just sent are in it now).
      byDay.clear();
      byDay.set(today(), facilityStock(facility).then((r) => r.data).catch(() => null));
      paintOnHand();
    }
    if (!lastSaved) return;
    const answer = (outcomes || []).find((o) => o.event.id === lastSaved.id);
    if (!answer) return;
    const saved = lastSaved;
    lastSaved = null;
    if (answer.outcome !== 'rejected') return;
    restore(saved.values);
    const wrap = { quantity, occurredAt: date, lot, expiry, reason, otherFacility: other, medicine }[answer.error?.field] || quantity;
    fieldError(wrap, `${t('report.rejected')} ${rejectionText(answer.error)}`);
  });
  const valuesOf = () => ({
    medicine: medicine.control.value, type, quantity: quantity.control.value, date: date.control.value, reason: reason.control.value,
    other: other.control.value, lot: lot.control.value, expiry: expiry.control.value, note: note.control.value,
  });
  function restore(v) {
    medicine.control.value = v.medicine;
    type = v.type;
    const radio = typeGroup.querySelector(`input[value="${v.type}"]`);
    if (radio) radio.checked = true;
    toggle();
    quantity.control.value = v.quantity;
    date.control.value = v.date;
    reason.control.value = v.reason;
    other.control.value = v.other;
    lot.control.value = v.lot;
    expiry.control.value = v.expiry;
    note.control.value = v.note;
    paintOnHand();
  }

  const form = h('form', {
    class: 'stack report-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (!(await check())) return;
      const event = {
        medicine: medicine.control.value, type, quantity: Number(quantity.control.value), occurredAt: occurredAt(date.control.value),
      };
      if (type === 'adjustment') event.reason = reason.control.value;
      if (!lot.hidden && lot.control.value.trim()) event.lot = lot.control.value.trim();
      if (!expiry.hidden && expiry.control.value && event.lot) event.expiry = expiry.control.value;
      if (!other.hidden && other.control.value) event.otherFacility = other.control.value;
      if (note.control.value.trim()) event.note = note.control.value.trim();
      const values = valuesOf();
      const [entry] = queue.add(facility, [event]);
      lastSaved = entry ? { id: entry.event.id, values } : null;
      const msg = navigator.onLine ? t('report.savedSending') : t('report.savedOffline');
      status.replaceChildren(notice('ok', msg));
      quantity.control.value = '';
      lot.control.value = '';
      expiry.control.value = '';
      note.control.value = '';
      confirmExpired.hidden = true;
      confirmExpired.querySelector('input').checked = false;
      // Until the server answers, the figures shown count the saved report as waiting on the device (cardOn).
      paintOnHand();
      medicine.control.focus();
    },
  },
  medicine, date, onHand, typeGroup, quantity, reason, other, lot, expiry, note,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, t('report.submit'))));
  view.append(h('h1', {}, t('report.title')), h('p', { class: 'lead' }, facilityName(facs, facility)), savedNotice(stock.savedAt), status, form,
    outcomeList(meds, facs, 10, ctx));
  paintOnHand();
}

/** "5 fewer than expected" / "3 more than expected" / "As expected" for a typed count; empty while nothing is typed. */
function varianceText(counted, expected) {
  if (counted === '' || Number.isNaN(Number(counted))) return { text: '', cls: '' };
  const d = Number(counted) - expected;
  if (d === 0) return { text: t('count.same'), cls: 'variance-same' };
  return d < 0 ? { text: t('count.fewer', { n: fmt.num(-d) }), cls: 'variance-less' } : { text: t('count.more', { n: fmt.num(d) }), cls: 'variance-more' };
}

/**
 * The sheet's lines: one per medicine without lots; for a medicine with lots, one per lot holding stock (with its
 * expiry) and one "no lot" line when part of the stock is in no lot.
 */
function countLines(items, meds) {
  const lines = [];
  for (const i of items) {
    const name = medicineName(meds, i.medicine);
    const lots = (i.lots || []).filter((l) => l.soh > 0);
    if (lots.length === 0) {
      lines.push({ medicine: i.medicine, lot: null, expected: i.soh, label: name });
      continue;
    }
    for (const l of lots) {
      lines.push({ medicine: i.medicine, lot: l.lot, expected: l.soh,
        label: t('count.lotRow', { medicine: name, lot: l.lot, expiry: l.expiry ? fmt.date(l.expiry) : '–' }) });
    }
    const inLots = lots.reduce((sum, l) => sum + l.soh, 0);
    if (i.soh > inLots) lines.push({ medicine: i.medicine, lot: null, expected: i.soh - inLots, label: t('count.noLotRow', { medicine: name }), rest: true });
  }
  return lines;
}

/**
 * Events for the typed lines. A lot's count names the lot (the server sets that lot). The "no lot" part cannot be
 * counted alone: a count without a lot sets the card's total, so it is sent one second after the lot counts with
 * total = what is counted outside lots + each lot as counted now (or as on record when that lot was left empty).
 */
function countEvents(lines, at) {
  const events = [];
  const atMs = new Date(at).getTime();
  for (const x of lines.filter((l) => l.input.value.trim() !== '')) {
    const q = Number(x.input.value);
    if (x.lot) {
      events.push({ medicine: x.medicine, type: 'physical_count', quantity: q, lot: x.lot, occurredAt: at });
    } else if (x.rest) {
      const lotsTotal = lines.filter((l) => l.medicine === x.medicine && l.lot)
        .reduce((sum, l) => sum + (l.input.value.trim() === '' ? l.expected : Number(l.input.value)), 0);
      events.push({ medicine: x.medicine, type: 'physical_count', quantity: q + lotsTotal, occurredAt: new Date(atMs + 1000).toISOString() });
    } else {
      events.push({ medicine: x.medicine, type: 'physical_count', quantity: q, occurredAt: at });
    }
  }
  return events;
}

export async function count(view, ctx) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'count.title');
  const [meds, facs, stock] = await Promise.all([medicines(), facilities().catch(() => new Map()), facilityStock(facility)]);
  const items = [...stock.data.items].sort((a, b) => medicineName(meds, a.medicine).localeCompare(medicineName(meds, b.medicine)));
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const date = field({ label: t('count.date'), name: 'date', kind: 'date', required: true, value: today(), attrs: { max: today() } });
  const lines = countLines(items, meds).map((line, n) => {
    const id = `count-${n}`;
    const variance = h('td', { class: 'num variance', 'aria-live': 'polite' });
    const input = h('input', {
      id, name: line.lot ? `${line.medicine}:${line.lot}` : line.medicine, type: 'number', min: 0, step: 1, inputmode: 'numeric', autocomplete: 'off',
      class: 'count-input', dataset: { medicine: line.medicine, lot: line.lot || '' },
      oninput: () => {
        const v = varianceText(input.value.trim(), line.expected);
        variance.textContent = v.text;
        variance.className = `num variance ${v.cls}`;
      },
    });
    return { ...line, input, row: h('tr', {},
      h('th', { scope: 'row' }, h('label', { for: id }, line.label)),
      h('td', { class: 'num' }, fmt.num(line.expected)),
      h('td', { class: 'num' }, input),
      variance) };
  });
  const form = h('form', {
    class: 'stack', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const filled = lines.filter((x) => x.input.value.trim() !== '');
      const bad = filled.filter((x) => !x.input.checkValidity() || Number(x.input.value) < 0);
      lines.forEach((x) => x.input.removeAttribute('aria-invalid'));
      bad.forEach((x) => x.input.setAttribute('aria-invalid', 'true'));
      if (!date.control.value || date.control.value > today()) {
        status.replaceChildren(notice('error', date.control.value ? t('report.futureDate', { date: fmt.date(date.control.value), today: fmt.date(today()) })
          : t('report.required', { field: t('count.date') })));
        date.control.focus();
        return;
      }
      if (bad.length || filled.length === 0) {
        status.replaceChildren(notice('error', filled.length === 0 ? t('count.nothing') : t('report.fix', { fields: bad.map((x) => x.label).join(', ') })));
        (bad[0]?.input || status).focus();
        return;
      }
      const events = countEvents(lines, occurredAt(date.control.value));
      queue.add(facility, events);
      status.replaceChildren(notice('ok', t('count.saved', { n: filled.length })));
      filled.forEach((x) => { x.input.value = ''; x.input.dispatchEvent(new Event('input')); });
      status.focus();
    },
  },
  date,
  items.length === 0 ? notice('info', t('stock.empty')) : scroller(t('count.caption'), stackable(h('table', { class: 'data count-sheet' },
    h('caption', {}, t('count.caption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stock.colMedicine')), h('th', { scope: 'col', class: 'num' }, t('count.colExpected')),
      h('th', { scope: 'col', class: 'num' }, t('count.colCounted')), h('th', { scope: 'col', class: 'num' }, t('count.colVariance')))),
    h('tbody', {}, lines.map((x) => x.row))), 3)),
  h('p', { class: 'hint' }, t('count.hint')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, t('count.submit'))));
  view.append(h('h1', {}, t('count.title')), h('p', { class: 'lead' }, facilityName(facs, facility)), savedNotice(stock.savedAt), status, form,
    outcomeList(meds, facs, 5, ctx));
}

// No id column: the server derives a stable id per row (so the same file uploaded twice counts once).
const CSV_HEADER = 'medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note';
const TEMPLATE_PATH = (facility) => `/api/v1/facilities/${encodeURIComponent(facility)}/stock-events/csv-template`;

export async function upload(view) {
  const facility = auth.currentFacility();
  if (!facility) return noFacility(view, 'upload.title');
  const [meds, facs] = await Promise.all([medicines(), facilities().catch(() => new Map())]);
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const results = h('div', {});
  const file = field({ label: t('upload.file'), name: 'file', kind: 'file', required: true, hint: t('upload.hint'), attrs: { accept: '.csv,text/csv' } });
  // The server's template (names or codes, day-first or ISO dates) when it has one; else one made here with a code.
  const template = async () => {
    let text = null;
    try {
      const res = await fetch(TEMPLATE_PATH(facility), { headers: { Authorization: `Bearer ${auth.token()}`, Accept: 'text/csv' }, cache: 'no-store' });
      if (res.ok) text = await res.text();
    } catch { /* offline: the local template */ }
    if (text == null) {
      const first = [...meds.values()][0];
      const example = `${first ? first.code : 'medicine'},receipt,100,${today()},,LOT1,,,`;
      text = `${CSV_HEADER}\n${example}\n`;
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
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
            h('td', {}, rejectionText(r.error))))))));
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
    h('p', {}, t('upload.introNoId')), h('p', {}, h('code', {}, CSV_HEADER)), status, form, results);
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

