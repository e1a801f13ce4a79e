// `certwatch demo`: the sandbox web, one full cycle (crawl → classify → link → capture) over
// its sources, a summary checked against the sandbox's ground truth, then the dashboard.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { intOption, parseOptions } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { loadConfig } from '../../pipeline/config/load.js';
import type { QueueName } from '../../pipeline/queues/names.js';
import { failedJobs, pending, queueCounts, waitForIdle } from '../../pipeline/queues/queue-status.js';
import { loadSourceRegistry, syncSourcesTable } from '../../pipeline/scheduler/source-registry.js';
import { startWorkers } from '../worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { progressReporter } from '../../pipeline/workers/progress-reporter.js';
import { pipelineTotals, type PipelineTotals } from '../../pipeline/storage/pipeline-totals.js';
import { countPagesNotAnalysed, countPagesOwedPictures } from '../../pipeline/storage/reconcile-reads.js';
import { reconcileUntilSettled } from '../../pipeline/workers/reconcile-cycle.js';
import type { ReconcileReport } from '../../pipeline/reconcile/reconcile.js';
import { makeDemoLogin, startDashboard } from '../../dashboards/index.js';

import { waitForShutdown } from '../../pipeline/workers/shutdown.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { contactsReadAt, imageReadCounts } from '../../pipeline/storage/image-reads.js';
import { checkAgainstTruth, countForbiddenRequests, type TruthCheck } from '../truth-check.js';
import { findFreePort, startSandbox } from '../../sandbox/index.js';
import { ensureDataDir } from '../../pipeline/storage/data-dir.js';

export const DEMO_SOURCES = 'sandbox/sources.yaml';
const DEFAULT_PORT = 8900;

const usage = `usage: certwatch demo [--once] [--port P] [--scale N] [--seed S] [--truth FILE] [--access-log FILE] [--json] [--sources FILE] [--capture-wait S] [--print-logs]

Starts the sandbox web on 127.0.0.1-… :P (default ${DEFAULT_PORT}, or a free port if taken), runs one
full cycle over ${DEMO_SOURCES} (crawl → classify → link → capture) with progress on stderr,
prints a summary (pages, posts, flagged, sellers, time, and against the sandbox's ground truth:
planted reachable sellers found, lead precision, requests to robots-forbidden URLs), then serves
the dashboard until SIGINT. --once: exit after the summary. --capture-wait S (default 30): how long
to wait for evidence captures once the leads are complete; the rest stay queued, best scores first. --json: the summary as JSON on stdout.
The console shows progress and the summary; log records go to DATA_DIR/demo.log (JSON lines) unless
--print-logs (or CERTWATCH_LOG_FILE=-) prints them on stderr, or CERTWATCH_LOG_FILE names another file.
Data: CERTWATCH_DATA_DIR (default ./data), PGlite unless DATABASE_URL is set; Redis at REDIS_URL,
else 127.0.0.1:6379, else a private redis-server.`;

export interface DemoSummary {
  seconds: number;
  /** Until crawl, analyze and link were done (the lead list complete); captures may run longer. */
  leadsReadySeconds: number;
  port: number;
  sources: number;
  pages: number;
  posts: number;
  flagged: number;
  review: number;
  gone: number;
  sellers: number;
  merges: number;
  captures: number;
  /** Pages whose current content was never analysed once the cycle and the reconciler were done: any is a failure. */
  pagesNotAnalysed: number;
  /** Pages whose pictures were still owed a read then: any is a failure too. */
  picturesNotRead: number;
  /** What the reconciler found lost after the cycle (and re-enqueued) over its passes. */
  reconcile: { passes: number; repaired: number; repairs: Record<string, number>; last: ReconcileReport };
  failedJobs: Partial<Record<QueueName, number>>;
  truth: TruthCheck & { forbiddenRequests: number; requests: number; forbiddenExamples: string[] };
  totals: PipelineTotals;
  /** OCR of post images: contents read, skipped, failed; planted image contacts read exactly; contacts read in contact-free pictures. */
  images: { read: number; skipped: number; failed: number; medianMs: number | null; planted: number; exact: number; contactFree: number; falseContacts: number };
}

