import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

checkFixtures('warning-callout');
