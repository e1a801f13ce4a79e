// Entry point of the sandbox web: starts one server per site on its own loopback address,
// all on one port, and exposes the ground truth and the simulated day to tests and the CLI.
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { AccessLog } from './http/access-log.js';
import { RateLimiter } from './http/rate-limit.js';
import { startSiteServer } from './http/site-server.js';
import { validatorStyleOf } from './http/validators.js';
import { MAX_DAY } from './sites/portal.js';
import { siteModule } from './sites/registry.js';
import { buildTruth, type Truth } from './truth.js';
import { World } from './world.js';
import { preparePictures, stopPictures } from './images/world-pictures.js';

export type { Truth, TruthSeller, TruthSite, TruthTrap } from './truth.js';
export { findFreePort } from './find-free-port.js';
export { CHECK_SEEDS, sandboxLabelledPosts, type LabelledPost } from './labelled-posts.js';

export interface SandboxOptions {
  port: number;
  seed?: number;
  scale?: number;
  day?: number;
  accessLog?: string;
  truthFile?: string;
  quiet?: boolean;
  /** Requests per second allowed per host (burst twice that); 0 disables the limit. Default 30. */
  rateLimit?: number;
}

export interface Sandbox {
  port: number;
  /** Site id → origin, e.g. bbs → 'http://127.0.0.2:8900'. */
  origins: Record<string, string>;
  truth(): Truth;
  setDay(d: number): void;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_RATE_LIMIT = 30;

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const { port } = opts;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`sandbox port must be 1..65535, got ${port}`);
  const scale = opts.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 10000) throw new Error(`sandbox scale must be an integer 1..10000, got ${scale}`);
  const day = opts.day ?? 0;
  if (!Number.isInteger(day) || day < 0 || day > MAX_DAY) throw new Error(`sandbox day must be an integer 0..${MAX_DAY}, got ${day}`);
  const world = new World(opts.seed ?? DEFAULT_SEED, scale, port, day);
  // Rendered in the background: a picture request waits for it, nothing else does.
  void preparePictures(world);
  const log = opts.accessLog ? new AccessLog(opts.accessLog) : undefined;
  let truthCache: { day: number; truth: Truth } | null = null;
  const truth = (): Truth => {
    if (truthCache?.day !== world.day) truthCache = { day: world.day, truth: buildTruth(world) };
    return truthCache.truth;
  };
  const writeTruth = () => {
    if (opts.truthFile) writeFileSync(opts.truthFile, `${JSON.stringify(truth(), null, 2)}\n`);
  };
  const setDay = (d: number) => {
    if (!Number.isInteger(d) || d < 0 || d > MAX_DAY) throw new Error(`day must be an integer 0..${MAX_DAY}, got ${d}`);
    world.day = d;
    writeTruth();
  };
  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const servers: Server[] = [];
  try {
    for (const site of world.sites) {
      const module = siteModule(world, site.id, { setDay, truth });
      servers.push(await startSiteServer({ host: site.host, port, module, limiter: new RateLimiter(rate, rate * 2), log, validators: validatorStyleOf(site.id) }));
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw err;
  }
  writeTruth();
  const origins = Object.fromEntries(world.sites.map((s) => [s.id, s.origin]));
  if (!opts.quiet) console.log(`sandbox: ${world.sites.length} sites, seed ${world.seed}, scale ${scale}, day ${world.day}; portal ${origins['portal']}/`);
  return {
    port,
    origins,
    truth,
    setDay,
    async close() {
      // The renderer's browser must be gone before the sandbox says it is closed.
      await stopPictures(world);
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
      await log?.close();
    },
  };
}
