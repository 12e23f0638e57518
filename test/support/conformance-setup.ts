// Runs in every test file (vitest setupFiles): a fake that answered off its vendor's spec fails the test it
// answered in (and, for anything answered outside a test, the file).
import { afterAll, afterEach } from 'vitest';
import { assertNoViolations } from './spec-conformance.js';

afterEach(() => assertNoViolations('this test'));
afterAll(() => assertNoViolations('this file (outside its tests)'));
