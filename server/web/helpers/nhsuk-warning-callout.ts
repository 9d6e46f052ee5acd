import { orDefault, textOrHtml } from './nhsuk-options.ts';

type Options = Record<string, unknown>;

/**
 * A warning callout is a card with the warning variant; this gives that card's options as the
 * design system's template builds them. Screen readers hear "Important: " before a heading that
 * does not already say so.
 */
export function nhsukWarningCalloutCard(params: Options): Options {
  const heading = textOrHtml(params.heading);
  const text = typeof heading.text === 'string' ? heading.text : heading.text ? String(heading.text) : '';
  const saysImportant = text.includes('Important') || text.includes('important');
  return {
    id: params.id,
    heading: {
      id: heading.id,
      text: heading.text,
      html: heading.html,
      visuallyHiddenText:
        text && !saysImportant ? orDefault(heading.visuallyHiddenText, params.visuallyHiddenText) || 'Important' : undefined,
      level: orDefault(orDefault(heading.level, params.headingLevel), 3),
      classes: orDefault(heading.classes, params.headingClasses),
      attributes: heading.attributes,
    },
    description: { text: params.text, html: params.html },
    actions: params.actions,
    classes: params.classes,
    attributes: params.attributes,
    variant: 'warning',
  };
}
