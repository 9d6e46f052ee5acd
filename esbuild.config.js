/**
 * `npm run build`: the server as the bundle `npm start` runs (dist/), one entry per thread.
 *
 * Packages stay in node_modules and load from there, except the pure-JavaScript ones in BUNDLED:
 * Node reads and compiles a package one file at a time, and kysely's 280 files took 170-240 ms of
 * each start-up, on the request thread and again on the search index's thread, where a bundle is
 * one file and carries only what is used.
 */
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['kysely', 'zod']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Every other package (and Node's own modules) external; kysely from its ES-module build. */
const packages = {
  name: 'packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true }));
    // From source, server/db/kysely.ts requires kysely's CommonJS build at run time (see there),
    // which esbuild cannot follow: the bundle imports the same names instead.
    b.onLoad({ filter: /[\\/]server[\\/]db[\\/]kysely\.ts$/ }, (args) => {
      const names = /export const \{([^}]*)\} = kysely;/.exec(readFileSync(args.path, 'utf8'))?.[1];
      if (!names) throw new Error(`${args.path} no longer exports kysely's values as esbuild.config.js expects`);
      return { contents: `export {${names}} from 'kysely';`, loader: 'ts' };
    });
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['server/main.ts', 'server/cases/scan-worker.ts', 'server/search/index-worker.ts'],
  bundle: true,
  entryNames: '[name]',
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Positions only: Node reads every map as the bundle loads (--enable-source-maps), and the sources
  // themselves, which stack traces do not need, were most of their bytes.
  sourcesContent: false,
  outdir: 'dist',
  logLevel: 'warning',
  plugins: [packages],
});
