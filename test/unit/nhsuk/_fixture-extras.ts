import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

type Fixture = ReturnType<typeof loadFixtures>[number] & { callBlock?: string };

const label = (f: Fixture): string => (f.description ? `${f.name} — ${f.description}` : f.name);

/**
 * checkFixtures, plus the fixtures the shared harness cannot judge, checked here instead:
 * - `callBlock` fixtures, rendered by calling the partial as a block (our form of `caller`);
 * - fixtures with an escaped apostrophe, which Nunjucks spells &#39; and handlebars &#x27;.
 */
export function checkAllFixtures(component: string): void {
  const fixtures = loadFixtures(component) as Fixture[];
  const extras = fixtures.filter((f) => f.callBlock !== undefined || f.html.includes('&#39;'));
  checkFixtures(component, Object.fromEntries(extras.map((f) => [label(f), 'checked below'])));

  if (!extras.length) return;
  describe(`nhsuk/${component} partial matches its call-block and apostrophe fixtures`, () => {
    for (const fixture of extras) {
      it(label(fixture), async () => {
        const hbs = await createRenderer();
        const source =
          fixture.callBlock === undefined
            ? `{{> nhsuk/${component} this}}`
            : `{{#> nhsuk/${component} this}}${fixture.callBlock}{{/nhsuk/${component}}}`;
        const html = hbs.compile(source)(markSafe(fixture.context));
        expect(normaliseHtml(html).replaceAll('&#x27;', '&#39;')).toBe(normaliseHtml(fixture.html));
      });
    }
  });
}
