// The inventory benchmark's quick run (a tenth of the images): it completes, every image is printed once at
// 1x and 10x, and the table is printed. The full-size figures come from `npm run bench -- --inventory`.
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/cli-runner.js';

describe('bench/inventory.mjs --quick', () => {
  it('lists 2,115 and 21,150 images, each once, with exit 0', async () => {
    const run = await runNode(['bench/inventory.mjs', '--quick'], {}, 120_000);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| 1x +\| +2115 \| +yes \| +0 \|/);
    expect(run.stdout).toMatch(/\| 10x +\| +21150 \| +yes \| +0 \|/);
    expect(run.stdout).toMatch(/Peak RSS 10x \/ 1x: [\d.]+/);
  }, 180_000);
});
