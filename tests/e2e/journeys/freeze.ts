// A "slow" podlet without touching the stack runner: the process of a part this test run started is paused
// (SIGSTOP) and resumed (SIGCONT) by its pid. Its socket still accepts connections, so the gateway waits for an
// answer until the fragment's time budget runs out, as with a podlet that is late.
import { execFileSync } from 'node:child_process';
import { partUrl } from './storefront.js';

/** The pid of the process listening on a part's port (found with `ss`). */
export function listeningPid(part: string): number {
  const port = new URL(partUrl(part)).port;
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on port ${port} of ${part}: ${out}`);
  return Number(pid);
}

/** Pauses a part while `work` runs, then resumes it (also when `work` fails). */
export async function whileFrozen<T>(part: string, work: () => Promise<T>): Promise<T> {
  const pid = listeningPid(part);
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}
