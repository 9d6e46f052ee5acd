import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely as KyselyDb } from 'kysely';
import { BACKSTOP_PAGES, type Checkpointer, SQLITE_DEFAULT_PAGES, startCheckpointer, WAL_KEPT_BYTES } from './checkpointer.ts';
import { Kysely, SqliteDialect } from './kysely.ts';
import type { Database } from './schema.ts';

export type Db = KyselyDb<Database>;

/** `sqlite:PATH` → a file; `sqlite::memory:` → an in-memory database (tests). */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:/, '');
}

/** Whether another thread can open the same database: an in-memory one lives in its connection alone. */
export function shareableDatabase(databaseUrl: string): boolean {
  return databaseUrl.startsWith('sqlite:') && sqlitePath(databaseUrl) !== ':memory:';
}

/**
 * `reader`: a second connection to a database another thread owns (the search index's thread), which
 * only reads; the owner sets the log mode up and checkpoints it.
 */
export function openDatabase(databaseUrl: string, options: { reader?: boolean } = {}): Db {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new Error('Only sqlite: databases are supported so far; PostgreSQL support is planned.');
  }
  const file = sqlitePath(databaseUrl);
  if (options.reader) {
    const sqlite = new SQLite(file, { fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => sqlite.close()) }) });
  }
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers carry on while a request writes; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL keeps the database consistent on a crash and spares an fsync on every commit
  // (each request's session touch is a write); only the last commits may be lost on power failure.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  let checkpointer: Checkpointer | undefined;
  if (file !== ':memory:') {
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    // A burst of writes can grow the log to the backstop; once it is emptied, it shrinks back.
    sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    checkpointer = startCheckpointer(file, (err) => {
      console.error(`Background checkpoints stopped (${err.message}); SQLite checkpoints as it commits instead.`);
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    });
  }
  const close = () => {
    checkpointer?.stop();
    sqlite.close();
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, close) }) });
}

/**
 * kysely prepares every query afresh, and preparing costs about as much as running a small query.
 * The same few hundred SQL texts recur, so statements are kept by their text. Safe because kysely
 * runs one query at a time on this connection and we never stream (a streaming statement stays busy).
 */
function withStatementCache(sqlite: SQLite.Database, close: () => void, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close,
    prepare(source: string) {
      let stmt = cache.get(source);
      if (!stmt) {
        // Texts with inlined lists vary without end: past the limit the oldest is let go.
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        stmt = sqlite.prepare(source);
        cache.set(source, stmt);
      }
      return stmt;
    },
  };
}
