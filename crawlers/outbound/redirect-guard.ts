// Chromium follows redirects without asking Playwright's route handler, so the outbound policy
// also sits at the response stage (CDP Fetch): a 3xx whose Location is refused fails there.
import type { BrowserContext, CDPSession, Page } from 'playwright';
import type { OutboundPolicy } from './outbound-policy.js';

interface PausedResponse {
  requestId: string;
  request: { url: string };
  responseStatusCode?: number;
  responseHeaders?: { name: string; value: string }[];
}

/** Guards one page's redirects; returns the function that removes the guard. */
export async function guardRedirects(
  context: BrowserContext,
  page: Page,
  policy: OutboundPolicy,
  onRefused: (url: string) => void,
): Promise<() => Promise<void>> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const handle = async (ev: PausedResponse) => {
    try {
      const status = ev.responseStatusCode ?? 0;
      const location = ev.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
      if (status >= 300 && status < 400 && location) {
        const target = new URL(location, ev.request.url).href;
        if (!(await policy.checkAddress(target)).ok) {
          onRefused(target);
          await cdp.send('Fetch.failRequest', { requestId: ev.requestId, errorReason: 'BlockedByClient' });
          return;
        }
      }
    } catch {
      // A malformed Location or a closed session: let the response through as the browser would.
    }
    await cdp.send('Fetch.continueResponse', { requestId: ev.requestId }).catch(() => cdp.send('Fetch.continueRequest', { requestId: ev.requestId }).catch(() => undefined));
  };
  cdp.on('Fetch.requestPaused', (ev: PausedResponse) => void handle(ev));
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Response' }] });
  return async () => {
    await cdp.send('Fetch.disable').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  };
}
