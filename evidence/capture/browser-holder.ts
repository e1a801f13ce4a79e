// One Chromium per processor, launched on first use and relaunched when it dies, so a
// crashed renderer costs one capture rather than the worker.
import { chromium, type Browser } from 'playwright';
// One set of Chromium flags for crawling and capture: what this machine's closed network needs.
import { CHROMIUM_ARGS, chromiumPath } from '../../crawlers/index.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export class BrowserHolder {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private closed = false;

  /** A connected browser; launches (again) when there is none. */
  async get(): Promise<Browser> {
    if (this.closed) throw new Error('browser holder is closed');
    if (this.browser?.isConnected()) return this.browser;
    this.browser = undefined;
    if (!this.launching) {
      this.launching = launchChromium().finally(() => {
        this.launching = undefined;
      });
    }
    const b = await this.launching;
    b.on('disconnected', () => {
      if (this.browser === b) this.browser = undefined;
    });
    this.browser = b;
    return b;
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    await b?.close().catch(() => undefined);
  }
}