async function pickPort(wanted: string | undefined): Promise<number> {
  if (wanted !== undefined) return intOption(wanted, 'port', DEFAULT_PORT);
  const { createServer } = await import('node:net');
  const free = await new Promise<boolean>((r) => {
    const s = createServer();
    s.once('error', () => r(false));
    s.listen(DEFAULT_PORT, '127.0.0.1', () => s.close(() => r(true)));
  });
  return free ? DEFAULT_PORT : findFreePort();
}

/** Failed jobs per queue and pages left unanalysed: "none" only when both were checked and empty. */
function failureList(s: DemoSummary): string[] {
  const out = Object.entries(s.failedJobs).map(([q, n]) => `${q} ${n}`);
  if (s.pagesNotAnalysed !== 0) out.push(`${s.pagesNotAnalysed} pages not analysed`);
  if (s.picturesNotRead !== 0) out.push(`${s.picturesNotRead} pages' pictures not read`);
  return out;
}

function printSummary(s: DemoSummary): void {
  const t = s.truth;
  const lines = [
    `certwatch demo: one full cycle in ${s.seconds.toFixed(1)} s, leads complete after ${s.leadsReadySeconds.toFixed(1)} s (sandbox port ${s.port}, ${s.sources} sources)`,
    `  pages      ${s.pages} (${s.pagesNotAnalysed} not analysed)`,
    `  posts      ${s.posts} kept (scored or carrying a contact), ${s.flagged} flagged, ${s.review} review-band, ${s.gone} gone`,
    `  sellers    ${s.sellers} (${s.merges} merges), ${s.captures} evidence captures`,
    `  truth      ${t.found}/${t.plantedReachable} planted reachable sellers found${t.missed.length ? ` (missed: ${t.missed.join(', ')})` : ''}`,
    `             lead precision ${t.precision.toFixed(3)} (${t.truePositiveLeads}/${t.leads} leads match a planted seller)`,
    `             ${t.truePositiveLeads - t.leadsWithoutSellerContact.length}/${t.truePositiveLeads} leads carry a contact of their seller${t.leadsWithoutSellerContact.length ? ` (not: ${t.leadsWithoutSellerContact.join(', ')})` : ''}`,
    `             ${t.forbiddenRequests} requests to robots-forbidden URLs (of ${t.requests} requests)`,
    ...(t.verificationSites
      ? [
          `             ${t.verificationSites.found}/${t.verificationSites.plantedReachable} planted fake verification sites listed${t.verificationSites.missed.length ? ` (missed: ${t.verificationSites.missed.join(', ')})` : ''}, ` +
            `${t.verificationSites.falseSites.length} other sites listed${t.verificationSites.falseSites.length ? ` (${t.verificationSites.falseSites.join(', ')})` : ''}, ${t.verificationSites.negativesFlagged.length} honest look-alikes flagged`,
        ]
      : []),
    `  images     ${s.images.read} read (median ${s.images.medianMs ?? '—'} ms), ${s.images.skipped} skipped, ${s.images.failed} failed; planted image contacts read exactly ${s.images.exact}/${s.images.planted}; ${s.images.falseContacts} contacts in ${s.images.contactFree} contact-free pictures`,
    `  reconciler ${s.reconcile.repaired ? `found ${s.reconcile.repaired} lost items and redid them (${s.reconcile.passes} passes: ${Object.entries(s.reconcile.repairs).map(([k, n]) => `${k} ${n}`).join(', ')})` : 'nothing lost'}`,
    `  failures   ${failureList(s).join(', ') || 'none'}`,
  ];
  console.error(lines.join('\n'));
}

