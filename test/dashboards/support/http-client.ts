// A tiny cookie-keeping HTTP client over fetch for server tests: logs in through the
// real form (CSRF cookie and field), then sends forms or JSON with the session token.
export class DashboardClient {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  form(path: string, fields: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (opts.csrf !== false) body.set('_csrf', this.csrf);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  json(path: string, data: unknown, opts: { csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (opts.csrf !== false) headers['x-csrf-token'] = this.csrf;
    return this.request(path, { method: 'POST', body: JSON.stringify(data), headers });
  }

  /** Logs in through the form; returns the POST response. */
  async login(username: string, password: string): Promise<Response> {
    const page = await (await this.get('/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await this.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: token, username, password, next: '/' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (res.status === 303) {
      const home = await (await this.get('/')).text();
      this.csrf = /<meta name="csrf-token" content="([^"]*)"/.exec(home)?.[1] ?? '';
    }
    return res;
  }
}
