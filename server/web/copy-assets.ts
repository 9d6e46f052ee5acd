import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs on `npm install` (postinstall) so the app never fetches anything at start-up.
const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist/nhsuk');
const target = fileURLToPath(new URL('../../public/vendor/nhsuk', import.meta.url));

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of ['nhsuk-frontend.min.css', 'nhsuk-frontend.min.css.map', 'nhsuk-frontend.min.js', 'nhsuk-frontend.min.js.map']) {
  cpSync(path.join(dist, file), path.join(target, file));
}
cpSync(path.join(dist, 'assets'), path.join(target, 'assets'), { recursive: true });
console.log(`Copied nhsuk-frontend assets to ${path.relative(process.cwd(), target)}`);
