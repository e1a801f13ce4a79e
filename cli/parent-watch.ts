// npx and `npm run` hand a SIGTERM/SIGINT to the `sh -c` they started, not to node: the shell
// dies and node lives on under PID 1. Seeing our parent go is the cue to stop as that signal asked.
import { kill, pid, ppid } from 'node:process';

/**
 * When started by npm (npx, npm run) and the parent process goes away, sends this process
 * SIGTERM, so long-running commands drain and exit as if the signal had reached them.
 * @param everyMs how often the parent is looked at (ppid is a cheap system call)
 */
export function stopWhenOrphaned(env: NodeJS.ProcessEnv = process.env, everyMs = 500): void {
  const parent = ppid;
  if (!env.npm_command || parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    console.error(`certwatch: the npm process that started this one (pid ${parent}) is gone; stopping as on SIGTERM`);
    kill(pid, 'SIGTERM');
  }, everyMs);
  // Never what keeps a finished command alive.
  timer.unref();
}
