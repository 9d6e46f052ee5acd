import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../server/web/view-engine.ts';

type Fixture = { name: string; description?: string; context: Record<string, unknown>; callBlock?: string; html: string };

const require = createRequire(import.meta.url);
const componentsDir = path.join(
  path.dirname(require.resolve('nhsuk-frontend/package.json')),
  'dist/nhsuk/components',
);

export function loadFixtures(component: string): Fixture[] {
  const file = path.join(componentsDir, component, 'fixtures.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures;
}

// Building a renderer reads and compiles every partial, which dominated the suite's run time when done
// per test. Vitest gives each test file its own module instance, so this is one renderer per file.
let renderer: Promise<typeof Handlebars> | undefined;

/** Renders a template with every helper and partial, on a renderer shared within the test file. */
export async function render(source: string, context: unknown = {}): Promise<string> {
  renderer ??= createRenderer();
  return (await renderer).compile(source)(context);
}

// Nunjucks escapes only & < > " ' (and spells ' as &#39;); handlebars also escapes ` and =, and spells
// ' as &#x27;. Each of these characters gets one spelling, so that only real differences in escaping remain.
const CANONICAL_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function canonicalEntity(reference: string, decimal?: string, hex?: string): string {
  const char = String.fromCodePoint(decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16));
  if (CANONICAL_ENTITY[char]) return CANONICAL_ENTITY[char];
  return char === '=' || char === '`' ? char : reference;
}

/** Whitespace and entity spelling differences between Nunjucks and handlebars are not differences in the markup. */
export function normaliseHtml(html: string): string {
  return html
    .replace(/&#(?:(\d+)|[xX]([0-9a-fA-F]+));/g, canonicalEntity)
    .replaceAll('&apos;', '&#39;')
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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Handlebars.SafeString);

/** Sets `path` (dotted) in the context, turning a text or html value on the way into an options object. */
function withOption(context: Record<string, unknown>, dottedPath: string, value: unknown): Record<string, unknown> {
  const [key = '', ...rest] = dottedPath.split('.');
  if (!rest.length) return { ...context, [key]: value };
  const inner = context[key];
  return { ...context, [key]: withOption(isPlainObject(inner) ? inner : {}, rest.join('.'), value) };
}

export type FixtureOptions = {
  /** Fixtures that cannot apply, by `name` or `name — description`, each with the reason. */
  skip?: Record<string, string>;
  /**
   * Where the partial takes a fixture's `callBlock` (the macro's `caller()` content) as an option, e.g.
   * `'description.html'`, for partials that place it there instead of taking a partial block.
   */
  callBlockAs?: string;
};

/** The handlebars template and context that correspond to one nhsuk-frontend fixture. */
function asTemplate(component: string, fixture: Fixture, callBlockAs: string | undefined) {
  const context = markSafe(fixture.context) as Record<string, unknown>;
  if (fixture.callBlock === undefined) return { source: `{{> nhsuk/${component} this}}`, context };
  if (callBlockAs) {
    const content = new Handlebars.SafeString(fixture.callBlock);
    return { source: `{{> nhsuk/${component} this}}`, context: withOption(context, callBlockAs, content) };
  }
  return { source: `{{#> nhsuk/${component} this}}${fixture.callBlock}{{/nhsuk/${component}}}`, context };
}

/**
 * Renders each of nhsuk-frontend's own fixtures for a component through our partial and compares the
 * markup. A fixture's `callBlock` is passed as a partial block, or as the `callBlockAs` option.
 */
export function checkFixtures(component: string, { skip = {}, callBlockAs }: FixtureOptions = {}): void {
  describe(`nhsuk/${component} partial matches nhsuk-frontend fixtures`, () => {
    const fixtures = loadFixtures(component);
    const unused = Object.keys(skip).filter((label) => !fixtures.some((f) => label === fixtureLabel(f)));
    if (unused.length) throw new Error(`skip names no fixture of ${component}: ${unused.join(', ')}`);
    fixtures.forEach((fixture, i) => {
      const label = fixtureLabel(fixture);
      const title = `${i}: ${label}`;
      if (skip[label] !== undefined) {
        it.skip(`${title} (${skip[label]})`, () => {});
        return;
      }
      it(title, async () => {
        const { source, context } = asTemplate(component, fixture, callBlockAs);
        expect(normaliseHtml(await render(source, context))).toBe(normaliseHtml(fixture.html));
      });
    });
  });
}

const fixtureLabel = (f: Fixture): string => (f.description ? `${f.name} — ${f.description}` : f.name);
