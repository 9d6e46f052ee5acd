import { describe, expect, it } from 'vitest';
import { nhsukButtonModel } from '../../../server/web/helpers/nhsuk-button.ts';

describe('nhsukButtonModel', () => {
  it('is a submit button by default, carrying its name and value', () => {
    const model = nhsukButtonModel({ text: 'Save as draft', name: 'action', value: 'draft' });
    expect(model).toMatchObject({ isButton: true, content: 'Save as draft', wrapContent: false });
    expect(String(model.attributes)).toBe(' class="nhsuk-button" name="action" data-module="nhsuk-button" type="submit" value="draft"');
  });

  it('is a link when given an href and no type, and never names a link', () => {
    const model = nhsukButtonModel({ text: 'Start', href: '/start', name: 'x', variant: 'secondary' });
    expect(model.isLink).toBe(true);
    expect(String(model.attributes)).toBe(
      ' class="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button" href="/start" role="button" draggable="false"',
    );
  });

  it('puts a named icon at the start unless placed at the end', () => {
    expect(nhsukButtonModel({ text: 'Back', icon: 'arrow-left' })).toMatchObject({ iconAtStart: true, wrapContent: true });
    expect(nhsukButtonModel({ text: 'Next', icon: { name: 'arrow-right', placement: 'end' } })).toMatchObject({ iconAtEnd: true });
  });

  it('marks a disabled button for assistive technology too', () => {
    expect(String(nhsukButtonModel({ text: 'x', disabled: true }).attributes)).toContain(' disabled aria-disabled="true"');
  });
});
