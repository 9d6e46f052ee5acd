import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

checkFixtures('error-summary');
