import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

// The partial takes the macro's caller() content as description.html, which the card draws in the same place.
checkFixtures('card', { callBlockAs: 'description.html' });
