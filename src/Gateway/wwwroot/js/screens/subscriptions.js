// Alert subscriptions (admins, district managers, facility heads): who else hears of alerts, by e-mail, webhook or SMS.
// The server decides what each caller may see and add (GET/POST/DELETE /api/v1/subscriptions); this screen only offers
// the scopes the token names, so a facility head is not shown a choice the server would refuse.

import { h, field, radios, notice, announce, nextId } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { facilities, facilityName, roleLabel, problemText, appConfig } from '../ref.js';

const CHANNELS = ['email', 'sms', 'webhook'];
// The kinds offered are the server's (AlertKinds.All in /app-config.json); the languages those its e-mails and SMS are
// written in (AlertLanguages), each named in itself as the header's language picker names it.
const LANGUAGES = [['en', 'English'], ['fr', 'Français'], ['ar', 'العربية']];
const RECIPIENT_ROLES = ['facility_head', 'referral_coordinator', 'district_manager'];
const INPUT_KIND = { email: 'email', sms: 'tel', webhook: 'url' };

export async function subscriptions(view, ctx) {
  const [facs, config] = await Promise.all([facilities(), appConfig()]);
  const status = h('div', {});
  const list = h('section', { 'aria-labelledby': 'subs-list-title' });
  view.append(
    h('h1', {}, t('subs.title')),
    h('p', { class: 'lead' }, t('subs.intro')),
    status,
    list,
    addForm(ctx.user, facs, config.alertKinds ?? [], status, () => renderList(list, facs, status)),
  );
  await renderList(list, facs, status);
}

async function renderList(container, facs, status) {
  let items;
  try {
    items = ((await api('/api/v1/subscriptions')).items || []).filter((s) => s.active);
  } catch (e) {
    container.replaceChildren(h('h2', { id: 'subs-list-title' }, t('subs.listTitle')), notice('error', problemText(e)));
    return;
  }
  container.replaceChildren(
    h('h2', { id: 'subs-list-title' }, t('subs.listTitle')),
    items.length === 0 ? notice('info', t('subs.none'))
      : h('ul', { class: 'cards', 'aria-label': t('subs.listTitle') }, items.map((s) => card(s, facs, container, status))),
  );
}

function card(s, facs, container, status) {
  const titleId = nextId('sub');
  const scope = s.facility ? t('subs.scopeFacility', { facility: facilityName(facs, s.facility) })
    : s.district ? t('subs.scopeDistrict', { district: s.district }) : t('subs.scopeAll');
  const kinds = s.kinds.length ? s.kinds.map((k) => tOr(`alertKind.${k}`, k)).join(', ') : t('subs.allKinds');
  const remove = h('button', { type: 'button', 'aria-describedby': titleId, onclick: async () => {
    remove.disabled = true;
    try {
      await api(`/api/v1/subscriptions/${s.id}`, { method: 'DELETE' });
      status.replaceChildren(notice('ok', t('subs.deleted', { target: s.target })));
      announce(t('subs.deleted', { target: s.target }));
      await renderList(container, facs, status);
    } catch (e) {
      remove.disabled = false;
      status.replaceChildren(notice('error', problemText(e)));
    }
  } }, t('subs.delete'));
  return h('li', { class: 'card' },
    h('h3', { id: titleId }, h('bdi', {}, s.target)),
    h('p', { class: 'meta' }, t(`subs.channel.${s.channel}`), ' · ', scope),
    h('p', { class: 'meta' }, t('subs.kindsShown', { kinds })),
    s.role ? h('p', { class: 'meta' }, t('subs.roleShown', { role: roleLabel(s.role) })) : null,
    remove);
}

/** The scopes the caller may subscribe for: [value, text], value "f:{facility}", "d:{district}" or "" (everything, admins). */
function scopes(user, facs) {
  const all = [...facs.values()];
  if (user.role === 'admin') {
    const districts = [...new Set(all.map((f) => f.district))].sort();
    return [['', t('subs.scopeAll')],
      ...districts.map((d) => [`d:${d}`, t('subs.scopeDistrict', { district: d })]),
      ...all.map((f) => [`f:${f.id}`, t('subs.scopeFacility', { facility: f.name })])];
  }
  if (user.role === 'district_manager') {
    return [...user.districts.map((d) => [`d:${d}`, t('subs.scopeDistrict', { district: d })]),
      ...all.filter((f) => user.districts.includes(f.district)).map((f) => [`f:${f.id}`, t('subs.scopeFacility', { facility: f.name })])];
  }
  return user.facilities.map((id) => [`f:${id}`, t('subs.scopeFacility', { facility: facilityName(facs, id) })]);
}

