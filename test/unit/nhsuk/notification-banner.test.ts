import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

checkFixtures('notification-banner');
