// The login page: the only page a logged-out visitor sees; it shows no lead data.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { page, translator } from './layout.js';

export function loginView(req: FastifyRequest, o: { csrf: string; error?: 'loginFailed' | 'loginLocked'; noUsers: boolean; next: string }): string {
  const t = translator(req);
  return page(req, {
    title: t('login'),
    body: html`<section class="login card">
  <h1>${t('loginTitle')}</h1>
  ${o.error ? html`<p class="error" role="alert">${t(o.error)}</p>` : ''}
  ${o.noUsers ? html`<p class="hint">${t('noAdminHint')}</p>` : ''}
  <form method="post" action="/login">
    <input type="hidden" name="_csrf" value="${o.csrf}">
    <input type="hidden" name="next" value="${o.next}">
    <label>${t('username')} <input name="username" autocomplete="username" required autofocus></label>
    <label>${t('password')} <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">${t('login')}</button>
  </form>
</section>`,
  });
}
