import { describe, expect, it } from 'vitest';
import { checkFixtures, normaliseHtml, render } from '../../support/nhsuk-fixtures.ts';

checkFixtures('button');

describe('nhsuk/button in use', () => {
  it('submits a named value', async () => {
    const html = await render('{{> nhsuk/button (params text="Save as draft" name="action" value="draft" variant="secondary")}}');
    expect(normaliseHtml(html)).toBe(
      '<button class="nhsuk-button nhsuk-button--secondary" name="action" data-module="nhsuk-button" type="submit" value="draft">Save as draft</button>',
    );
  });

  it('takes custom content as a block, in place of the macro caller', async () => {
    const html = await render('{{#> nhsuk/button (params href="/next")}}Next <span>{{../step}}</span>{{/nhsuk/button}}', { step: '2 of 3' });
    expect(normaliseHtml(html)).toBe(
      '<a class="nhsuk-button" data-module="nhsuk-button" href="/next" role="button" draggable="false">Next<span>2 of 3</span></a>',
    );
  });
});
