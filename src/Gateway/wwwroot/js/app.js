// The app shell: strings, sign-in state, the header with the role's navigation, the outbox banner and a small
// history-API router that lazy-loads each screen's module.

import { h, clear, announce, notice } from './dom.js';
import { loadStrings, t } from './i18n.js';
import * as auth from './auth.js';
import { setUnauthorizedHandler } from './api.js';
import * as queue from './queue.js';
import * as steps from './steps.js';
import { stepsBanner } from './steps-banner.js';
import { roleLabel, problemText } from './ref.js';

const REPORTERS = ['pharmacist', 'facility_head'];

/** Client routes: [pattern, module loader, export name, roles allowed (null: anyone signed in)]. */
const ROUTES = [
  [/^\/signin$/, () => import('./signin.js'), 'signIn', 'public'],
  [/^\/stock$/, () => import('./screens/stock.js'), 'stockList', null],
  [/^\/stock\/([^/]+)$/, () => import('./screens/stock.js'), 'stockCard', null],
  [/^\/report$/, () => import('./screens/report.js'), 'report', REPORTERS],
  [/^\/count$/, () => import('./screens/report.js'), 'count', REPORTERS],
  [/^\/upload$/, () => import('./screens/report.js'), 'upload', REPORTERS],
  [/^\/outbox$/, () => import('./screens/report.js'), 'outbox', REPORTERS],
  [/^\/alerts$/, () => import('./screens/alerts.js'), 'alerts', null],
  [/^\/orders$/, () => import('./screens/orders.js'), 'orders', null],
  [/^\/orders\/([0-9a-fA-F-]{36})$/, () => import('./screens/orders.js'), 'orderDetail', null],
  [/^\/referrals$/, () => import('./screens/referrals.js'), 'board', null],
  [/^\/worklist$/, () => import('./screens/referrals.js'), 'worklist', null],
  [/^\/referrals\/new$/, () => import('./screens/referrals.js'), 'newReferral', null],
  [/^\/referrals\/([0-9a-fA-F-]{36})$/, () => import('./screens/referrals.js'), 'detail', null],
  [/^\/district$/, () => import('./screens/district.js'), 'district', null],
  [/^\/admin$/, () => import('./screens/admin.js'), 'admin', null],
  [/^\/subscriptions$/, () => import('./screens/subscriptions.js'), 'subscriptions', ['admin', 'district_manager', 'facility_head']],
];

/** Each role's home screen and navigation. */
const HOME = {
  pharmacist: '/stock',
  facility_head: '/alerts',
  referral_coordinator: '/referrals',
  district_manager: '/district',
  clinician: '/referrals',
  community_worker: '/referrals',
  admin: '/admin',
};

const NAV = {
  pharmacist: [['/stock', 'nav.stock'], ['/report', 'nav.report'], ['/count', 'nav.count'], ['/upload', 'nav.upload'], ['/orders', 'nav.orders'], ['/outbox', 'nav.outbox']],
  facility_head: [['/alerts', 'nav.alerts'], ['/stock', 'nav.stock'], ['/orders', 'nav.orders'], ['/report', 'nav.report'], ['/referrals', 'nav.referrals'], ['/subscriptions', 'nav.subscriptions']],
  referral_coordinator: [['/referrals', 'nav.referrals'], ['/worklist', 'nav.worklist'], ['/referrals/new', 'nav.newReferral'], ['/alerts', 'nav.alerts']],
  district_manager: [['/district', 'nav.district'], ['/alerts', 'nav.alerts'], ['/orders', 'nav.orders'], ['/referrals', 'nav.referrals'], ['/worklist', 'nav.worklist'], ['/subscriptions', 'nav.subscriptions']],
  clinician: [['/referrals', 'nav.referrals'], ['/referrals/new', 'nav.newReferral']],
  community_worker: [['/referrals', 'nav.referrals'], ['/referrals/new', 'nav.newReferral']],
  admin: [['/admin', 'nav.admin'], ['/district', 'nav.district'], ['/alerts', 'nav.alerts'], ['/referrals', 'nav.referrals'], ['/subscriptions', 'nav.subscriptions']],
};

