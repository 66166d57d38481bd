// Redistribution on the district manager's screen (issue 18, item 4): stock a facility of the district holds above its
// maximum, or will not use before it expires, suggested for a facility that is stocked out or below its emergency order
// point, each with one button that makes it an approved transfer order (POST /api/v1/stock/redistribution/orders). The
// order goes through the device's outbox like every step, so the manager can decide it offline; the source's
// pharmacist then ships it and the receiver receives it on the order's screen.

import { h, notice } from '../dom.js';
import { t, fmt } from '../i18n.js';
import { api, problemText } from '../api.js';
import { medicineName, facilityName } from '../ref.js';
import * as steps from '../steps.js';

/** The section, or null when the caller may not read the district's suggestions (the server answers 403). */
export async function redistributionSection(districtId, { meds, facs }) {
  let data;
  try {
    data = await api(`/api/v1/stock/redistribution?district=${encodeURIComponent(districtId)}`);
  } catch {
    return null;
  }
  const items = data.items || [];
  return h('section', { 'aria-labelledby': 'redistribution-title', class: 'redistribution' },
    h('h2', { id: 'redistribution-title' }, t('redistribution.title', { n: items.length })),
    h('p', { class: 'hint' }, t('redistribution.intro')),
    items.length === 0 ? notice('ok', t('redistribution.none'))
      : h('ul', { class: 'cards' }, items.map((s) => suggestionCard(s, meds, facs))));
}

function suggestionCard(s, meds, facs) {
  const words = {
    quantity: fmt.num(s.quantity), medicine: medicineName(meds, s.medicine) || s.medicineName,
    from: s.fromName || facilityName(facs, s.from), to: s.toName || facilityName(facs, s.to),
  };
  const status = h('div', { role: 'status', tabindex: '-1' });
  const button = h('button', { type: 'button', class: 'primary' }, t('redistribution.make'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const label = t('redistribution.stepLabel', words);
    try {
      // The entry's id is the order's id: a resend after a lost answer is the same order, answered as it is.
      const sent = await steps.submit({
        path: '/api/v1/stock/redistribution/orders', label, idempotent: true,
        body: { medicine: s.medicine, from: s.from, to: s.to, quantity: s.quantity, at: new Date().toISOString() },
      });
      status.replaceChildren(sent.outcome === 'pending'
        ? notice('ok', t('steps.savedOffline', { step: label }))
        : notice('ok', t('redistribution.made', words), ' ', h('a', { href: `/orders/${sent.data.id}` }, t('redistribution.open'))));
    } catch (err) {
      button.disabled = false;
      status.replaceChildren(notice('error', problemText(err)));
    }
    status.focus();
  });
  return h('li', { class: 'card' },
    h('h3', {}, t('redistribution.move', words)),
    h('p', { class: 'meta' }, t(`redistribution.why.${s.why}`, words)),
    h('div', { class: 'actions' }, button), status);
}
