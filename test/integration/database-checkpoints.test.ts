import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CHECKPOINT_EVERY_MS, startCheckpointer } from '../../server/db/checkpointer.ts';
import { openDatabase } from '../../server/db/database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('checkpoints of the write-ahead log', () => {
  it('copies committed pages into the database file from the background, well before SQLite would', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'test.db');
    const db = openDatabase(`sqlite:${file}`);
    try {
      await sql`create table t (body text)`.execute(db);
      const before = statSync(file).size;
      // About 6 MB: some 1,500 pages, far below the 10,000-page backstop, so only the worker can copy them.
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 300; i++) await sql`insert into t (body) values (${'x'.repeat(20_000)})`.execute(trx);
      });
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(6_000_000);
      expect(await waitFor(() => statSync(file).size > before + 6_000_000, 5000)).toBe(true);
      // Once a checkpoint has surely finished, the next write starts the emptied log again and the file shrinks back.
      await new Promise((resolve) => setTimeout(resolve, 2 * CHECKPOINT_EVERY_MS));
      await sql`insert into t (body) values ('small')`.execute(db);
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(4 * 1024 * 1024);
      expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(301);
    } finally {
      await db.destroy();
    }
  });

  it('reports a worker that cannot start, so SQLite can take checkpoints back', async () => {
    const failure = await new Promise<Error>((resolve) => startCheckpointer(path.join(tmpdir(), 'casebook-no-such-dir', 'none.db'), resolve));
    expect(failure.message).toMatch(/unable to open|directory does not exist|no such file/i);
  });

  it('leaves a database that opens again with everything in it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-wal-'));
    dirs.push(dir);
    const url = `sqlite:${path.join(dir, 'test.db')}`;
    const first = openDatabase(url);
    await sql`create table t (n integer)`.execute(first);
    for (let i = 0; i < 50; i++) await sql`insert into t (n) values (${i})`.execute(first);
    // Long enough for the worker to have its own connection open.
    await new Promise((resolve) => setTimeout(resolve, 3 * CHECKPOINT_EVERY_MS));
    await first.destroy();
    // Closed cleanly: everything is in the database file and the log is gone.
    expect(existsSync(path.join(dir, 'test.db-wal'))).toBe(false);
    const again = openDatabase(url);
    try {
      expect((await sql<{ total: number }>`select sum(n) as total from t`.execute(again)).rows[0]!.total).toBe(1225);
    } finally {
      await again.destroy();
    }
  });
});