export const homeOf = (role) => HOME[role] || '/admin';

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

let renderSeq = 0;

async function route() {
  const seq = ++renderSeq;
  const url = new URL(location.href);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const user = auth.user();
  if (path === '/' || path === '/index.html') {
    navigate(user ? homeOf(user.role) : '/signin', { replace: true });
    return;
  }
  const match = ROUTES.map(([re, load, name, roles]) => ({ m: path.match(re), load, name, roles })).find((r) => r.m);
  if (match && match.roles !== 'public' && !user) {
    sessionStorage.setItem('mh.after-signin', path + url.search);
    navigate('/signin', { replace: true });
    return;
  }
  renderHeader(user, path);
  const main = document.getElementById('main');
  if (!match || (Array.isArray(match.roles) && !match.roles.includes(user.role))) {
    show(main, h('h1', { tabindex: '-1' }, t('notFound.title')), h('p', {}, h('a', { href: user ? homeOf(user.role) : '/signin' }, t('notFound.home'))));
    document.title = `${t('notFound.title')} – ${t('app.name')}`;
    return;
  }
  try {
    const mod = await match.load();
    if (seq !== renderSeq) return;
    const view = h('div', { class: 'view' });
    const ctx = { user, params: match.m.slice(1).map(decodeURIComponent), query: url.searchParams, navigate, seq: () => seq === renderSeq };
    const pending = mod[match.name](view, ctx);
    show(main, view);
    await pending;
  } catch (e) {
    if (seq !== renderSeq) return;
    console.error(e);
    show(main, h('h1', { tabindex: '-1' }, t('error.title')), notice('error', problemText(e)));
  }
  if (seq !== renderSeq) return;
  const h1 = main.querySelector('h1');
  if (h1) {
    document.title = `${h1.textContent} – ${t('app.name')}`;
    if (routed) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
    announce(h1.textContent);
  }
  routed = true;
}

let routed = false;

function show(main, ...children) {
  clear(main);
  main.append(...children);
}

function renderHeader(user, path) {
  const top = document.getElementById('top');
  clear(top);
  const brand = h('a', { class: 'brand', href: user ? homeOf(user.role) : '/signin' }, t('app.name'));
  const lang = languagePicker();
  if (!user) {
    top.append(h('div', { class: 'bar' }, brand, lang));
    return;
  }
  const who = h('p', { class: 'who' }, t('header.signedInAs', { user: user.sub, role: roleLabel(user.role) }));
  const facilityPicker = user.facilities.length > 1 ? picker('header.facility', user.facilities, auth.currentFacility(), (v) => { auth.setFacility(v); route(); }) : null;
  const districtPicker = user.districts.length > 1 ? picker('header.district', user.districts, auth.currentDistrict(), (v) => { auth.setDistrict(v); route(); }) : null;
  const signOut = h('button', { type: 'button', class: 'link-button', onclick: () => { auth.signOut(); navigate('/signin'); } }, t('nav.signOut'));
  const links = (NAV[user.role] || []).map(([href, key]) => h('li', {}, h('a', { href, 'aria-current': path === href ? 'page' : null }, t(key))));
  top.append(
    h('div', { class: 'bar' }, brand, who, lang, signOut),
    facilityPicker || districtPicker ? h('div', { class: 'bar bar-pickers' }, facilityPicker, districtPicker) : null,
    h('nav', { 'aria-label': t('nav.label') }, h('ul', { class: 'nav' }, links)),
    REPORTERS.includes(user.role) ? queueBanner() : null,
    stepsBanner(),
  );
}

function picker(labelKey, values, current, onchange) {
  const id = `pick-${labelKey.replace('.', '-')}`;
  return h('div', { class: 'picker' }, h('label', { for: id }, t(labelKey)),
    h('select', { id, onchange: (e) => onchange(e.target.value) }, values.map((v) => h('option', { value: v, selected: v === current }, v))));
}

