import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use, not at start-up: every package loaded before the app
 * listens delays it, and some (the CSV parser, the upload handler) serve one page or two.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: require(name) as T }).value;
}
