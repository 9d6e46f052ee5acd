import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/http.ts';

// One file, so its tests run in turn: both build dist/, and a build clears it first.
const run = promisify(execFile);

describe('npm start', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-start-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the bundle, which migrates a new database, seeds the demo and serves pages and assets', async () => {
    await run('npm', ['run', '-s', 'build'], { timeout: 60_000 });
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'casebook.db')}`, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
    const started = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let out = '';
    started.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    started.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not serving after 60 s:\n${out}`)), 60_000);
      started.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
      started.stdout!.on('data', () => {
        if (out.includes('admin@demo.casebook.test')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(out).toContain(`Casebook running at http://localhost:${port}`);

    // Views and assets are found from the bundle in dist/ as from the source.
    const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(page.status).toBe(200);
    const $ = cheerio.load(await page.text());
    expect($('header.nhsuk-header').length).toBe(1);
    expect($('h1').text()).toContain('Sign in');
    expect((await fetch(`http://127.0.0.1:${port}/css/casebook.css`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/vendor/nhsuk/nhsuk-frontend.min.css`)).status).toBe(200);
    started.kill('SIGTERM');
    await new Promise((resolve) => started.once('exit', resolve));
  }, 120_000);
});

// A tiny run of `npm run bench`, so the benchmark never rots. Figures are printed, never asserted:
// speed is judged by the benchmark itself, not by the test suite.
const FIGURES = [
  'import_db_per_s', 'import_indexed_per_s', 'index_build_ms', 'index_heap_kb_per_case', 'index_load_ms', 'startup_block_ms', 'startup_ms',
  'search_p50_ms', 'search_p95_ms', 'search_max_ms', 'http_search_p95_ms', 'fts5_search_p50_ms', 'fts5_search_p95_ms', 'search_p95_vs_fts5',
  'trends_all_ms', 'review_assemble_ms', 'case_page_rps', 'case_page_p99_ms', 'search_page_rps', 'case_list_rps', 'case_list_p99_ms', 'page_rps_vs_bare',
  'scan_mb_per_s', 'scan_recall', 'scan_clean_flagged', 'rss_mb',
];

describe('npm run bench', () => {
  it('runs on 500 cases and prints one JSON object with every named figure', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts', '--cases', '500', '--quick', '--json'], { maxBuffer: 10_000_000, timeout: 170_000 });
    const figures = JSON.parse(stdout) as Record<string, unknown>;
    for (const name of FIGURES) expect(figures, name).toHaveProperty(name);
    expect(figures.cases).toBe(500);
    // Read back from the snapshot the build wrote, and the restart used it.
    expect(typeof figures.index_load_ms).toBe('number');
    expect(typeof figures.startup_ms).toBe('number');
  }, 180_000);
});

describe('command-line scripts', () => {
  it('read DATABASE_URL from .env in the working folder, as npm start does', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-dotenv-'));
    try {
      writeFileSync(path.join(dir, '.env'), `DATABASE_URL=sqlite:${path.join(dir, 'from-dotenv.db')}\n`);
      const env = { ...process.env };
      delete env.DATABASE_URL;
      const script = path.resolve('server/users/token-cli.ts');
      const failed = await run(process.execPath, ['--import', pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href, script, '--email', 'nobody@test.casebook.test'], { cwd: dir, env, timeout: 60_000 }).catch((err: { code: number; stderr: string }) => err);
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('No active user with the email address nobody@test.casebook.test') });
      // The database .env names is the one migrated and searched.
      expect(existsSync(path.join(dir, 'from-dotenv.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
