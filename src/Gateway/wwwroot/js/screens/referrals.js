// Referrals: the board by state, the overdue worklist (how late and why), a referral's detail with its history, the
// actions the caller's role may take (allowedActions from the server), back-referral and follow-ups; the new-referral form.

import { h, field, radios, notice, scroller, clear, uuid } from '../dom.js';
import { t, tOr, fmt } from '../i18n.js';
import { api } from '../api.js';
import * as steps from '../steps.js';
import * as auth from '../auth.js';
import { medicines, facilities, medicineName, facilityName, problemText } from '../ref.js';

const OPEN_STATES = ['requested', 'received', 'accepted', 'booked', 'no_show', 'in_progress', 'on_hold'];
const CLOSED_STATES = ['completed', 'rejected', 'failed', 'cancelled', 'entered_in_error'];
const REASONS = ['depression', 'psychosis', 'bipolar_disorder', 'epilepsy', 'child_adolescent', 'dementia', 'substance_use', 'self_harm', 'other'];
const URGENCIES = ['emergency', 'urgent', 'routine'];
const DANGER = ['reject', 'fail', 'cancel', 'entered-in-error'];

const stateLabel = (s) => tOr(`state.${s}`, s);
const urgencyBadge = (u) => h('span', { class: `badge urgency-${u}` }, tOr(`urgency.${u}`, u));

/** Why the referral is waiting, from its current state (due.code, the server's one mapping), then how late or by when. */
function dueText(due) {
  if (!due) return null;
  const why = whyText(due);
  return due.overdue ? t('referrals.lateBy', { time: fmt.hours(due.hoursLate), why }) : t('referrals.dueAt', { at: fmt.dateTime(due.at), why });
}

export const whyText = (due) => (due.code ? tOr(`why.${due.code}`, due.reason) : due.reason || tOr(`due.${due.kind}`, due.kind));

const toText = (r, facs) => (r.toFacility ? r.toFacilityName || facilityName(facs, r.toFacility) : tOr(`service.${r.toService}`, r.toService || '–'));

function referralCard(r, facs) {
  return h('li', { class: 'card' },
    h('h3', {}, h('a', { href: `/referrals/${r.id}` }, t('referrals.patient', { code: r.patientCode }))),
    h('div', { class: 'badges' }, h('span', { class: 'badge status-unknown' }, stateLabel(r.status)), urgencyBadge(r.urgency),
      r.due?.overdue ? h('span', { class: 'badge late' }, t('referrals.overdue')) : null),
    h('p', { class: 'meta' }, t('referrals.fromTo', { from: r.fromFacilityName || facilityName(facs, r.fromFacility), to: toText(r, facs) })),
    r.reason ? h('p', { class: 'meta' }, tOr(`mhgap.${r.reason}`, r.reason)) : null,
    r.due ? h('p', { class: r.due.overdue ? 'meta late-text' : 'meta' }, dueText(r.due)) : null);
}

/** Referrals per page on the board: a few phone screens of cards, not hundreds. */
const BOARD_PAGE = 10;

