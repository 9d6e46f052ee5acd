/** Pages under load with autocannon (20 connections), and the JSON search API under 20 concurrent clients. */
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../seed/demo-users.ts';
import { PROXY_HEADERS, spawnNode, stopChild } from './app-process.ts';
import { freePort, request, waitFor } from './http.ts';
import type { BenchQuery } from './queries.ts';
import { summarise, type Summary } from './stats.ts';

export const CONNECTIONS = 20;

const cookieOf = (setCookie: string[] | undefined) => (setCookie ?? []).map((c) => c.split(';')[0]!).join('; ');

/** Signs in through the real form (CSRF token and all) and returns the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const form = await request(`${base}/sign-in`, { headers: PROXY_HEADERS });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (form.status !== 200 || !csrf) throw new Error(`The sign-in form did not load (${form.status})`);
  const body = new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: csrf }).toString();
  const res = await request(`${base}/sign-in`, {
    method: 'POST',
    headers: { ...PROXY_HEADERS, cookie: cookieOf(form.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (res.status !== 302) throw new Error(`Signing in failed (${res.status}): ${res.body.slice(0, 300)}`);
  return cookieOf(res.headers['set-cookie']);
}

export type LoadFigures = { rps: number; p99Ms: number; p50Ms: number; requests: number; non2xx: number; errors: number; bytes: number };

/** autocannon against `paths` in turn, after a one-second warm-up. */
export async function load(base: string, paths: string[], headers: Record<string, string>, seconds: number): Promise<LoadFigures> {
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      headers,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    });
  await run(1);
  const r = await run(seconds);
  return { rps: r.requests.average, p99Ms: r.latency.p99, p50Ms: r.latency.p50, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, bytes: r.throughput.total / Math.max(1, r.requests.total) };
}

/** Each query in turn from 20 clients at once; latency per request as the client sees it. */
export async function concurrentSearch(base: string, token: string, queries: readonly BenchQuery[], passes: number): Promise<{ latency: Summary; failures: number }> {
  const url = (q: string) => `${base}/api/v1/search?q=${encodeURIComponent(q)}`;
  const headers = { authorization: `Bearer ${token}` };
  const list = Array.from({ length: passes }, () => queries).flat();
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const client = async () => {
    while (next < list.length) {
      const { q } = list[next++]!;
      const start = performance.now();
      const res = await request(url(q), { headers });
      if (res.status === 200) times.push(performance.now() - start);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  return { latency: summarise(times), failures };
}

/** The bare express + handlebars page, in its own process like the app. */
export async function bareBaseline(dir: string, pageBytes: number, seconds: number): Promise<LoadFigures> {
  const port = await freePort();
  const { child, stderr } = spawnNode(['--import', 'tsx', 'bench/bare-server.ts'], { PORT: String(port), NODE_ENV: 'production', BARE_PAGE_BYTES: String(Math.round(pageBytes)) }, path.join(dir, 'bare.log'));
  try {
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/`, 60_000, () => child.exitCode === null);
    } catch (err) {
      throw new Error(`${String(err)}\n${stderr()}`);
    }
    return await load(base, ['/'], {}, seconds);
  } finally {
    await stopChild(child);
  }
}
