// The sandbox web as a child process for benchmarks: its serving CPU stays out of the measured
// process, and a sandbox that will not stop is killed rather than left behind.
import { spawn } from 'node:child_process';

/** Starts `certwatch sandbox` (rate limit off) and resolves once it listens. */
export async function sandboxProcess(port: number, scale: number): Promise<{ close(): Promise<void> }> {
  const p = spawn(process.execPath, ['bin/certwatch.mjs', 'sandbox', '--port', String(port), '--scale', String(scale), '--rate-limit', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    p.once('exit', (code) => fail(new Error(`sandbox exited ${code}`)));
    p.stdout!.on('data', function ready(d: Buffer) {
      if (!d.toString().includes('http://')) return;
      p.stdout!.off('data', ready);
      ok();
    });
  });
  p.stdout!.resume();
  return {
    // A sandbox that has not stopped 5 s after SIGTERM (seen once at scale 20) is killed.
    close: () =>
      new Promise<void>((done) => {
        p.removeAllListeners('exit');
        const force = setTimeout(() => p.kill('SIGKILL'), 5000);
        p.once('exit', () => {
          clearTimeout(force);
          done();
        });
        p.kill('SIGTERM');
      }),
  };
}
