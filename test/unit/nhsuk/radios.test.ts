import { describe, expect, it } from 'vitest';
import { checkFixtures, normaliseHtml, render } from '../../support/nhsuk-fixtures.ts';

checkFixtures('radios');

describe('nhsuk/radios in use', () => {
  it('checks the item matching the kept value', async () => {
    const html = await render(
      '{{> nhsuk/radios (params name="modality" value=values.modality items=modalities fieldset=(params legend=(params text="Modality" size="m")))}}',
      { values: { modality: 'ct' }, modalities: [{ value: 'xr', text: 'X-ray' }, { value: 'ct', text: 'CT' }] },
    );
    expect(normaliseHtml(html)).toContain(
      '<input class="nhsuk-radios__input" id="modality-2" name="modality" type="radio" value="ct" checked><label class="nhsuk-label nhsuk-radios__label" for="modality-2">CT</label>',
    );
  });
});
