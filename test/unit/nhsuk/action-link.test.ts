import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

// The partial takes the macro's caller() content as its html option.
checkFixtures('action-link', { callBlockAs: 'html' });
