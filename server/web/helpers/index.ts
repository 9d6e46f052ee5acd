import type { HelperDelegate } from 'handlebars';
import { breadcrumbBackLink } from './breadcrumb-back-link.ts';
import { capture } from './capture.ts';
import { cardLayout } from './card-layout.ts';
import { classNames, modifierClass } from './class-names.ts';
import { formatDateTime, isoDate } from './dates.ts';
import { documentTitle } from './document-title.ts';
import { letBlock } from './let.ts';
import { footerNavigation } from './footer-navigation.ts';
import { headerService } from './header-service.ts';
import { linkOrButton } from './link-or-button.ts';
import { and, array, concat, eq, fallback, includes, ne, not, or, params, trim } from './logic.ts';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { nhsukButtonModel } from './nhsuk-button.ts';
import { nhsukCharacterCountModel } from './nhsuk-character-count.ts';
import { nhsukChoicesModel } from './nhsuk-choices.ts';
import { nhsukDateInputModel } from './nhsuk-date-input.ts';
import { nhsukInputModel, nhsukSelectModel, nhsukTextareaModel } from './nhsuk-form-field.ts';
import {
  nhsukNotificationBannerClasses,
  nhsukSummaryListClasses,
  nhsukSummaryListHasActions,
  nhsukSummaryListRowClasses,
  nhsukTagClasses,
  nhsukWidthClasses,
} from './nhsuk-classes.ts';
import { nhsukIcon } from './nhsuk-icon.ts';
import { nhsukCaptionModel, nhsukHeadingModel, nhsukLabelModel, nhsukLegendModel } from './nhsuk-heading.ts';
import { nhsukActionItems, nhsukMappings, textOrHtml } from './nhsuk-options.ts';
import {
  nhsukTableAttributes,
  nhsukTableBodyRows,
  nhsukTableCaption,
  nhsukTableCaptionId,
  nhsukTableCard,
  nhsukTableHeadCells,
} from './nhsuk-table.ts';
import { nhsukWarningCalloutCard } from './nhsuk-warning-callout.ts';
import { paginationLink } from './pagination-link.ts';
import { hasPartialBlock } from './partial-block.ts';
import { roleLabel } from './role-label.ts';

/**
 * Every handlebars helper, by the name templates use. One helper (or a small family) per file,
 * each unit-tested against the real handlebars instance.
 */
export const helpers: Record<string, HelperDelegate> = {
  and,
  array,
  breadcrumbBackLink,
  capture,
  cardLayout,
  classNames,
  concat,
  default: fallback,
  documentTitle,
  eq,
  footerNavigation,
  formatDateTime,
  hasPartialBlock,
  headerService,
  includes,
  isoDate,
  let: letBlock,
  linkOrButton,
  modifierClass,
  ne,
  roleLabel,
  not,
  nhsukActionItems,
  nhsukAttributes,
  nhsukIcon,
  nhsukButtonModel,
  nhsukCharacterCountModel,
  nhsukDateInputModel,
  nhsukChoicesModel,
  nhsukInputModel,
  nhsukSelectModel,
  nhsukTextareaModel,
  nhsukCaptionModel,
  nhsukHeadingModel,
  nhsukLabelModel,
  nhsukLegendModel,
  nhsukMappings,
  nhsukNotificationBannerClasses,
  nhsukSummaryListClasses,
  nhsukSummaryListHasActions,
  nhsukSummaryListRowClasses,
  nhsukTableAttributes,
  nhsukTableBodyRows,
  nhsukTableCaption,
  nhsukTableCaptionId,
  nhsukTableCard,
  nhsukTableHeadCells,
  nhsukTagClasses,
  nhsukWarningCalloutCard,
  nhsukWidthClasses,
  or,
  paginationLink,
  params,
  textOrHtml,
  trim,
};
