import { isOptionsObject } from './nhsuk-options.ts';

export type HeaderService = {
  /** Where the logo links, if anywhere. */
  href: unknown;
  /** The logo link's accessible name. */
  ariaLabel: string;
  /** Whether the service name sits inside the logo link rather than beside it. */
  combined: boolean;
  logo: Record<string, unknown>;
  organisation: unknown;
  service: Record<string, unknown>;
};

/**
 * `{{#with (headerService this)}}`: how nhsuk-frontend's header lays out its logo and service name.
 * They share one link when only the service name has an `href`, or both have the same one, so the
 * page does not have two adjacent links to the same place.
 */
export function headerService(options: unknown): HeaderService {
  const params = isOptionsObject(options) ? options : {};
  const logo = isOptionsObject(params.logo) ? params.logo : {};
  const service = isOptionsObject(params.service) ? params.service : {};
  const organisation = isOptionsObject(params.organisation) ? params.organisation : {};
  const hasText = typeof service.text === 'string' ? service.text.length > 0 : Boolean(service.text);
  const combined = Boolean((hasText && service.href && !logo.href) || (service.href && service.href == logo.href));
  const logoAlt = logo.alt === undefined ? 'NHS' : logo.alt;
  const ariaLabel = logo.ariaLabel
    ? String(logo.ariaLabel)
    : [logoAlt, organisation.name, organisation.split, combined ? service.text : undefined, 'homepage']
        .filter((part): part is string => typeof part === 'string')
        .join(' ');
  return {
    href: combined ? service.href : logo.href,
    ariaLabel,
    combined,
    logo,
    organisation: params.organisation,
    service,
  };
}
