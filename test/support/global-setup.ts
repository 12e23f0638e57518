// Starts the Prism mocks once for the whole test run; tests read their URLs with inject('mockUrls').
import type { TestProject } from 'vitest/node';
import { startMocks, type MockVendor } from '../../scripts/mocks.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrls: Record<MockVendor, string>;
  }
}

export default async function setup(project: TestProject) {
  const mocks = await startMocks();
  project.provide('mockUrls', mocks.urls);
  return () => mocks.stop();
}
