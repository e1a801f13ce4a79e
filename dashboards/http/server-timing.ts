// The Server-Timing header the pages an analyst opens most carry (queue, search, seller, statistics):
// the benchmarks read the server's own time from it, query and render, without the network.
import type { FastifyReply } from 'fastify';

/** Sets `server-timing: render;dur=…` to the milliseconds since `started` (a performance.now()). */
export function setServerTiming(reply: FastifyReply, started: number): void {
  reply.header('server-timing', `render;dur=${(performance.now() - started).toFixed(1)}`);
}
