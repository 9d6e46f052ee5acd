import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely, Migration, Migrator as KyselyMigrator, MigrationProvider, MigrationResultSet } from 'kysely';
import { migrationsDir } from '../paths.ts';
import { Migrator, NO_MIGRATIONS } from './kysely.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before any schema type applies
type AnyDb = Kysely<any>;

/**
 * From source (tsx, vitest) this module is TypeScript and `import()` loads a migration directly.
 * In the bundle `npm start` runs, plain Node cannot load a .ts file: tsx loads it, for that import
 * alone, and only when a migration is pending.
 */
const runningFromSource = import.meta.url.endsWith('.ts');
async function importMigration(file: string): Promise<Migration> {
  const url = pathToFileURL(file).href;
  if (runningFromSource) return (await import(url)) as Migration;
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Migration;
}

/**
 * Kysely's FileMigrationProvider imports from inside node_modules, where neither tsx nor vitest
 * can load TypeScript; importing from our own module lets both runtimes load the dated .ts files.
 * Each file is imported only when its migration runs: at an ordinary start-up none is pending, and
 * importing them all took a tenth of a second.
 */
class DirectoryMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const name = file.replace(/\.ts$/, '');
      const load = () => importMigration(path.join(this.dir, file));
      migrations[name] = {
        up: async (db) => (await load()).up(db),
        down: async (db) => {
          const m = await load();
          if (!m.down) throw new Error(`Migration ${name} cannot be undone`);
          await m.down(db);
        },
      };
    }
    return migrations;
  }
}

export function createMigrator(db: AnyDb): KyselyMigrator {
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
