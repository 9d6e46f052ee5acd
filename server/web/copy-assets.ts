import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs on `npm install` (postinstall) so the app never fetches anything at start-up.
const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist/nhsuk');
const target = fileURLToPath(new URL('../../public/vendor/nhsuk', import.meta.url));

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of ['nhsuk-frontend.min.js', 'nhsuk-frontend.min.js.map']) {
  cpSync(path.join(dist, file), path.join(target, file));
}
// The Frutiger web font is served from assets.nhs.uk. Casebook makes no third-party requests (its CSP
// allows none, and trust networks may block them), so the @font-face rules go and the design
// system's own fallback stack (Arial) applies.
// Its icons are asked for at /assets/, where the design system's own site keeps them; here they are
// served beside the CSS.
const css = readFileSync(path.join(dist, 'nhsuk-frontend.min.css'), 'utf8')
  .replace(/@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g, '')
  .replace(/url\(\/assets\//g, 'url(/vendor/nhsuk/assets/')
  .replace(/\/\*# sourceMappingURL=.*?\*\//, '');
writeFileSync(path.join(target, 'nhsuk-frontend.min.css'), css);
cpSync(path.join(dist, 'assets'), path.join(target, 'assets'), { recursive: true });
console.log(`Copied nhsuk-frontend assets to ${path.relative(process.cwd(), target)}`);
