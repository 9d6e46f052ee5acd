import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';
import { checkFixtures, loadFixtures, markSafe, normaliseHtml } from '../../support/nhsuk-fixtures.ts';

type WithCallBlock = { name: string; description?: string; context: Record<string, unknown>; callBlock?: string; html: string };

const callBlockFixtures = (loadFixtures('footer') as WithCallBlock[]).filter((f) => f.callBlock !== undefined);
const label = (f: WithCallBlock): string => (f.description ? `${f.name} — ${f.description}` : f.name);

checkFixtures(
  'footer',
  Object.fromEntries(callBlockFixtures.map((f) => [label(f), 'Nunjucks caller() content: checked below as meta.html'])),
);

// The partial takes caller() content as meta.html, which renders in the same place.
describe('nhsuk/footer partial matches nhsuk-frontend call-block fixtures given the content as meta.html', () => {
  for (const fixture of callBlockFixtures) {
    it(label(fixture), async () => {
      const hbs = await createRenderer();
      const context = markSafe(fixture.context) as Record<string, unknown>;
      const content = new Handlebars.SafeString(fixture.callBlock ?? '');
      const meta = context.meta;
      context.meta = { ...(meta && typeof meta === 'object' && !(meta instanceof Handlebars.SafeString) ? meta : {}), html: content };
      const html = hbs.compile('{{> nhsuk/footer this}}')(context);
      // Nunjucks spells an escaped apostrophe &#39;, handlebars &#x27;: the same character.
      expect(normaliseHtml(html).replaceAll('&#x27;', '&#39;')).toBe(normaliseHtml(fixture.html));
    });
  }
});