function languagePicker() {
  const current = document.documentElement.lang.split('-')[0];
  return h('div', { class: 'picker lang' }, h('label', { for: 'pick-lang', class: 'visually-hidden' }, t('header.language')),
    h('select', {
      id: 'pick-lang',
      onchange: (e) => { sessionStorage.setItem('mh.lang', e.target.value); location.reload(); },
    }, [['en', 'English'], ['fr', 'Français'], ['ar', 'العربية']].map(([v, text]) => h('option', { value: v, lang: v, selected: v === current }, text))));
}

// The outbox banner: how many reports wait on this device, and the last sync's outcome.
let bannerState = { lastSync: null };
function queueBanner() {
  const box = h('div', { class: 'queue', id: 'queue-banner' });
  paintBanner(box, { pending: queue.pending(), syncing: queue.isSyncing(), lastSync: bannerState.lastSync });
  return box;
}

function paintBanner(box, state) {
  clear(box);
  const n = state.pending.length;
  const offline = !navigator.onLine;
  // A sync that had nothing to send (start-up, the periodic check) is no news.
  if (n === 0 && !(state.lastSync?.sent > 0) && !offline) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  // One line on a phone: offline said in a few words (the outbox screen explains), the count, and while online the
  // button; sending cannot work offline, so the button waits for the link to return.
  const parts = [];
  if (offline) parts.push(h('p', { class: 'queue-offline', title: t('queue.offline') }, t('queue.offlineShort')));
  if (n > 0) {
    parts.push(h('p', { class: 'queue-count', role: 'status' }, n === 1 ? t('queue.waitingOne') : t('queue.waiting', { n }),
      state.syncing ? ` ${t('queue.sending')}` : ''));
    if (!offline) parts.push(h('button', { type: 'button', class: 'small', disabled: state.syncing, onclick: () => queue.sync() }, t('queue.sendNow')));
  } else if (state.lastSync && state.lastSync.sent > 0) {
    const s = state.lastSync;
    parts.push(h('p', { class: 'queue-count', role: 'status' },
      t('queue.synced', { accepted: s.accepted || 0, duplicate: s.duplicate || 0, rejected: s.rejected || 0 })));
  }
  parts.push(h('a', { href: '/outbox', class: 'small' }, t('queue.seeResults')));
  box.append(...parts);
}

function onQueueChange(state) {
  if (state.lastSync) {
    bannerState.lastSync = state.lastSync;
  }
  const box = document.getElementById('queue-banner');
  if (box) paintBanner(box, { ...state, lastSync: bannerState.lastSync });
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || localStorage.getItem('mh.no-sw') === '1') return;
  const v = document.querySelector('meta[name="app-version"]')?.content || '';
  navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(v)}`, { scope: '/' }).catch((e) => console.warn('service worker', e));
}

async function boot() {
  await loadStrings();
  document.getElementById('skip-link').textContent = t('app.skip');
  setUnauthorizedHandler(() => {
    const u = auth.user();
    auth.signOut();
    sessionStorage.setItem('mh.signin-reason', u ? 'expired' : 'required');
    sessionStorage.setItem('mh.after-signin', location.pathname + location.search);
    navigate('/signin', { replace: true });
  });
  document.addEventListener('click', (e) => {
    const a = e.target.closest?.('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.target || a.hasAttribute('download') || a.dataset.external != null) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || /^\/(api|scalar|openapi|hangfire|dashboard|metrics|dev|health)(\/|$)/.test(url.pathname)) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', route);
  window.addEventListener('online', () => {
    onQueueChange({ pending: queue.pending(), syncing: queue.isSyncing() });
    // A screen showing the copy saved on the device is drawn again from the network.
    if (document.querySelector('#main .stale') && !document.querySelector('#main form :focus')) route();
  });
  window.addEventListener('offline', () => onQueueChange({ pending: queue.pending(), syncing: queue.isSyncing() }));
  queue.onChange(onQueueChange);
  queue.start();
  steps.start();
  registerServiceWorker();
  await route();
}

boot();
