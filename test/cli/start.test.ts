// `npm start` (scripts/start.ts) twice at once: each starts its own mocks on free ports, prints all four
// vendors in one table, stops its mocks and exits 0, with no credentials in the environment.
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/cli-runner.js';

describe('npm start', () => {
  it('runs twice concurrently: both exit 0 and print all four vendors', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const runs = await Promise.all([0, 1].map(() => runNode(['--import', 'tsx', 'scripts/start.ts'], {}, 110_000)));
    const elapsedMs = Date.now() - started;
    for (const run of runs) {
      expect(run.stderr).toMatch(/^Starting local mocks…/);
      for (const vendor of ['vercel', 'gcore', 'naver', 'huawei']) expect(run.stderr).toContain(`${vendor} ✓`);
      expect(run.code, run.stderr).toBe(0);
      const header = run.stdout.split('\n').find((line) => line.includes('vercel (image)'));
      expect(header).toMatch(/vercel \(image\) +vercel \(tag\) +gcore +naver +huawei/);
      expect(run.stdout).toMatch(/^digest +sha256:8f97cbaf0ddba145… +sha256:8f97cbaf0ddba145… +- +- +-$/m);
      expect(run.stdout).toMatch(/^updated +- +- +2024-05-05T14:51:26\.570Z +2024-03-31T23:41:28\.000Z +-$/m);
      expect(run.stdout).toMatch(/^os distro +- +- +ubuntu +- +Debian$/m);
    }
    // Both runs took their own ports and left nothing behind; time is reported, not asserted tightly (shared CI CPUs).
    expect(elapsedMs).toBeLessThan(110_000);
  });
});
