import { checkFixtures } from '../../support/nhsuk-fixtures.ts';

// The partial takes the macro's caller() content as meta.html, which the footer draws in the same place.
checkFixtures('footer', { callBlockAs: 'meta.html' });
