import { searchSuite } from '../support/search-suite.ts';
import { createTestApp } from '../support/test-app.ts';

searchSuite(() => createTestApp());
