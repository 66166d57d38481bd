// Tiny DOM helpers: every text goes in as text (never as HTML), every input gets a label.

let uid = 0;

/** h('button', { class: 'x', onclick: fn }, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && !svg) el.value = v;
    else if (k === 'checked' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * A labelled form control. kind: input type, 'select' (options: [[value, text]] or groups {label, options}),
 * or 'textarea'. Returns the wrapper; the control is wrapper.control.
 */
export function field({ label, name, kind = 'text', value, required, options, hint, attrs = {}, id }) {
  const fid = id || nextId(name || 'f');
  let control;
  if (kind === 'select') {
    control = h('select', { id: fid, name, required, ...attrs }, renderOptions(options || [], value));
  } else if (kind === 'textarea') {
    control = h('textarea', { id: fid, name, required, rows: 3, ...attrs });
    if (value != null) control.value = value;
  } else {
    control = h('input', { id: fid, name, type: kind, required, value, ...attrs });
  }
  const hintEl = hint ? h('p', { class: 'hint', id: `${fid}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  const wrap = h('div', { class: 'field' }, h('label', { for: fid }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null), hintEl, control);
  wrap.control = control;
  return wrap;
}

function renderOptions(options, value) {
  return options.map((o) => {
    if (o && o.options) return h('optgroup', { label: o.label }, renderOptions(o.options, value));
    const [v, text] = Array.isArray(o) ? o : [o, o];
    return h('option', { value: v, selected: value != null && String(value) === String(v) }, text);
  });
}

/** A radio group in a fieldset with a legend: items [[value, text]]. */
export function radios({ legend, name, items, value, onchange }) {
  return h('fieldset', { class: 'radios' }, h('legend', {}, legend),
    items.map(([v, text]) => {
      const rid = nextId(name);
      return h('div', { class: 'radio' },
        h('input', { type: 'radio', id: rid, name, value: v, checked: v === value, onchange }),
        h('label', { for: rid }, text));
    }));
}

/** Says msg to screen readers (and nothing visible). */
export function announce(msg) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  // A fresh text node after a tick is announced even when the text repeats.
  setTimeout(() => { live.textContent = msg; }, 50);
  // Emptied again once read, so the page never holds the same text twice (in the live region and on screen).
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { live.textContent = ''; }, 3000);
}

/** A visible message box that is also announced: kind 'ok' | 'error' | 'info'. */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, children);
}

/** A horizontally scrollable region that keyboard users can scroll too. */
export function scroller(label, child) {
  return h('div', { class: 'scroller', tabindex: '0', role: 'region', 'aria-label': label }, child);
}

// Element.append/replaceChildren would print null/false as text; every screen builds with optional children
// (`cond ? el : null`), so both skip them here once instead of at each call.
for (const name of ['append', 'replaceChildren']) {
  const native = Element.prototype[name];
  Element.prototype[name] = function appendSkippingEmpty(...children) {
    return native.apply(this, children.flat(Infinity).filter((c) => c != null && c !== false));
  };
}

/**
 * A random (version 4) UUID for a client-made id. crypto.randomUUID exists only in secure contexts (HTTPS, localhost);
 * a clinic reaching the gateway by plain HTTP on its own network still gets ids from the same random source.
 */
export function uuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Marks a data table to show its rows as small cards on a phone (css: table.stackable): each body cell is labelled
 * with its column's header text, and the row header takes a line of its own. `cells` is how many cells share the
 * second line (the figures that must be seen without scrolling sideways).
 */
export function stackable(table, cells = 3) {
  table.classList.add('stackable');
  table.style.setProperty('--cells', String(cells));
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => {
      if (cell.tagName === 'TD' && headers[i]) cell.dataset.label = headers[i];
    });
  }
  return table;
}
