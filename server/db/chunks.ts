/**
 * Slices for multi-row statements: each row binds one parameter per column, and SQLite allows
 * 32,766 parameters a statement (PostgreSQL 65,535).
 */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
