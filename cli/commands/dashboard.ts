// `certwatch dashboard`: serves the analyst web app on its own (split deployments);
// `certwatch start` runs it alongside the workers through the same startDashboard.
import type { Command } from '../command.js';
import { parseOptions, intOption } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { startDashboard } from '../../dashboards/index.js';

const usage = `usage: certwatch dashboard [--host H] [--port P]

Serves the analyst dashboard (zh-CN, English switch) until interrupted.
  --host H   address to listen on (default: config dashboard.host, 127.0.0.1)
  --port P   port (default: config dashboard.port, 8080; 0 picks a free one)

The first admin is created from CERTWATCH_ADMIN_USER and CERTWATCH_ADMIN_PASSWORD
(at least 10 characters); there is no default password. Set CERTWATCH_SECURE_COOKIES=true
behind TLS.`;

const command: Command = {
  summary: 'serve the analyst dashboard',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { host: { type: 'string' }, port: { type: 'string' } });
    const ctx = await openApp({ allowPrivateRedis: true });
    const host = values.host ?? ctx.config.dashboard.host;
    const port = intOption(values.port, 'port', ctx.config.dashboard.port);
    let dash;
    try {
      dash = await startDashboard(ctx, { host, port });
    } catch (err) {
      await ctx.close();
      throw err;
    }
    console.error(`certwatch dashboard: ${dash.url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await dash.close();
    await ctx.close();
    return 0;
  },
};

export default command;
