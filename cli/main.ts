// Entry point of the `certwatch` command: dispatches to one subcommand module,
// loaded lazily so `certwatch classify` does not pay for Playwright or Postgres.
import { redactSecrets } from '../core/redact-url.js';
import type { Command } from './command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes.js';

// One loader per subcommand, written out so bundlers and vitest can see every module;
// the order here is the order of `certwatch --help`.
const LOADERS: Record<string, () => Promise<{ default: Command }>> = {
  demo: () => import('./commands/demo.js'),
  sandbox: () => import('./commands/sandbox.js'),
  start: () => import('./commands/start.js'),
  worker: () => import('./commands/worker.js'),
  scheduler: () => import('./commands/scheduler.js'),
  dashboard: () => import('./commands/dashboard.js'),
  crawl: () => import('./commands/crawl.js'),
  'gc-blobs': () => import('./commands/gc-blobs.js'),
  reconcile: () => import('./commands/reconcile.js'),
  relink: () => import('./commands/relink.js'),
  alerts: () => import('./commands/alerts.js'),
  classify: () => import('./commands/classify.js'),
  train: () => import('./commands/train.js'),
  eval: () => import('./commands/eval.js'),
  leads: () => import('./commands/leads.js'),
  keys: () => import('./commands/keys.js'),
  export: () => import('./commands/export.js'),
  verify: () => import('./commands/verify.js'),
};
const COMMANDS = Object.keys(LOADERS);

const EXIT_CODES = `Exit codes: 0 ok, 1 failure, 2 bad usage or bad config (the message names the field).`;

async function loadCommand(name: string): Promise<Command | undefined> {
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  return load ? (await load()).default : undefined;
}

async function help(): Promise<string> {
  const lines = ['usage: certwatch <command> [options]', '', 'Commands:'];
  for (const name of COMMANDS) {
    const cmd = await loadCommand(name).catch(() => undefined);
    if (cmd) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', 'Run `certwatch <command> --help` for its options.', EXIT_CODES);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : EXIT_USAGE;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    console.error(`certwatch: unknown command '${name}'\n\n${await help()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.usage}\n\n${EXIT_CODES}`);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`certwatch ${name}: ${redactSecrets(err.message)}`);
      return EXIT_USAGE;
    }
    // Whatever failed, a connection URL quoted in the message keeps its password to itself.
    console.error(`certwatch ${name}: ${redactSecrets(err instanceof Error ? err.message : String(err))}`);
    if (process.env.CERTWATCH_DEBUG) console.error(redactSecrets(err instanceof Error ? (err.stack ?? err.message) : String(err)));
    return EXIT_FAILURE;
  }
}
