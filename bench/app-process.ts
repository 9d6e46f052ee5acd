/**
 * The app as `npm start` runs it (the bundle in dist/, built first), in its own process, against
 * the benchmark's database: start-up time to listening and to the first search answered, the
 * longest event-loop block while the index builds, and the process's peak RSS at the end.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, request, sleep } from './http.ts';
import { peakRssMb } from './machine.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Production settings (templates cached), behind a pretend TLS proxy so the secure session cookie works over plain HTTP. */
export const PROXY_HEADERS = { 'x-forwarded-proto': 'https' };

export type AppProcess = {
  base: string;
  child: ChildProcess;
  listenMs: number;
  startupMs: number;
  /** Longest event-loop block while the index built, reported by the app itself. */
  blockMs: number | null;
  /** Longest /healthz answer while the index built, seen from outside (pinged every 10 ms). */
  healthzMaxMs: number;
  peakRssMb: () => Promise<number | undefined>;
  stop: () => Promise<void>;
};

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await done;
  clearTimeout(timer);
}

/** Spawns `node <args>` with `env`; stdout goes to `logFile`, stderr is collected. */
export function spawnNode(args: string[], env: Record<string, string>, logFile: string): { child: ChildProcess; stderr: () => string } {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', out, 'pipe'] });
  closeSync(out);
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (err += chunk));
  return { child, stderr: () => err };
}

/** `npm run build`, as `npm start` runs it before starting the server; untimed. */
export function buildServer(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function startApp(opts: { databaseUrl: string; dir: string; token: string; probe: string; log: (line: string) => void }): Promise<AppProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const start = performance.now();
  const { child, stderr } = spawnNode(
    ['--enable-source-maps', 'dist/main.js'],
    {
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      SEED_DEMO: 'false',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
      CASEBOOK_REPORT_EVENT_LOOP: '1',
    },
    path.join(opts.dir, 'app.log'),
  );
  const fail = (why: string) => new Error(`${why}\n--- app stderr ---\n${stderr().slice(-4000)}`);

  // Listening: /healthz answers.
  let listenMs = 0;
  for (;;) {
    if (exited(child)) throw fail('The app exited during start-up');
    try {
      if ((await request(`${base}/healthz`, { timeoutMs: 5000 })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - start > 120_000) throw fail('The app did not listen within 2 minutes');
    await sleep(10);
  }
  listenMs = performance.now() - start;

  // Serving search: the first search waits for the index; /healthz is pinged meanwhile.
  let searched = false;
  let searchError: unknown;
  const first = request(`${base}/api/v1/search?q=${encodeURIComponent(opts.probe)}`, { headers: { authorization: `Bearer ${opts.token}` }, timeoutMs: 600_000 }).then(
    (res) => {
      if (res.status !== 200) searchError = new Error(`search answered ${res.status}: ${res.body.slice(0, 300)}`);
      searched = true;
    },
    (err: unknown) => {
      searchError = err;
      searched = true;
    },
  );
  let healthzMaxMs = 0;
  while (!searched) {
    const t = performance.now();
    await request(`${base}/healthz`, { timeoutMs: 600_000 });
    healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t);
    await sleep(10);
  }
  await first;
  if (searchError) throw fail(`The first search failed: ${String(searchError)}`);
  const startupMs = performance.now() - start;

  let blockMs: number | null = null;
  for (let i = 0; i < 200 && blockMs === null; i++) {
    const m = /event-loop-max-ms ([\d.]+)/.exec(stderr());
    if (m) blockMs = Number(m[1]);
    else await sleep(10);
  }
  opts.log(`app: listening after ${Math.round(listenMs)} ms, first search answered after ${Math.round(startupMs)} ms`);
  return { base, child, listenMs, startupMs, blockMs, healthzMaxMs, peakRssMb: () => peakRssMb(child.pid!), stop: () => stopChild(child) };
}
