import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

checkFixtures('skip-link');
