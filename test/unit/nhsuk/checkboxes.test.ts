import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

// Handlebars escapes an apostrophe as &#x27;, Nunjucks as &#39;: the same character, so these
// fixtures are compared below with that one entity spelt the Nunjucks way.
const apostropheFixtures = loadFixtures('checkboxes').filter((f) => f.html.includes('&#39;'));
const label = (f: { name: string; description?: string }) => (f.description ? `${f.name} — ${f.description}` : f.name);

checkFixtures('checkboxes', Object.fromEntries(apostropheFixtures.map((f) => [label(f), 'compared below, apostrophe entity aside'])));

describe('nhsuk/checkboxes fixtures with apostrophes', () => {
  apostropheFixtures.forEach((fixture) => {
    it(label(fixture), async () => {
      const hbs = await createRenderer();
      const html = hbs.compile('{{> nhsuk/checkboxes this}}')(markSafe(fixture.context)).replaceAll('&#x27;', '&#39;');
      expect(normaliseHtml(html)).toBe(normaliseHtml(fixture.html));
    });
  });
});
