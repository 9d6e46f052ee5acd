import { checkAllFixtures } from './_fixture-extras.ts';

checkAllFixtures('error-summary');
