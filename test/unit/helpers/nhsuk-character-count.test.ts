import { describe, expect, it } from 'vitest';
import { i18nAttributes, nhsukCharacterCountModel } from '../../../server/web/helpers/nhsuk-character-count.ts';

describe('i18nAttributes', () => {
  it('writes one attribute per plural form, escaped', () => {
    expect(i18nAttributes('words-over-limit', undefined, { one: 'One <word>', other: '%{count} words' })).toBe(
      ' data-i18n.words-over-limit.one="One &lt;word&gt;" data-i18n.words-over-limit.other="%{count} words"',
    );
    expect(i18nAttributes('words-at-limit', 'At the limit')).toBe(' data-i18n.words-at-limit="At the limit"');
    expect(i18nAttributes('words-at-limit', undefined)).toBe('');
  });
});

describe('nhsukCharacterCountModel', () => {
  it('describes the limit under the textarea and tells the script the limit', () => {
    const model = nhsukCharacterCountModel({ name: 'summary', maxwords: 150, label: 'Summary' });
    expect(model.countMessage).toMatchObject({ text: 'You can enter up to 150 words', id: 'summary-info' });
    const field = model.field as Record<string, unknown>;
    expect(String(field.formGroupAttributes)).toBe(' data-module="nhsuk-character-count" data-maxwords="150" data-count-type="words"');
    expect(field.describedBy).toBe('summary-info');
  });

  it('hides the message until the script knows the limit', () => {
    expect(nhsukCharacterCountModel({ name: 's' }).countMessage).toMatchObject({ text: '', attributes: { hidden: { value: true } } });
  });
});
