import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before any schema type applies
type AnyDb = Kysely<any>;

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Kysely's FileMigrationProvider imports from inside node_modules, where neither tsx nor vitest
 * can load TypeScript; importing from our own module lets both runtimes load the dated .ts files.
 */
class DirectoryMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(this.dir, file)).href)) as Migration;
    }
    return migrations;
  }
}

export function createMigrator(db: AnyDb): Migrator {
  return new Migrator({ db, provider: new DirectoryMigrationProvider(migrationsDir) });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const where = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${where}: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

export async function migrateToLatest(db: AnyDb): Promise<MigrationResultSet> {
  return check(await createMigrator(db).migrateToLatest());
}

export async function migrateDownToNothing(db: AnyDb): Promise<MigrationResultSet> {
  return check(await createMigrator(db).migrateTo(NO_MIGRATIONS));
}
