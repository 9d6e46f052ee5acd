import { fileURLToPath } from 'node:url';

/**
 * The repository's own files (views, public, migrations), found from here. This module sits one
 * folder down, as does the bundle `npm start` runs (dist/main.js): in the bundle every module
 * shares that file's URL, so a path relative to any deeper module would point outside the repo.
 */
const fromRoot = (dir: string) => fileURLToPath(new URL(`../${dir}`, import.meta.url));

export const viewsDir = fromRoot('views');
export const publicDir = fromRoot('public');
export const migrationsDir = fromRoot('migrations');
