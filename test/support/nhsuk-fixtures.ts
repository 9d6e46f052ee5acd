import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../server/web/view-engine.ts';

type Fixture = { name: string; description?: string; context: Record<string, unknown>; html: string };

const require = createRequire(import.meta.url);
const componentsDir = path.join(
  path.dirname(require.resolve('nhsuk-frontend/package.json')),
  'dist/nhsuk/components',
);

export function loadFixtures(component: string): Fixture[] {
  const file = path.join(componentsDir, component, 'fixtures.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures;
}

/** Whitespace differences between Nunjucks and handlebars output are not differences in the markup. */
export function normaliseHtml(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/>\s+/g, '>')
    .replace(/\s+</g, '<')
    .replace(/\s+>/g, '>')
    .trim();
}

/** Nunjucks treats `html` options as markup; handlebars needs SafeString to do the same. */
export function markSafe(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && (key === 'html' || key.endsWith('Html'))) return new Handlebars.SafeString(value);
  if (Array.isArray(value)) return value.map((v) => markSafe(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markSafe(v, k)]));
  }
  return value;
}

/**
 * Renders each of nhsuk-frontend's own fixtures for a component through our partial and compares
 * the markup. `skip` names fixtures (by `name` or `name — description`) that cannot apply, with why.
 */
export function checkFixtures(component: string, skip: Record<string, string> = {}): void {
  describe(`nhsuk/${component} partial matches nhsuk-frontend fixtures`, () => {
    const fixtures = loadFixtures(component);
    fixtures.forEach((fixture, i) => {
      const label = fixture.description ? `${fixture.name} — ${fixture.description}` : fixture.name;
      const title = `${i}: ${label}`;
      if (skip[label] !== undefined) {
        it.skip(`${title} (${skip[label]})`, () => {});
        return;
      }
      it(title, async () => {
        const hbs = await createRenderer();
        const template = hbs.compile(`{{> nhsuk/${component} this}}`);
        const html = template(markSafe(fixture.context));
        expect(normaliseHtml(html)).toBe(normaliseHtml(fixture.html));
      });
    });
  });
}
