/**
 * kysely's values, from its CommonJS build. Its ES-module build is 279 files, and at start-up each
 * one is a round trip to tsx's loader thread: 400 ms, against 190 ms for the CommonJS build, which
 * loads in-thread. Types still come from 'kysely' itself; import values from here, so that only one
 * copy of the library is ever loaded. The bundle `npm start` runs has kysely built in instead
 * (esbuild.config.js reads the names exported below).
 */
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { Kysely, SqliteDialect, Migrator, NO_MIGRATIONS, sql } = kysely;
