// SIGTERM/SIGINT handling for long-running commands: the first signal drains (workers
// finish their active jobs), a second one exits at once.
import type { Logger } from '../app/logger.js';

export function waitForShutdown(log: Logger): { signal: AbortSignal; done: Promise<NodeJS.Signals> } {
  const ac = new AbortController();
  let resolveDone!: (s: NodeJS.Signals) => void;
  const done = new Promise<NodeJS.Signals>((r) => (resolveDone = r));
  let count = 0;
  const handler = (sig: NodeJS.Signals) => {
    count++;
    if (count > 1) {
      log.warn({ signal: sig }, 'second signal: exiting without draining');
      process.exit(130);
    }
    log.info({ signal: sig }, 'shutting down: finishing active jobs (send again to exit now)');
    ac.abort();
    resolveDone(sig);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return { signal: ac.signal, done };
}
