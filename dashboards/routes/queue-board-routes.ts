// The queue board for admins: GET /jobs lists failed jobs per queue; POST /jobs/retry,
// /jobs/retry-all and /jobs/clean act on them, each recorded in the audit log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { cleanFailed, isQueueName, readQueueBoard, retryAllFailed, retryFailedJob, type JobActionResult, type QueueBoardRow } from '../jobs/failed-jobs.js';
import type { MessageKey } from '../i18n/messages.js';
import { translator } from '../views/layout.js';
import { queueBoardView } from '../views/queue-board-view.js';

type Body = Record<string, unknown> | undefined;
const str = (b: Body, k: string) => (typeof b?.[k] === 'string' ? (b[k] as string) : '');

const DONE: Record<string, MessageKey> = { retry: 'jobsDoneRetry', 'retry-all': 'jobsDoneRetryAll', clean: 'jobsDoneClean' };

export function queueBoardRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;
  const admin = { config: { role: 'admin' as const } };

  async function render(req: FastifyRequest, reply: FastifyReply, code: number, flash?: string, flashError = false) {
    let queues: QueueBoardRow[] | null = null;
    let redisError: string | undefined;
    try {
      queues = await readQueueBoard(ctx);
    } catch (err) {
      redisError = (err as Error).message;
    }
    return reply.code(code).type('text/html; charset=utf-8').send(queueBoardView(req, { queues, redisError, flash, flashError }));
  }

  app.get<{ Querystring: { done?: string; n?: string; queue?: string } }>('/jobs', admin, async (req, reply) => {
    const { done, n, queue } = req.query;
    const key = done ? DONE[done] : undefined;
    const flash = key && isQueueName(queue) && /^\d{1,9}$/.test(n ?? '') ? translator(req)(key, { n: n!, queue }) : undefined;
    return render(req, reply, 200, flash);
  });

  const action = (path: 'retry' | 'retry-all' | 'clean', run: (queue: Parameters<typeof retryAllFailed>[1], b: Body) => Promise<JobActionResult>, auditAction: string) =>
    app.post(`/jobs/${path}`, admin, async (req, reply) => {
      const b = req.body as Body;
      const queue = str(b, 'queue');
      if (!isQueueName(queue)) return reply.code(404).send({ error: 'no such queue' });
      let result: JobActionResult;
      try {
        result = await run(queue, b);
      } catch (err) {
        return render(req, reply, 503, `${translator(req)('redisDown')}: ${(err as Error).message}`, true);
      }
      if (!result.ok) return render(req, reply, result.error === 'not-found' ? 404 : 409, translator(req)('jobsGone'), true);
      const jobId = path === 'retry' ? str(b, 'id') : undefined;
      await appendAudit(ctx.db, { actor: req.user!.username, action: auditAction, detail: { queue, ...(jobId ? { jobId } : {}), count: result.count } });
      return reply.redirect(`/jobs?done=${path}&n=${result.count}&queue=${queue}`, 303);
    });

  action('retry', (queue, b) => retryFailedJob(ctx, queue, str(b, 'id').slice(0, 500)), 'jobs.retry');
  action('retry-all', (queue) => retryAllFailed(ctx, queue), 'jobs.retry_all');
  action('clean', (queue) => cleanFailed(ctx, queue), 'jobs.clean_failed');
}
