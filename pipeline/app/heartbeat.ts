// A liveness signal for processes without an HTTP port (workers, the scheduler): a file touched
// while the event loop turns and Redis answers, which a container healthcheck reads by its age.
import { rmSync, writeFileSync } from 'node:fs';
import type { Logger } from './logger.js';
import type { AppContext } from './context.js';

export interface Heartbeat {
  stop(): void;
}

/**
 * Writes the time into `file` every `everyMs` while `ping()` answers within `timeoutMs`; a hung
 * loop or a lost Redis lets the file go stale. The file is removed on stop.
 * @param everyMs @default 10000 — the healthcheck should allow a few missed beats
 */
export function startHeartbeat(file: string, ping: () => Promise<unknown>, log: Logger, everyMs = 10_000, timeoutMs = 5_000): Heartbeat {
  let failing = false;
  const beat = async () => {
    try {
      await Promise.race([ping(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref())]);
      writeFileSync(file, `${new Date().toISOString()}\n`);
      if (failing) log.info({ file }, 'heartbeat: Redis answers again');
      failing = false;
    } catch (err) {
      // Said once per outage, not every beat.
      if (!failing) log.warn({ file, err: (err as Error).message }, 'heartbeat: Redis does not answer; the healthcheck will fail');
      failing = true;
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      rmSync(file, { force: true });
    },
  };
}

/** A Redis round trip on a connection of its own, so a busy worker connection cannot hide a dead server. */
export function heartbeatPing(ctx: AppContext): () => Promise<unknown> {
  const connection = ctx.connection();
  return () => connection.ping();
}
