/** Database addresses, apart from the driver, so they can be read before it is loaded. */

/** `sqlite:PATH` → a file; `sqlite::memory:` → an in-memory database (tests). */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:/, '');
}

/** Whether another thread can open the same database: an in-memory one lives in its connection alone. */
export function shareableDatabase(databaseUrl: string): boolean {
  return databaseUrl.startsWith('sqlite:') && sqlitePath(databaseUrl) !== ':memory:';
}
