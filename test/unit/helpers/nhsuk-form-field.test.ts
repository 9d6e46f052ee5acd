import { describe, expect, it } from 'vitest';
import {
  nhsukInputModel,
  nhsukSelectModel,
  nhsukTextareaModel,
  tokenList,
} from '../../../server/web/helpers/nhsuk-form-field.ts';

type Field = Record<string, unknown>;
const field = (model: Record<string, unknown>) => model.field as Field;

describe('tokenList', () => {
  it('joins the non-empty parts with single spaces', () => {
    expect(tokenList('a', undefined, '', false, null, 'b')).toBe('a b');
  });
});

describe('nhsukInputModel', () => {
  it('ties the hint and error message to the input with their default ids', () => {
    const f = field(nhsukInputModel({ name: 'email', hint: 'We reply here', errorMessage: 'Enter an email' }));
    expect(f).toMatchObject({
      id: 'email',
      hint: { id: 'email-hint', text: 'We reply here' },
      errorMessage: { id: 'email-error', text: 'Enter an email' },
      describedBy: 'email-hint email-error',
      formGroupClasses: 'nhsuk-form-group nhsuk-form-group--error',
    });
    expect(String(f.inputAttributes)).toBe(
      ' class="nhsuk-input nhsuk-input--error" id="email" name="email" type="text" aria-describedby="email-hint email-error"',
    );
  });

  it('marks the field for errorMessage true without drawing a message', () => {
    const f = field(nhsukInputModel({ name: 'day', errorMessage: true }));
    expect(f.errorMessage).toBeUndefined();
    expect(String(f.inputAttributes)).toContain('class="nhsuk-input nhsuk-input--error"');
  });

  it('escapes the kept value', () => {
    expect(String(field(nhsukInputModel({ name: 'q', value: '"><script>' })).inputAttributes)).toContain(
      'value="&quot;&gt;&lt;script&gt;"',
    );
  });

  it('adds a width class only when classes do not already set one', () => {
    expect(String(field(nhsukInputModel({ name: 'n', width: 10 })).inputAttributes)).toContain('nhsuk-input--width-10');
    expect(String(field(nhsukInputModel({ name: 'n', width: 10, classes: 'nhsuk-input--width-2' })).inputAttributes)).toContain(
      'class="nhsuk-input nhsuk-input--width-2"',
    );
  });
});

describe('nhsukTextareaModel', () => {
  it('defaults to five rows', () => {
    expect(field(nhsukTextareaModel({ name: 'notes' })).rows).toBe(5);
  });
});

describe('nhsukSelectModel', () => {
  it('selects the item matching the value, as Nunjucks compares them', () => {
    const items = field(
      nhsukSelectModel({ name: 'n', value: 2, items: [{ value: '1', text: 'One' }, { value: '2', text: 'Two' }, null, { divider: true }] }),
    ).items as Field[];
    expect(items.map((i) => i.isSelected ?? 'divider')).toEqual([false, true, 'divider']);
  });
});