export async function board(view, ctx) {
  const query = ctx.query;
  // ?closed=1 (older links) is the same as every state.
  const state = query.get('state') || (query.get('closed') === '1' ? 'all' : 'open');
  const urgency = query.get('urgency') || '';
  const facility = query.get('facility') || '';
  const search = (query.get('q') || '').trim();
  const page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
  const params = new URLSearchParams({ page: String(page), pageSize: String(BOARD_PAGE) });
  if (state !== 'all') params.set('state', state);
  if (urgency) params.set('urgency', urgency);
  if (facility) params.set('facility', facility);
  if (search) params.set('q', search);
  const [res, facs] = await Promise.all([api(`/api/v1/referrals?${params}`), facilities().catch(() => new Map())]);
  const go = (changes) => {
    const next = new URLSearchParams({ state, urgency, facility, q: search, page: '1', ...changes });
    for (const [k, v] of [...next.entries()]) if (!v || (k === 'page' && v === '1') || (k === 'state' && v === 'open')) next.delete(k);
    const qs = next.toString();
    ctx.navigate(`/referrals${qs ? `?${qs}` : ''}`, { replace: true });
  };
  const q = h('input', { id: 'ref-search', type: 'search', value: search, autocomplete: 'off', maxlength: 40 });
  const select = (id, label, value, options) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name: id }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
  const stateSelect = select('ref-state', t('referrals.filterState'), state, [
    ['open', t('referrals.stateOpen')], ['all', t('referrals.stateAll')], ['closed', t('referrals.stateClosed')],
    ...[...OPEN_STATES, ...CLOSED_STATES].map((s) => [s, stateLabel(s)])]);
  const urgencySelect = select('ref-urgency', t('referrals.filterUrgency'), urgency, [['', t('referrals.anyUrgency')], ...URGENCIES.map((u) => [u, tOr(`urgency.${u}`, u)])]);
  const facilitySelect = select('ref-facility', t('referrals.filterFacility'), facility,
    [['', t('referrals.anyFacility')], ...[...facs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((f) => [f.id, f.name])]);
  const pages = Math.max(1, Math.ceil(res.total / BOARD_PAGE));
  const states = state === 'all' || state === 'closed' ? [...OPEN_STATES, ...CLOSED_STATES] : OPEN_STATES;
  const onPage = states.filter((s) => res.items.some((r) => r.status === s));
  view.append(
    h('h1', {}, t('referrals.title')),
    res.mayRefer ? h('div', { class: 'actions' },
      h('a', { class: 'button primary', href: '/referrals/new' }, t('referrals.newButton')),
      ['referral_coordinator', 'district_manager', 'admin'].includes(ctx.user.role) ? h('a', { class: 'button', href: '/worklist' }, t('referrals.worklistButton')) : null) : null,
    h('form', {
      class: 'filters board-filters', role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        go({ q: q.value.trim(), state: stateSelect.querySelector('select').value, urgency: urgencySelect.querySelector('select').value,
          facility: facilitySelect.querySelector('select').value });
      },
    }, h('div', { class: 'field' }, h('label', { for: 'ref-search' }, t('referrals.search')), q), stateSelect, urgencySelect, facilitySelect,
    h('button', { type: 'submit', class: 'small' }, t('referrals.searchButton'))),
    h('ul', { class: 'state-counts', 'aria-label': t('referrals.countsLabel') }, OPEN_STATES.filter((s) => res.counts?.[s]).map((s) => h('li', {},
      h('a', { href: `/referrals?state=${s}`, onclick: (e) => { e.preventDefault(); go({ state: s }); } }, t('referrals.column', { state: stateLabel(s), n: res.counts[s] }))))),
    h('p', { class: 'hint', role: 'status' }, res.total === 0 ? t('referrals.noneFound')
      : t('referrals.pageOf', { from: (page - 1) * BOARD_PAGE + 1, to: Math.min(res.total, page * BOARD_PAGE), total: res.total })),
    h('div', { class: 'board' }, onPage.map((s) => {
      const id = `col-${s}`;
      return h('section', { class: 'column', 'aria-labelledby': id },
        h('h2', { id }, t('referrals.column', { state: stateLabel(s), n: res.counts?.[s] ?? 0 })),
        h('ul', { class: 'cards' }, res.items.filter((r) => r.status === s).map((r) => referralCard(r, facs))));
    })),
    pages > 1 ? h('nav', { class: 'pager', 'aria-label': t('referrals.pagerLabel') },
      page > 1 ? h('a', { class: 'button', rel: 'prev', href: '#', onclick: (e) => { e.preventDefault(); go({ page: String(page - 1) }); } }, t('referrals.previous')) : null,
      h('span', {}, t('referrals.page', { page, pages })),
      page < pages ? h('a', { class: 'button', rel: 'next', href: '#', onclick: (e) => { e.preventDefault(); go({ page: String(page + 1) }); } }, t('referrals.next')) : null) : null,
  );
}