const command: Command = {
  summary: 'sandbox web + one full cycle + summary + dashboard',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      once: { type: 'boolean', default: false },
      port: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      truth: { type: 'string' },
      'access-log': { type: 'string' },
      json: { type: 'boolean', default: false },
      sources: { type: 'string' },
      'capture-wait': { type: 'string' },
      'print-logs': { type: 'boolean', default: false },
    });
    const started = Date.now();
    const scale = intOption(values.scale, 'scale', 1) || 1;
    const seed = intOption(values.seed, 'seed', 1);
    const loaded = loadConfig();
    const config = { ...loaded, workers: { ...loaded.workers } };
    const dataDir = resolve(config.dataDir);
    ensureDataDir(dataDir);
    const accessLog = resolve(values['access-log'] ?? join(dataDir, 'demo-access.jsonl'));
    if (!values['access-log']) writeFileSync(accessLog, '');
    const logOffset = existsSync(accessLog) ? statSync(accessLog).size : 0;
    const port = await pickPort(values.port);
    const sandbox = await startSandbox({ port, seed, scale, accessLog, quiet: true, ...(values.truth ? { truthFile: resolve(values.truth) } : {}) });
    process.env.CERTWATCH_SANDBOX_PORT = String(port);
    const sourcesFile = values.sources ?? DEMO_SOURCES;
    // The console is for progress and the summary; ~20 records of ~30 fields each would bury them.
    const logFile = values['print-logs'] || config.logFile === '-' ? undefined : resolve(config.logFile ?? join(dataDir, 'demo.log'));
    const log = createLogger(undefined, undefined, { timezone: config.timeZone, file: logFile });
    if (logFile) console.error(`log records: ${logFile}`);
    const ctx = await openApp({ config: { ...config, sourcesFile }, allowPrivateRedis: true, log }).catch(async (err) => {
      await sandbox.close();
      throw err;
    });
    try {
      const registry = loadSourceRegistry(sourcesFile);
      // Every source crawls a different host, so all of them can run at once without being impolite.
      const enabled = registry.list.filter((s) => s.enabled).length;
      ctx.config.workers.crawlConcurrency = Math.max(ctx.config.workers.crawlConcurrency, enabled);
      await syncSourcesTable(ctx.db, registry);
      console.error(`sandbox: ${Object.keys(sandbox.origins).length} sites on port ${port} (portal ${sandbox.origins['portal']}/); crawling ${registry.list.filter((s) => s.enabled).length} sources`);
      // Captures wait until the leads are complete: on two cores their Chromium would slow the crawl
      // (the browser source most). Paused in Redis, so resumed on every way out, below.
      const captureQueue = ctx.queue('capture');
      await captureQueue.pause();
      const pool = await startWorkers(ctx, ['crawl', 'analyze', 'picture', 'link', 'capture', 'export'], { registry: () => registry });
      let leadsReadyAt: number | undefined;
      let reconciled: Awaited<ReturnType<typeof reconcileUntilSettled>> | undefined;
      const cycleQueues: QueueName[] = ['crawl', 'analyze', 'picture', 'link', 'capture'];
      const captureWaitMs = intOption(values['capture-wait'], 'capture-wait', 30) * 1000;
      // Ctrl-C during the cycle drains the workers instead of killing jobs mid-write.
      const shutdown = waitForShutdown(ctx.log);
      try {
        const report = progressReporter(ctx.db, { started });
        await runCycle(ctx, {
          sources: registry.list,
          reason: 'demo',
          // Leads first; evidence capture (a browser visit per post) gets its own bounded wait below.
          queues: cycleQueues.filter((q) => q !== 'capture'),
          signal: shutdown.signal,
          onTick: async (counts) => {
            // Leads are complete once crawl, analyze, picture and link are idle (a picture read can add a
            // seller's contact); evidence capture may still run.
            const busy = (['crawl', 'analyze', 'picture', 'link'] as const).some((q) => counts[q] && pending(counts[q]!) > 0);
            if (!busy && leadsReadyAt === undefined && Date.now() - started > 5000) leadsReadyAt = Date.now();
            if (busy) leadsReadyAt = undefined;
            await report(counts);
          },
        });
        // Whatever Redis lost (or an older database's jobs hid) is found and redone before the leads count.
        reconciled = await reconcileUntilSettled(ctx, { queues: cycleQueues.filter((q) => q !== 'capture'), signal: shutdown.signal, onTick: report });
        if (reconciled.repaired > 0) leadsReadyAt = Date.now();
        leadsReadyAt ??= Date.now();
        await captureQueue.resume();
        if (cycleQueues.includes('capture')) {
          await waitForIdle({ capture: ctx.queue('capture') }, { timeoutMs: captureWaitMs, pollMs: 1000, signal: shutdown.signal, onTick: report }).catch((err: Error) => {
            if (shutdown.signal.aborted) throw err;
            console.error(`captures: budget of ${captureWaitMs / 1000} s used; the rest stay queued (highest scores were taken first) and continue while the dashboard serves`);
          });
        }
      } catch (err) {
        await captureQueue.resume().catch(() => undefined);
        if (!shutdown.signal.aborted) throw err;
        await pool.close();
        console.error('demo interrupted: workers drained; run it again to continue where it stopped');
        return 130;
      }
      const totals = await pipelineTotals(ctx.db);
      const leads = await listLeads(ctx.db);
      const truth = sandbox.truth();
      const check = checkAgainstTruth(leads, truth);
      const forbidden = countForbiddenRequests(accessLog, truth.forbidden);
      const logText = readFileSync(accessLog);
      const requests = logText.subarray(logOffset).toString('utf8').split('\n').filter(Boolean).length;
      const failed: Partial<Record<QueueName, number>> = {};
      for (const q of cycleQueues) {
        const n = (await queueCounts(ctx.queue(q))).failed;
        if (n) failed[q] = n;
      }
      const planted = truth.pictures.contacts.filter((p) => p.reachable);
      const readAt = await contactsReadAt(ctx.db, [...planted.map((p) => p.url), ...truth.pictures.negatives.map((n) => n.url)]);
      const contactFree = truth.pictures.negatives.filter((n) => readAt.has(n.url));
      const images = {
        ...(await imageReadCounts(ctx.db)),
        planted: planted.length,
        exact: planted.filter((p) => readAt.get(p.url)?.some((c) => c.kind === p.kind && c.value === p.value)).length,
        contactFree: contactFree.length,
        falseContacts: contactFree.reduce((n, x) => n + (readAt.get(x.url)?.length ?? 0), 0),
      };
      const summary: DemoSummary = {
        seconds: (Date.now() - started) / 1000,
        leadsReadySeconds: ((leadsReadyAt ?? Date.now()) - started) / 1000,
        port,
        sources: registry.list.filter((s) => s.enabled).length,
        pages: totals.pages,
        posts: totals.listings,
        flagged: totals.flagged,
        review: totals.review,
        gone: totals.gone,
        sellers: totals.sellers,
        merges: totals.merges,
        captures: totals.captures,
        pagesNotAnalysed: await countPagesNotAnalysed(ctx.db),
        picturesNotRead: await countPagesOwedPictures(ctx.db),
        reconcile: { passes: reconciled!.passes.length, repaired: reconciled!.repaired, repairs: reconciled!.repairs, last: reconciled!.passes.at(-1)! },
        failedJobs: failed,
        truth: { ...check, forbiddenRequests: forbidden.forbidden, requests, forbiddenExamples: forbidden.examples },
        totals,
        images,
      };
      printSummary(summary);
      for (const q of Object.keys(failed) as QueueName[]) {
        for (const f of await failedJobs(ctx.queue(q), 3)) console.error(`  failed ${q} ${f.id}: ${f.reason}`);
      }
      if (values.json) console.log(JSON.stringify(summary, null, 2));
      if (values.once) {
        await pool.close();
        return 0;
      }
      const dashboard = await startDashboard(ctx, ctx.config.dashboard);
      let login = '';
      if (!process.env.CERTWATCH_ADMIN_USER) {
        const demo = await makeDemoLogin(ctx.db);
        login = `  log in as ${demo.user} / ${demo.password} (made for this run; set CERTWATCH_ADMIN_USER/PASSWORD to choose your own)`;
      }
      console.error(`dashboard: ${dashboard.url}${login ? `\n${login}` : ''}\n(Ctrl-C to stop)`);
      await shutdown.done;
      await dashboard.close().catch(() => undefined);
      await pool.close();
      return 0;
    } finally {
      await ctx.close();
      await sandbox.close();
    }
  },
};

export default command;
