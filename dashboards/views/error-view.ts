// A plain error page (404/403/409) in the user's language; it never echoes request data.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { page } from './layout.js';

export function errorPage(req: FastifyRequest, code: number, message: string): string {
  return page(req, { title: String(code), body: html`<section class="card"><h1>${code}</h1><p>${message}</p><p><a href="/">←</a></p></section>` });
}
