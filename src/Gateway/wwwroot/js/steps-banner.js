// The banner of the steps outbox (steps.js), under the stock reports' one: how many referral steps, visits and
// acknowledgements wait on this device, a button to send them now, and the last sync's outcome.

import { t } from './i18n.js';
import { clear, h } from './dom.js';
import * as steps from './steps.js';

let lastSync = null;

function paint(box, state) {
  clear(box);
  const n = state.pending.length;
  if (state.lastSync) lastSync = state.lastSync;
  if (n === 0 && !(lastSync?.sent > 0)) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (n > 0) {
    box.append(
      h('p', { class: 'queue-count', role: 'status' }, n === 1 ? t('steps.waitingOne') : t('steps.waiting', { n }),
        state.syncing ? ` ${t('queue.sending')}` : ''),
      h('button', { type: 'button', class: 'small', disabled: state.syncing, onclick: () => steps.sync() }, t('steps.sendNow')));
  } else {
    box.append(h('p', { class: 'queue-count', role: 'status' },
      t('steps.synced', { accepted: lastSync.accepted, duplicate: lastSync.duplicate, rejected: lastSync.rejected })));
  }
}

/** The banner element; the header is drawn again on every screen and the one on the page is kept up to date. */
export function stepsBanner() {
  const box = h('div', { class: 'queue', id: 'steps-banner', hidden: true });
  paint(box, { pending: steps.pending(), syncing: false });
  return box;
}

steps.onChange((state) => {
  const box = document.getElementById('steps-banner');
  if (box) paint(box, state);
  else if (state.lastSync) lastSync = state.lastSync;
});
