import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnedPodlet {
  url: string;
  /** Sends SIGTERM and resolves with the exit code once the process has drained and exited. */
  stop(): Promise<number | null>;
}

/**
 * Starts a built podlet (`node dist/server/server.js`) on a free port, as production runs it, and resolves when
 * its "listening" log line names the port.
 */
export function spawnPodlet(entry: string, env: Record<string, string> = {}): Promise<SpawnedPodlet> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within 10 s: ${stderr}`));
    }, 10_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let record: { port?: number; msg?: string };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        return;
      }
      if (!record.port || !record.msg?.endsWith('listening')) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${record.port}`,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
