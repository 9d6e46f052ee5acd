import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

// Handlebars escapes an apostrophe as &#x27;, Nunjucks as &#39;: the same character, so these
// fixtures are compared below with that one entity spelt the Nunjucks way.
const apostropheFixtures = loadFixtures('radios').filter((f) => f.html.includes('&#39;'));
const label = (f: { name: string; description?: string }) => (f.description ? `${f.name} — ${f.description}` : f.name);

checkFixtures('radios', Object.fromEntries(apostropheFixtures.map((f) => [label(f), 'compared below, apostrophe entity aside'])));

describe('nhsuk/radios fixtures with apostrophes', () => {
  apostropheFixtures.forEach((fixture) => {
    it(label(fixture), async () => {
      const hbs = await createRenderer();
      const html = hbs.compile('{{> nhsuk/radios this}}')(markSafe(fixture.context)).replaceAll('&#x27;', '&#39;');
      expect(normaliseHtml(html)).toBe(normaliseHtml(fixture.html));
    });
  });
});

describe('nhsuk/radios in use', () => {
  it('checks the item matching the kept value', async () => {
    const hbs = await createRenderer();
    const html = hbs.compile(
      '{{> nhsuk/radios (params name="modality" value=values.modality items=modalities fieldset=(params legend=(params text="Modality" size="m")))}}',
    )({ values: { modality: 'ct' }, modalities: [{ value: 'xr', text: 'X-ray' }, { value: 'ct', text: 'CT' }] });
    expect(normaliseHtml(html)).toContain(
      '<input class="nhsuk-radios__input" id="modality-2" name="modality" type="radio" value="ct" checked><label class="nhsuk-label nhsuk-radios__label" for="modality-2">CT</label>',
    );
  });
});
