import { describe, expect, it } from 'vitest';
import { nhsukChoicesModel } from '../../../server/web/helpers/nhsuk-choices.ts';

type Item = Record<string, unknown>;
const items = (model: Record<string, unknown>) => (model.field as { items: Item[] }).items;

describe('nhsukChoicesModel', () => {
  it('numbers item ids after the first, counting skipped items, and checks the radio matching value', () => {
    const list = items(
      nhsukChoicesModel({ name: 'colour', value: 'blue', items: [{ value: 'red', text: 'Red' }, null, { value: 'blue', text: 'Blue' }] }, 'radios'),
    );
    expect(list.map((i) => (i.label as Item).for)).toEqual(['colour', 'colour-3']);
    expect(String(list[1]!.inputAttributes)).toBe(' class="nhsuk-radios__input" id="colour-3" name="colour" type="radio" value="blue" checked');
  });

  it('checks every checkbox listed in values and points boxes outside a fieldset at the group hint', () => {
    const list = items(
      nhsukChoicesModel({ name: 'tags', values: ['a'], hint: 'Pick any', items: [{ value: 'a', text: 'A' }, { value: 'b', text: 'B' }] }, 'checkboxes'),
    );
    expect(String(list[0]!.inputAttributes)).toBe(
      ' class="nhsuk-checkboxes__input" id="tags" name="tags" type="checkbox" value="a" checked aria-describedby="tags-hint"',
    );
    expect(String(list[1]!.inputAttributes)).not.toContain('checked');
  });

  it('escapes item values', () => {
    const list = items(nhsukChoicesModel({ name: 'x', items: [{ value: '"><b>', text: 'x' }] }, 'radios'));
    expect(String(list[0]!.inputAttributes)).toContain('value="&quot;&gt;&lt;b&gt;"');
  });

  it('hides the conditional content of an unchecked item', () => {
    const list = items(nhsukChoicesModel({ name: 'x', items: [{ value: 'y', text: 'Y', conditional: { html: 'more' } }] }, 'radios'));
    expect(list[0]!.conditional).toEqual({ html: 'more', id: 'conditional-x', classes: 'nhsuk-radios__conditional nhsuk-radios__conditional--hidden' });
  });
});
