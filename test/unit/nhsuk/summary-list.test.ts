import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

checkFixtures('summary-list');
