import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when running from the esbuild bundle `npm start` runs, rather than from source. */
const bundled = import.meta.url.endsWith('.js');

/**
 * Starts a worker thread from a worker module's source URL (`new URL('./x-worker.ts', import.meta.url)`).
 * From the bundle that URL points beside the bundle's own files, where esbuild wrote the worker as
 * `x-worker.js` (an entry point of `npm run build`). From source (tests, tsx) Node cannot load
 * TypeScript in a worker by itself, and a loader named in the worker's execArgv is not applied on
 * Node 20, so a small script imports the module through tsx's API.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (bundled) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), options);
  // The ES module build: the CommonJS one registers its loader by a path that does not resolve.
  const api = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(script, { ...options, eval: true });
}
