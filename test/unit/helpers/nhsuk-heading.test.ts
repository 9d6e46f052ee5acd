import { describe, expect, it } from 'vitest';
import {
  nhsukCaptionModel,
  nhsukHeadingModel,
  nhsukLabelModel,
  nhsukLegendModel,
} from '../../../server/web/helpers/nhsuk-heading.ts';

describe('nhsukCaptionModel', () => {
  it('replaces the base class with a sized one and marks captions placed after', () => {
    expect(nhsukCaptionModel({ size: 'l', placement: 'after' }).classAttr).toBe('nhsuk-caption-l nhsuk-caption--bottom');
  });

  it('lets a size class win over the size option', () => {
    expect(nhsukCaptionModel({ size: 'l', classes: 'nhsuk-caption-m' }).classAttr).toBe('nhsuk-caption nhsuk-caption-m');
  });

  it('never writes an unsafe tag name', () => {
    expect(nhsukCaptionModel({ element: 'p onclick=x' }).element).toBe('span');
    expect(nhsukCaptionModel({ element: 'P' }).element).toBe('p');
  });
});

describe('nhsukHeadingModel', () => {
  it('adds a size modifier to a label-like class and passes the size to the caption', () => {
    const model = nhsukHeadingModel({ className: 'nhsuk-label', classPrefix: 'nhsuk-label--', size: 'm', caption: 'About you' });
    expect(model.classAttr).toBe('nhsuk-label nhsuk-label--m');
    expect(model.caption).toMatchObject({ text: 'About you', size: 'm' });
    expect(model.captionAtStart).toBe(true);
  });

  it('defaults to an h1 of the given level', () => {
    expect(nhsukHeadingModel({ text: 'x', level: 3 }).element).toBe('h3');
    expect(nhsukHeadingModel({ text: 'x' }).element).toBe('h1');
  });
});

describe('nhsukLabelModel', () => {
  it('wraps the label in a heading when asked to, at the heading level', () => {
    const model = nhsukLabelModel({ heading: { text: 'Name', level: 2 }, size: 'l', for: 'name' });
    expect(model).toMatchObject({ hasHeading: true, wrapper: { element: 'h2' }, label: { text: 'Name', size: 'l' } });
    expect(String((model.label as { attributes: unknown }).attributes)).toBe(' for="name"');
  });

  it('ignores the heading when isPageHeading is false', () => {
    expect(nhsukLabelModel({ heading: 'Name', isPageHeading: false })).toMatchObject({ hasHeading: false, hasContent: true });
  });
});

describe('nhsukLegendModel', () => {
  it('reads a bare legend as text and sizes the legend, not the heading', () => {
    expect(nhsukLegendModel('Where?')).toMatchObject({ hasHeading: false, classAttr: 'nhsuk-fieldset__legend' });
    const model = nhsukLegendModel({ heading: 'Where?', size: 'l' });
    expect(model).toMatchObject({
      hasHeading: true,
      classAttr: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--l',
      inner: { className: 'nhsuk-fieldset__heading', text: 'Where?' },
    });
  });
});
