// `certwatch sandbox`: serves the simulated web (sandbox/) until interrupted, for the
// demo, manual exploration and crawls against a stable, seeded set of sites.
import type { Command } from '../command.js';
import { intOption, parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';

const usage = `usage: certwatch sandbox --port P [--seed S] [--scale N] [--day D] [--truth FILE] [--access-log FILE] [--rate-limit R] [--quiet]

Serves the sandbox web: every site on its own loopback address (127.0.0.1 portal,
127.0.0.2 bbs, 127.0.0.3 tieba, … 127.0.0.10+ seller sites), all on port P.

  --port P          port for all sites (required)
  --seed S          content seed (default 1); same seed and port give identical pages
  --scale N         size: 1 ≈ a few hundred pages, 100 ≈ tens of thousands (default 1)
  --day D           simulated day (default 0); POST /__admin/day on the portal advances it
  --truth FILE      write the ground truth JSON (rewritten when the day changes)
  --access-log FILE append one JSON line per request
  --rate-limit R    requests/s allowed per host before 429 (default 30, 0 = off)
  --quiet           print only the portal URL`;

const command: Command = {
  summary: 'serve the sandbox web (simulated sites with planted sellers and ground truth)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      port: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      day: { type: 'string' },
      truth: { type: 'string' },
      'access-log': { type: 'string' },
      'rate-limit': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (values.port === undefined) throw new UsageError('--port is required');
    const port = intOption(values.port, 'port', 0);
    if (port < 1 || port > 65535) throw new UsageError(`--port must be 1..65535, got '${values.port}'`);
    const scale = intOption(values.scale, 'scale', 1);
    if (scale < 1 || scale > 10000) throw new UsageError(`--scale must be 1..10000, got '${values.scale}'`);
    const { startSandbox } = await import('../../sandbox/index.js');
    const sandbox = await startSandbox({
      port,
      seed: intOption(values.seed, 'seed', 1),
      scale,
      day: intOption(values.day, 'day', 0),
      truthFile: values.truth,
      accessLog: values['access-log'],
      rateLimit: intOption(values['rate-limit'], 'rate-limit', 30),
      quiet: values.quiet ?? false,
    });
    console.log(`${sandbox.origins['portal']}/`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sandbox.close();
    return 0;
  },
};

export default command;
