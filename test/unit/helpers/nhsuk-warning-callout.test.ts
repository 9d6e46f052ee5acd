import { describe, expect, it } from 'vitest';
import { nhsukWarningCalloutCard } from '../../../server/web/helpers/nhsuk-warning-callout.ts';

describe('nhsukWarningCalloutCard', () => {
  it('is a warning card whose heading is announced as important', () => {
    expect(nhsukWarningCalloutCard({ heading: 'School, nursery or work', text: 'Stay away.' })).toMatchObject({
      variant: 'warning',
      heading: { text: 'School, nursery or work', visuallyHiddenText: 'Important', level: 3 },
      description: { text: 'Stay away.' },
    });
  });

  it('does not repeat "Important" when the heading says it', () => {
    const card = nhsukWarningCalloutCard({ heading: { text: 'Important', level: 2 } });
    expect(card.heading).toMatchObject({ text: 'Important', visuallyHiddenText: undefined, level: 2 });
  });
});