function addForm(user, facs, KINDS, status, refresh) {
  let channel = 'email';
  const target = field({ label: t('subs.target'), name: 'target', kind: 'email', required: true, hint: t('subs.hint.email'),
    attrs: { autocomplete: 'off', dir: 'ltr' } });
  const secret = field({ label: t('subs.secret'), name: 'secret', hint: t('subs.hint.secret'), attrs: { autocomplete: 'off', dir: 'ltr' } });
  secret.hidden = true;
  const scopeOptions = scopes(user, facs);
  const scope = field({ label: t('subs.scope'), name: 'scope', kind: 'select', options: scopeOptions, value: scopeOptions[0]?.[0] });
  const role = field({ label: t('subs.role'), name: 'role', kind: 'select',
    options: [['', t('subs.anyRole')], ...RECIPIENT_ROLES.map((r) => [r, roleLabel(r)])] });
  // The subscriber's language: the page's own, unless chosen otherwise.
  const pageLanguage = document.documentElement.lang.split('-')[0];
  const language = field({ label: t('subs.language'), name: 'language', kind: 'select', options: LANGUAGES,
    value: LANGUAGES.some(([v]) => v === pageLanguage) ? pageLanguage : 'en' });
  language.control.querySelectorAll('option').forEach((o) => o.setAttribute('lang', o.value));
  const kinds = h('fieldset', { class: 'checks' }, h('legend', {}, t('subs.kinds')),
    h('p', { class: 'hint' }, t('subs.kindsHint')),
    KINDS.map((k) => {
      const id = nextId('kind');
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: 'kinds', value: k }), h('label', { for: id }, tOr(`alertKind.${k}`, k)));
    }));
  const result = h('div', {});
  const channelGroup = radios({ legend: t('subs.channel'), name: 'channel', value: channel,
    items: CHANNELS.map((c) => [c, t(`subs.channel.${c}`)]),
    onchange: (e) => {
      channel = e.target.value;
      target.control.type = INPUT_KIND[channel];
      target.querySelector('.hint').textContent = t(`subs.hint.${channel}`);
      secret.hidden = channel !== 'webhook';
    } });
  const submit = h('button', { type: 'submit' }, t('subs.add'));
  const form = h('form', { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const [kind, id] = (scope.control.value || '').split(/:(.*)/);
    const body = {
      channel,
      target: target.control.value.trim(),
      facility: kind === 'f' ? id : null,
      district: kind === 'd' ? id : null,
      role: role.control.value || null,
      kinds: [...form.querySelectorAll('input[name=kinds]:checked')].map((c) => c.value),
      language: language.control.value,
    };
    if (channel === 'webhook' && secret.control.value) body.secret = secret.control.value;
    if (!body.target) {
      result.replaceChildren(notice('error', t('subs.targetRequired')));
      target.control.focus();
      return;
    }
    submit.disabled = true;
    try {
      const created = await api('/api/v1/subscriptions', { method: 'POST', body });
      result.replaceChildren(notice('ok', t('subs.added', { target: created.target }),
        created.secret ? h('p', {}, t('subs.secretShown'), ' ', h('code', { dir: 'ltr' }, created.secret)) : null));
      status.replaceChildren();
      target.control.value = '';
      secret.control.value = '';
      await refresh();
    } catch (err) {
      result.replaceChildren(notice('error', err instanceof ApiError ? problemText(err) : t('error.generic')));
    } finally {
      submit.disabled = false;
    }
  } }, channelGroup, target, secret, scope, role, language, kinds, submit, result);
  return h('section', { 'aria-labelledby': 'subs-add-title' }, h('h2', { id: 'subs-add-title' }, t('subs.addTitle')), form);
}