export async function worklist(view, ctx) {
  const district = auth.currentDistrict();
  const [res, facs] = await Promise.all([
    api(`/api/v1/referrals?overdue=true&pageSize=500${district ? `&district=${encodeURIComponent(district)}` : ''}`),
    facilities().catch(() => new Map()),
  ]);
  const late = res.items.filter((r) => r.due?.overdue).sort((a, b) => (b.due.hoursLate || 0) - (a.due.hoursLate || 0));
  view.append(h('h1', {}, t('worklist.title')), h('p', { class: 'lead' }, late.length === 1 ? t('worklist.introOne') : t('worklist.intro', { n: late.length })),
    late.length === 0 ? notice('ok', t('worklist.empty')) : scroller(t('worklist.caption'), h('table', { class: 'data worklist' },
      h('caption', {}, t('worklist.caption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('worklist.colPatient')),
        h('th', { scope: 'col', class: 'num' }, t('worklist.colLate')),
        h('th', { scope: 'col' }, t('worklist.colWhy')),
        h('th', { scope: 'col' }, t('worklist.colFrom')),
        h('th', { scope: 'col' }, t('worklist.colWhere')))),
      h('tbody', {}, late.map((r) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/referrals/${r.id}` }, r.patientCode), h('br'), urgencyBadge(r.urgency),
          r.phone ? h('span', { class: 'phone' }, h('br'), h('a', { href: `tel:${r.phone.replace(/[^+\d]/g, '')}`, dir: 'ltr' }, r.phone)) : null),
        h('td', { class: 'num' }, fmt.hours(r.due.hoursLate)),
        // The why is what the current state waits for; the state is said with it, so the two cannot disagree.
        h('td', {}, whyText(r.due), h('br'), h('span', { class: 'hint' }, t('worklist.inState', { state: stateLabel(r.status) }))),
        h('td', {}, r.fromFacilityName || facilityName(facs, r.fromFacility)),
        h('td', {}, toText(r, facs))))))));
}

const localInput = (d = new Date()) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
const fromLocal = (v) => (v ? new Date(v).toISOString() : null);

/** A "when it happened" field, prefilled with now to the minute. */
const atField = (label) => {
  const now = localInput();
  const f = field({ label, name: 'at', kind: 'datetime-local', hint: t('referral.atHint'), value: now, attrs: { max: now } });
  f.prefilled = now;
  return f;
};

// The prefilled minute is earlier than a step recorded a few seconds ago in the same minute, which the server refuses:
// `at` goes only when the user changed it, and the server stamps the rest with its own now.
const changedAt = (f) => (f && f.control.value && f.control.value !== f.prefilled ? fromLocal(f.control.value) : undefined);

export async function detail(view, ctx) {
  const [id] = ctx.params;
  const [r, facs, meds] = await Promise.all([api(`/api/v1/referrals/${id}`), facilities().catch(() => new Map()), medicines().catch(() => new Map())]);
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const body = h('div', {});
  view.append(h('h1', {}, t('referral.title', { code: r.patient.code })), status, body);
  const flash = sessionStorage.getItem('mh.flash');
  if (flash) {
    sessionStorage.removeItem('mh.flash');
    status.append(notice('ok', flash));
  }
  const paint = (ref) => {
    clear(body);
    body.append(
      h('div', { class: 'badges' }, h('span', { class: 'badge status-unknown' }, stateLabel(ref.status)), urgencyBadge(ref.urgency),
        ref.due?.overdue ? h('span', { class: 'badge late' }, t('referrals.overdue')) : null),
      ref.due ? h('p', {}, dueText(ref.due)) : null,
      h('dl', { class: 'facts' },
        fact(t('referral.patient'), [ref.patient.code, tOr(`sex.${ref.patient.sex}`, ref.patient.sex), ref.patient.birthYear].join(' · ')),
        ref.patient.name ? fact(t('referral.name'), ref.patient.name) : null,
        ref.patient.phone ? fact(t('referral.phone'), ref.patient.phone) : null,
        fact(t('referral.from'), facilityName(facs, ref.fromFacility)),
        fact(t('referral.to'), ref.toFacility ? facilityName(facs, ref.toFacility) : tOr(`service.${ref.toService}`, ref.toService || '–')),
        ref.reason ? fact(t('referral.reason'), tOr(`mhgap.${ref.reason}`, ref.reason)) : null,
        fact(t('referral.consentTo'), consentText(ref.consentTo, facs)),
        fact(t('referral.created'), `${fmt.dateTime(ref.createdAt)} · ${ref.createdBy}`),
        ref.appointmentAt ? fact(t('referral.appointment'), fmt.dateTime(ref.appointmentAt)) : null),
      ref.notes ? h('p', {}, h('strong', {}, t('referral.notes')), ' ', ref.notes) : null,
      ref.exceptionalAccess ? notice('info', t('referral.exceptional')) : null,
      ref.clinicalWithheld ? withheldSection(ref, paint) : null,
      actionsSection(ref, meds, status, paint),
      ref.backReferral ? backReferralSection(ref, meds) : null,
      ref.followUps?.length ? followUpsSection(ref, status, paint) : null,
      h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('referral.historyTitle')),
        h('ol', { class: 'history' }, ref.history.map((x) => h('li', {},
          h('strong', {}, stateLabel(x.status)), ` · ${fmt.dateTime(x.at)} · ${x.by}`, x.reason ? ` · ${x.reason}` : '')))),
    );
  };
  paint(r);
}

const fact = (k, v) => h('div', {}, h('dt', {}, k), h('dd', {}, v));

/** Two checkboxes: with whom the person now agrees to share clinical details (named facilities are kept). */
function consentFields(current) {
  const box = (id, label, checked) => h('div', { class: 'check' }, h('input', { type: 'checkbox', id, checked }), h('label', { for: id }, label));
  const receiving = box('consent-receiving', t('consent.askReceiving'), !!current?.receivingService);
  const community = box('consent-community', t('consent.askCommunity'), !!current?.communityServices);
  const el = h('fieldset', { class: 'stack' }, h('legend', {}, t('consent.legend')), h('p', { class: 'hint' }, t('consent.hint')), receiving, community);
  return {
    el,
    value: () => ({
      receivingService: el.querySelector('#consent-receiving').checked,
      communityServices: el.querySelector('#consent-community').checked,
      facilities: current?.facilities || [],
    }),
  };
}

/** With whom the person agreed to share clinical details, in words. */
function consentText(c, facs) {
  const parts = [];
  if (c?.receivingService) parts.push(t('consent.receivingService'));
  if (c?.communityServices) parts.push(t('consent.communityServices'));
  for (const f of c?.facilities || []) parts.push(facilityName(facs, f));
  return parts.length ? parts.join(' · ') : t('consent.nobody');
}

/** Clinical parts the caller's role sees only as an exception: opened with a stated reason, which the audit keeps. */
function withheldSection(ref, repaint) {
  const why = field({ label: t('referral.justification'), name: 'justification', kind: 'textarea', required: true, attrs: { maxlength: 500 } });
  const problems = h('div', {});
  return h('section', { 'aria-labelledby': 'withheld-title' },
    h('h2', { id: 'withheld-title' }, t('referral.withheldTitle')),
    h('p', { class: 'hint' }, t('referral.withheld')),
    h('form', {
      class: 'stack', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const text = why.control.value.trim();
        if (!text) {
          why.control.setAttribute('aria-invalid', 'true');
          problems.replaceChildren(notice('error', t('report.fix', { fields: t('referral.justification') })));
          why.control.focus();
          return;
        }
        try {
          repaint(await api(`/api/v1/referrals/${ref.id}`, { headers: { 'X-Access-Justification': text } }));
        } catch (err) {
          problems.replaceChildren(notice('error', problemText(err)));
        }
      },
    }, why, problems, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('referral.openWithReason')))));
}

function actionsSection(ref, meds, status, repaint) {
  const allowed = ref.allowedActions || [];
  const panel = h('div', {});
  const section = h('section', { 'aria-labelledby': 'actions-title' }, h('h2', { id: 'actions-title' }, t('referral.actionsTitle')));
  if (allowed.length === 0) {
    section.append(h('p', { class: 'hint' }, t('referral.noActions')));
    return section;
  }
  section.append(h('div', { class: 'actions' }, allowed.map((a) => h('button', {
    type: 'button', class: DANGER.includes(a.action) ? 'danger' : 'primary', 'data-action': a.action,
    onclick: () => { panel.replaceChildren(actionForm(ref, a, meds, status, repaint, () => panel.replaceChildren())); panel.querySelector('input,select,textarea,button')?.focus(); },
  }, tOr(`action.${a.action}`, a.action)))), panel);
  return section;
}

/** The form of one allowed action: the server says whether it needs or takes a reason (allowedActions). */
function actionForm(ref, allowedAction, meds, status, repaint, close) {
  const { action } = allowedAction;
  const fields = [];
  const reason = allowedAction.reasonRequired || allowedAction.reasonAccepted
    ? field({ label: t('referral.actionReason'), name: 'reason', kind: 'textarea', required: allowedAction.reasonRequired, attrs: { maxlength: 1000 } }) : null;
  const consent = action === 'consent' ? consentFields(ref.consentTo) : null;
  const appointment = action === 'book' ? field({ label: t('referral.appointmentAt'), name: 'appointmentAt', kind: 'datetime-local', required: true }) : null;
  const at = action === 'acknowledge-back-referral' || action === 'book' || action === 'back-refer' || action === 'consent' ? null
    : atField(t('referral.at'));
  let back = null;
  if (action === 'back-refer') back = backReferForm(meds);
  fields.push(consent?.el, reason, appointment, back?.el, at);
  const problems = h('div', {});
  const form = h('form', {
    class: 'stack action-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      for (const f of [reason, appointment]) {
        if (f && f.control.required && !f.control.value.trim()) {
          f.control.setAttribute('aria-invalid', 'true');
          problems.replaceChildren(notice('error', t('report.fix', { fields: f.querySelector('label').firstChild.textContent })));
          f.control.focus();
          return;
        }
      }
      const body = {};
      if (reason?.control.value.trim()) body.reason = reason.control.value.trim();
      if (appointment) body.appointmentAt = fromLocal(appointment.control.value);
      if (changedAt(at)) body.at = changedAt(at);
      if (back) Object.assign(body, back.value());
      if (consent) body.consentTo = consent.value();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        const path = action === 'acknowledge-back-referral' ? `/api/v1/referrals/${ref.id}/back-referral/acknowledge` : `/api/v1/referrals/${ref.id}/${action}`;
        // Facilities named in the consent stay as they were: this form records the two kinds of recipient.
        const label = t('steps.referralStep', { action: tOr(`action.${action}`, action), code: ref.patient?.code ?? '' });
        const sent = await steps.submit({ path, body, label, idempotent: action !== 'consent' });
        if (sent.outcome === 'pending') {
          close();
          status.replaceChildren(notice('ok', t('steps.savedOffline', { step: label })));
          status.focus();
          return;
        }
        const updated = sent.data;
        const msg = t('referral.done', { action: tOr(`action.${action}`, action), state: stateLabel(updated.status) });
        repaint(updated);
        status.replaceChildren(notice('ok', msg));
        status.focus();
      } catch (err) {
        submit.disabled = false;
        problems.replaceChildren(notice('error', problemText(err)));
      }
    },
  }, h('h3', {}, tOr(`action.${action}`, action)), fields, problems, h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, t('referral.confirm', { action: tOr(`action.${action}`, action) })),
    h('button', { type: 'button', onclick: close }, t('common.cancel'))));
  return form;
}

function backReferForm(meds) {
  const diagnosis = field({ label: t('back.diagnosis'), name: 'diagnosis', kind: 'select', required: true, options: REASONS.map((r) => [r, tOr(`mhgap.${r}`, r)]) });
  const plan = field({ label: t('back.plan'), name: 'plan', kind: 'textarea', required: true, attrs: { maxlength: 4000 } });
  const every = field({ label: t('back.followUpEveryDays'), name: 'followUpEveryDays', kind: 'number', required: true, value: 30, attrs: { min: 1, max: 365, inputmode: 'numeric' } });
  const rows = h('div', { class: 'stack' });
  const options = [['', t('report.pickMedicine')], ...[...meds.values()].map((m) => [m.code, medicineName(meds, m.code)])];
  const addRow = () => {
    const n = rows.children.length + 1;
    const med = field({ label: t('back.medicine', { n }), name: 'medicine', kind: 'select', options });
    const dose = field({ label: t('back.dose', { n }), name: 'dose', attrs: { maxlength: 200 } });
    const days = field({ label: t('back.durationDays', { n }), name: 'durationDays', kind: 'number', attrs: { min: 1, inputmode: 'numeric' } });
    // The dose in numbers beside the prescriber's words: what the PHC's supply plans on (people on treatment, plan demand).
    const quantity = field({ label: t('back.quantity', { n }), name: 'quantity', kind: 'number', hint: t('back.quantityHint'),
      attrs: { min: 0.25, max: 1000, step: 0.25, inputmode: 'decimal' } });
    const per = field({ label: t('back.per', { n }), name: 'per', kind: 'select', value: 'day',
      options: [['day', t('back.perDay')], ['week', t('back.perWeek')]] });
    const row = h('fieldset', {}, h('legend', {}, t('back.medicineGroup', { n })), med, dose, quantity, per, days);
    row.read = () => {
      if (!med.control.value) return null;
      const item = { medicine: med.control.value, dose: dose.control.value.trim(), durationDays: Number(days.control.value) || null };
      const q = Number(quantity.control.value);
      return quantity.control.value !== '' && q > 0 ? { ...item, quantity: q, per: per.control.value } : item;
    };
    rows.append(row);
    med.control.focus();
  };
  const el = h('div', { class: 'stack' }, diagnosis, plan, every, rows,
    h('button', { type: 'button', onclick: addRow }, t('back.addMedicine')));
  return {
    el,
    value: () => ({
      diagnosis: diagnosis.control.value, plan: plan.control.value.trim(), followUpEveryDays: Number(every.control.value),
      medicines: [...rows.children].map((r) => r.read()).filter(Boolean),
    }),
  };
}

function backReferralSection(ref, meds) {
  const b = ref.backReferral;
  return h('section', { 'aria-labelledby': 'back-title' }, h('h2', { id: 'back-title' }, t('back.title')),
    h('dl', { class: 'facts' },
      b.diagnosis ? fact(t('back.diagnosis'), tOr(`mhgap.${b.diagnosis}`, b.diagnosis)) : null,
      fact(t('back.followUpEveryDays'), fmt.num(b.followUpEveryDays)),
      b.sentAt ? fact(t('back.sent'), `${fmt.dateTime(b.sentAt)} · ${b.sentBy || ''}`) : null,
      fact(t('back.acknowledged'), b.acknowledgedAt ? fmt.dateTime(b.acknowledgedAt) : t('back.notYet'))),
    b.plan ? h('p', {}, h('strong', {}, t('back.plan')), ' ', b.plan) : null,
    b.medicines?.length ? h('ul', {}, b.medicines.map((m) => h('li', {}, [medicineName(meds, m.medicine), m.dose,
      m.quantity != null ? t(m.per === 'week' ? 'back.perWeekShown' : 'back.perDayShown', { quantity: fmt.num(m.quantity, 2) }) : null,
      t('back.days', { n: m.durationDays })].filter(Boolean).join(' · ')))) : null);
}

/**
 * The follow-up visits: the one due next (and any missed one still being traced), with their buttons; the later visits
 * and those done, collapsed, without buttons (a 90-day plan is not 12 cards of 3 buttons).
 */
function followUpsSection(ref, status, repaint) {
  const visits = [...ref.followUps].sort((a, b) => a.seq - b.seq);
  const next = visits.find((f) => f.status === 'scheduled');
  const current = visits.filter((f) => f.status === 'missed' || f === next);
  const later = visits.filter((f) => f.status === 'scheduled' && f !== next);
  const done = visits.filter((f) => f.status === 'attended' || f.status === 'traced');
  const collapsed = (id, summary, list) => (list.length ? h('details', { class: 'follow-up-more', id },
    h('summary', {}, summary), h('ul', { class: 'cards' }, list.map((f) => visit(f, false)))) : null);
  return h('section', { 'aria-labelledby': 'fu-title' }, h('h2', { id: 'fu-title' }, t('followUp.title')),
    current.length ? h('ul', { class: 'cards follow-up-current' }, current.map((f) => visit(f, true))) : h('p', { class: 'hint' }, t('followUp.noneOpen')),
    collapsed('fu-later', t('followUp.later', { n: later.length }), later),
    collapsed('fu-done', t('followUp.history', { n: done.length }), done));

  function visit(f, withButtons) {
      const li = h('li', { class: 'card' });
      const titleId = `fu-${f.id}`;
      const panel = h('div', {});
      const act = (action) => {
        const reason = action === 'missed' ? field({ label: t('followUp.reason'), name: 'reason', attrs: { maxlength: 1000 } }) : null;
        const promised = action === 'missed' ? field({ label: t('followUp.promisedDate'), name: 'promisedDate', kind: 'date' }) : null;
        const outcome = action === 'traced' ? field({ label: t('followUp.outcome'), name: 'outcome', kind: 'textarea', required: true, attrs: { maxlength: 1000 } }) : null;
        const problems = h('div', {});
        const form = h('form', {
          class: 'stack', novalidate: true,
          onsubmit: async (e) => {
            e.preventDefault();
            if (outcome && !outcome.control.value.trim()) {
              outcome.control.setAttribute('aria-invalid', 'true');
              problems.replaceChildren(notice('error', t('report.fix', { fields: t('followUp.outcome') })));
              return;
            }
            const body = {};
            if (reason?.control.value.trim()) body.reason = reason.control.value.trim();
            if (promised?.control.value) body.promisedDate = promised.control.value;
            if (outcome) body.outcome = outcome.control.value.trim();
            try {
              const label = t('steps.followUpStep', { action: t(`followUp.confirm.${action}`), n: f.seq, code: ref.patient?.code ?? '' });
              const sent = await steps.submit({ path: `/api/v1/follow-ups/${f.id}/${action}`, body, label });
              if (sent.outcome === 'pending') {
                panel.replaceChildren();
                status.replaceChildren(notice('ok', t('steps.savedOffline', { step: label })));
                status.focus();
                return;
              }
              const updated = sent.data;
              repaint(updated);
              const msg = t('followUp.done');
              status.replaceChildren(notice('ok', msg));
              status.focus();
            } catch (err) {
              problems.replaceChildren(notice('error', problemText(err)));
            }
          },
        }, reason, promised, outcome, problems, h('div', { class: 'actions' },
          h('button', { type: 'submit', class: 'primary', 'aria-describedby': titleId }, t(`followUp.confirm.${action}`)),
          h('button', { type: 'button', onclick: () => panel.replaceChildren() }, t('common.cancel'))));
        panel.replaceChildren(form);
        form.querySelector('input,textarea,button')?.focus();
      };
      const open = withButtons && (f.status === 'scheduled' || f.status === 'missed');
      li.append(
        h('h3', { id: titleId }, t('followUp.item', { n: f.seq, at: fmt.date(f.dueAt) })),
        h('div', { class: 'badges' }, h('span', { class: 'badge status-unknown' }, tOr(`followUpStatus.${f.status}`, f.status))),
        f.missedReason ? h('p', { class: 'meta' }, t('followUp.missedBecause', { reason: f.missedReason })) : null,
        f.promisedDate ? h('p', { class: 'meta' }, t('followUp.promised', { at: fmt.date(f.promisedDate) })) : null,
        f.outcome ? h('p', { class: 'meta' }, t('followUp.traced', { outcome: f.outcome })) : null,
        open ? h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'small', 'aria-describedby': titleId, onclick: () => act('attend') }, t('followUp.attend')),
          f.status === 'scheduled' ? h('button', { type: 'button', class: 'small', 'aria-describedby': titleId, onclick: () => act('missed') }, t('followUp.missed')) : null,
          // Tracing records what was found after a missed visit (FollowUpRules: traced only from missed).
          f.status === 'missed' ? h('button', { type: 'button', class: 'small', 'aria-describedby': titleId, onclick: () => act('traced') }, t('followUp.tracedButton')) : null) : null,
        panel);
      return li;
  }
}

export async function newReferral(view, ctx) {
  const [facs, services] = await Promise.all([facilities(), api('/api/v1/services/codes').catch(() => [])]);
  const mine = ctx.user.facilities.filter((f) => facs.has(f));
  const fromOptions = (mine.length ? mine : [...facs.keys()]).map((id) => [id, facilityName(facs, id)]);
  const status = h('div', { class: 'status-area', tabindex: '-1' });
  const code = field({ label: t('newReferral.code'), name: 'code', required: true, hint: t('newReferral.codeHint'), attrs: { autocomplete: 'off', maxlength: 40, pattern: '[\\w\\/\\-]{3,40}' } });
  const sex = radios({ legend: t('newReferral.sex'), name: 'sex', items: ['female', 'male', 'other', 'unknown'].map((s) => [s, tOr(`sex.${s}`, s)]), value: 'unknown' });
  const birthYear = field({ label: t('newReferral.birthYear'), name: 'birthYear', kind: 'number', required: true, attrs: { min: 1900, max: new Date().getFullYear(), inputmode: 'numeric' } });
  const name = field({ label: t('newReferral.name'), name: 'name', hint: t('newReferral.contactHint'), attrs: { autocomplete: 'off', maxlength: 200 } });
  const phone = field({ label: t('newReferral.phone'), name: 'phone', kind: 'tel', attrs: { autocomplete: 'off', maxlength: 40 } });
  const from = field({ label: t('newReferral.from'), name: 'fromFacility', kind: 'select', required: true, options: fromOptions, value: auth.currentFacility() });
  let toKind = 'facility';
  const toChoice = radios({
    legend: t('newReferral.toKind'), name: 'toKind', value: 'facility',
    items: [['facility', t('newReferral.toFacilityChoice')], ['service', t('newReferral.toServiceChoice')]],
    onchange: (e) => { toKind = e.target.value; toFacility.hidden = toKind !== 'facility'; toService.hidden = toKind !== 'service'; },
  });
  const toFacility = field({ label: t('newReferral.toFacility'), name: 'toFacility', kind: 'select', options: [['', t('report.pickFacility')], ...[...facs.values()].filter((f) => f.referable).map((f) => [f.id, f.name])] });
  const toService = field({ label: t('newReferral.toService'), name: 'toService', kind: 'select', options: [['', t('newReferral.pickService')], ...services.map((s) => [s, tOr(`service.${s}`, s)])] });
  toService.hidden = true;
  const reason = field({ label: t('newReferral.reason'), name: 'reason', kind: 'select', required: true, options: [['', t('newReferral.pickReason')], ...REASONS.map((r) => [r, tOr(`mhgap.${r}`, r)])] });
  const urgency = radios({ legend: t('newReferral.urgency'), name: 'urgency', items: URGENCIES.map((u) => [u, tOr(`urgency.${u}`, u)]), value: 'routine' });
  const notes = field({ label: t('newReferral.notes'), name: 'notes', kind: 'textarea', attrs: { maxlength: 4000 } });
  const consentId = 'consent';
  const consent = h('div', { class: 'check' }, h('input', { type: 'checkbox', id: consentId, name: 'consent' }), h('label', { for: consentId }, t('newReferral.consent')));
  const consentCommunity = h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'consent-community-new', name: 'consentCommunity' }),
    h('label', { for: 'consent-community-new' }, t('consent.askCommunity')));
  const at = atField(t('newReferral.at'));
  // Name and phone are kept only with the person's consent (the server refuses them otherwise): say so as they are typed.
  const contactWarning = h('div', { class: 'contact-warning', 'aria-live': 'polite' });
  const warnContact = () => {
    const contact = name.control.value.trim() || phone.control.value.trim();
    const agreed = form.querySelector('#consent').checked || form.querySelector('#consent-community-new').checked;
    contactWarning.replaceChildren(...(contact && !agreed ? [notice('warning', t('newReferral.contactWithoutConsent'))] : []));
  };
  const form = h('form', {
    class: 'stack', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const missing = [];
      const need = [code, birthYear, from, reason, toKind === 'facility' ? toFacility : toService];
      for (const f of need) {
        f.control.removeAttribute('aria-invalid');
        if (!f.control.value || !f.control.checkValidity()) {
          f.control.setAttribute('aria-invalid', 'true');
          missing.push(f.querySelector('label').firstChild.textContent);
        }
      }
      if (missing.length) {
        status.replaceChildren(notice('error', t('report.fix', { fields: missing.join(', ') })));
        status.focus();
        return;
      }
      const body = {
        id: uuid(),
        patient: {
          code: code.control.value.trim(), sex: form.querySelector('input[name=sex]:checked')?.value || 'unknown', birthYear: Number(birthYear.control.value),
          name: name.control.value.trim() || null, phone: phone.control.value.trim() || null,
        },
        fromFacility: from.control.value,
        toFacility: toKind === 'facility' ? toFacility.control.value : null,
        toService: toKind === 'service' ? toService.control.value : null,
        reason: reason.control.value,
        urgency: form.querySelector('input[name=urgency]:checked')?.value || 'routine',
        notes: notes.control.value.trim() || null,
        consent: form.querySelector('#consent').checked,
        consentTo: { receivingService: form.querySelector('#consent').checked, communityServices: form.querySelector('#consent-community-new').checked },
        at: changedAt(at),
      };
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        // The body's id makes a resent referral the same referral: the outbox may send it again safely.
        const label = t('steps.newReferral', { code: body.patient.code });
        const sent = await steps.submit({ path: '/api/v1/referrals', body, label, idempotent: false });
        if (sent.outcome === 'pending') {
          status.replaceChildren(notice('ok', t('steps.savedOffline', { step: label })));
          status.focus();
          return;
        }
        const created = sent.data;
        sessionStorage.setItem('mh.flash', t('newReferral.created', { code: created.patient.code }));
        ctx.navigate(`/referrals/${created.id}`);
      } catch (err) {
        submit.disabled = false;
        status.replaceChildren(notice('error', problemText(err)));
        status.focus();
      }
    },
  }, code, sex, birthYear, name, phone, contactWarning, from, toChoice, toFacility, toService, reason, urgency, notes, consent, consentCommunity, at,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, t('newReferral.submit'))));
  for (const control of [name.control, phone.control, form.querySelector('#consent'), form.querySelector('#consent-community-new')]) {
    control.addEventListener('input', warnContact);
    control.addEventListener('change', warnContact);
  }
  view.append(h('h1', {}, t('newReferral.title')), status, form);
}
