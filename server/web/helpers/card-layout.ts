import Handlebars from 'handlebars';
import { isOptionsObject, textOrHtml, type TextOrHtml } from './nhsuk-options.ts';

const VARIANTS = ['feature', 'primary', 'secondary', 'warning'];
const CARE_VARIANTS = ['non-urgent', 'urgent', 'emergency'];
const HEADING_SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl'];
const CARE_HIDDEN_TEXT: Record<string, string> = {
  emergency: 'Immediate action required',
  urgent: 'Urgent advice',
  'non-urgent': 'Non-urgent advice',
};

export type CardHeading = TextOrHtml & {
  element: string;
  headingClasses: string;
  visuallyHiddenText?: unknown;
  /** Whether the heading text links to the card's `href`. */
  linked: boolean;
};

export type CardLayout = {
  // Not `classNames`: a context key named like a helper is shadowed by the helper in templates.
  cardClasses: string;
  id?: unknown;
  href?: unknown;
  attributes?: unknown;
  isCareCard: boolean;
  heading?: CardHeading;
  description: TextOrHtml;
  actions: Record<string, unknown>[];
  actionsClasses?: unknown;
  /** The card heading, named (in brackets) inside each action for screen readers. */
  actionHeading?: unknown;
  image?: Record<string, unknown>;
  chevron: boolean;
};

const isSafe = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;
const has = (classes: string, names: string[]): boolean => names.some((name) => classes.includes(name));

function headingElement(level: unknown): string {
  // The card defaults the level to 2; the heading component turns any other empty level into 1.
  const tag = `h${level === undefined ? 2 : level || 1}`.toLowerCase();
  return /^[a-z][a-z0-9]*$/.test(tag) ? tag : 'h2';
}

/**
 * `{{#with (cardLayout this)}}`: everything nhsuk-frontend's card template works out before it
 * writes markup: the class list, the heading (with the deprecated `headingText`-style options and
 * care-card wording), description, actions and image, so the partial only lays them out.
 */
export function cardLayout(options: unknown): CardLayout {
  const params = isOptionsObject(options) ? options : {};
  const variant = params.variant || params.type;
  const classes = typeof params.classes === 'string' ? params.classes : '';

  const heading: Record<string, unknown> = isOptionsObject(params.heading)
    ? params.heading
    : {
        id: params.headingId,
        text: typeof params.heading === 'string' ? params.heading : undefined,
        html: isSafe(params.heading) ? params.heading : params.headingHtml,
        visuallyHiddenText: params.headingVisuallyHiddenText,
        size: params.headingSize,
        level: params.headingLevel,
        classes: params.headingClasses,
      };
  const hasHeading = Boolean(heading.text || heading.html);

  const classList = ['nhsuk-card'];
  for (const flag of ['clickable', 'feature', 'primary', 'secondary', 'warning']) {
    if (params[flag]) classList.push(`nhsuk-card--${flag}`);
  }
  if (typeof variant === 'string' && VARIANTS.includes(variant) && !has(classes, VARIANTS.map((v) => `nhsuk-card--${v}`))) {
    classList.push(`nhsuk-card--${variant}`);
  }
  const isCareCard = typeof variant === 'string' && CARE_VARIANTS.includes(variant) && hasHeading;
  if (isCareCard && !has(classes, CARE_VARIANTS.map((v) => `nhsuk-card--care--${v}`))) {
    classList.push(`nhsuk-card--care nhsuk-card--care--${variant}`);
  }
  if (classes) classList.push(classes);
  const classNames = classList.join(' ');

  let cardHeading: CardHeading | undefined;
  if (hasHeading) {
    const headingClasses = typeof heading.classes === 'string' ? heading.classes : '';
    const size = typeof heading.size === 'string' ? heading.size : '';
    const sized = HEADING_SIZES.includes(size) && !has(headingClasses, HEADING_SIZES.map((s) => `nhsuk-heading-${s}`));
    const careHiddenText = heading.visuallyHiddenText
      ? String(heading.visuallyHiddenText).trim()
      : (CARE_HIDDEN_TEXT[String(variant)] ?? CARE_HIDDEN_TEXT['non-urgent']);
    cardHeading = {
      ...heading,
      element: headingElement(heading.level),
      headingClasses: ['nhsuk-card__heading', sized ? `nhsuk-heading-${size}` : '', headingClasses].filter(Boolean).join(' '),
      visuallyHiddenText: isCareCard ? careHiddenText : heading.visuallyHiddenText,
      linked: Boolean(heading.text && params.href && !classNames.includes('nhsuk-card--feature')),
    };
  }

  const actionsOption = params.actions;
  let actions: unknown[] = Array.isArray(actionsOption) ? actionsOption.filter(isOptionsObject) : [];
  if (!actions.length && isOptionsObject(actionsOption) && Array.isArray(actionsOption.items)) {
    actions = actionsOption.items.filter(isOptionsObject);
  }

  const actionHeading = textOrHtml(params.heading);

  return {
    cardClasses: classNames,
    id: params.id,
    href: params.href,
    attributes: params.attributes,
    isCareCard,
    heading: cardHeading,
    description: textOrHtml(params.description, { html: params.descriptionHtml }),
    actions: actions as Record<string, unknown>[],
    actionsClasses: isOptionsObject(actionsOption) ? actionsOption.classes : undefined,
    actionHeading: actionHeading.html || actionHeading.text,
    image:
      params.imgURL || params.imgALT
        ? { src: params.imgURL, alt: params.imgALT }
        : isOptionsObject(params.image)
          ? params.image
          : undefined,
    chevron: classNames.includes('nhsuk-card--primary'),
  };
}
