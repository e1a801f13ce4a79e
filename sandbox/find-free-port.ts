// Picks a port that is free on every sandbox address: tests run in parallel, so each
// sandbox needs its own port, and a port free on 127.0.0.1 may be taken on 127.0.0.5.
import { createServer } from 'node:net';

function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A port free on 127.0.0.1 … 127.0.0.`hosts`, chosen from a random start in 20000–59999. */
export async function findFreePort(hosts = 50): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    let ok = true;
    for (let n = 1; n <= hosts && ok; n++) ok = await probe(`127.0.0.${n}`, port);
    if (ok) return port;
  }
  throw new Error('no free port found on the sandbox loopback addresses');
}
