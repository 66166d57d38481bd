// Sign-in. Development: pick a demo user (GET /dev/demo-users, POST /dev/token). Production: /dev/demo-users is 404;
// the configured issuer's authorize URL (WebApp:SignInUrl) returns with the token in the URL fragment
// (#access_token=... or #id_token=...), and pasting a token is the fallback.

import { h, field, notice } from './dom.js';
import { t } from './i18n.js';
import * as auth from './auth.js';
import * as queue from './queue.js';
import { appConfig, roleLabel } from './ref.js';
import { homeOf } from './app.js';

function finish(ctx) {
  const next = sessionStorage.getItem('mh.after-signin');
  sessionStorage.removeItem('mh.after-signin');
  sessionStorage.removeItem('mh.signin-reason');
  const user = auth.user();
  queue.sync();
  ctx.navigate(next && next !== '/signin' ? next : homeOf(user.role), { replace: true });
}

export async function signIn(view, ctx) {
  // A token handed back by the issuer in the fragment.
  const fragment = new URLSearchParams(location.hash.slice(1));
  const handed = fragment.get('access_token') || fragment.get('id_token');
  if (handed) {
    history.replaceState(null, '', '/signin');
    if (auth.signIn(handed)) {
      finish(ctx);
      return;
    }
  }
  const status = h('div', { class: 'status-area' });
  const reason = sessionStorage.getItem('mh.signin-reason');
  view.append(
    h('h1', {}, t('signin.title')),
    h('p', { class: 'lead' }, t('signin.intro')),
    reason === 'expired' ? notice('info', t('signin.expired')) : null,
    status,
  );
  const [demo, config] = await Promise.all([
    fetch('/dev/demo-users', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null)).catch(() => null),
    appConfig(),
  ]);
  if (demo) {
    const list = h('ul', { class: 'demo-users' }, demo.map((u) => {
      const descId = `demo-${u.sub.replace(/[^a-z0-9]/gi, '-')}`;
      const scope = [...(u.facilities || []), ...(u.districts || [])].join(', ');
      return h('li', {},
        h('button', {
          type: 'button', class: 'demo-user', 'aria-describedby': descId,
          onclick: async (e) => {
            e.currentTarget.disabled = true;
            try {
              const res = await fetch('/dev/token', {
                method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ sub: u.sub, role: u.role, facilities: u.facilities, districts: u.districts }),
              });
              if (!res.ok) throw new Error(String(res.status));
              const { token } = await res.json();
              auth.signIn(token);
              finish(ctx);
            } catch {
              e.currentTarget.disabled = false;
              status.replaceChildren(notice('error', t('signin.failed')));
            }
          },
        }, t('signin.as', { user: u.sub })),
        h('p', { class: 'hint', id: descId }, roleLabel(u.role), scope ? ` · ${scope}` : ''));
    }));
    view.append(h('section', { 'aria-labelledby': 'demo-title' }, h('h2', { id: 'demo-title' }, t('signin.demoTitle')),
      h('p', {}, t('signin.demoIntro')), list));
  }
  if (config.signInUrl) {
    const redirect = `${location.origin}/signin`;
    const url = config.signInUrl.includes('{redirect}')
      ? config.signInUrl.replace('{redirect}', encodeURIComponent(redirect))
      : config.signInUrl;
    view.append(h('p', {}, h('a', { class: 'button primary', href: url, 'data-external': '' },
      config.signInName ? t('signin.withNamed', { name: config.signInName }) : t('signin.withIssuer'))));
  }
  const tokenField = field({ label: t('signin.tokenLabel'), name: 'token', kind: 'textarea', hint: t('signin.tokenHint'), attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const form = h('form', {
    class: 'stack',
    onsubmit: (e) => {
      e.preventDefault();
      if (auth.signIn(tokenField.control.value)) finish(ctx);
      else status.replaceChildren(notice('error', t('signin.badToken')));
    },
  }, tokenField, h('button', { type: 'submit' }, t('signin.useToken')));
  view.append(demo
    ? h('details', {}, h('summary', {}, t('signin.pasteTitle')), form)
    : h('section', { 'aria-labelledby': 'paste-title' }, h('h2', { id: 'paste-title' }, t('signin.pasteTitle')), form));
}
