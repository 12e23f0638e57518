// `npm start` (scripts/start.ts) twice at once: each starts its own mocks on free ports, prints all four
// vendors in one table, lists every vendor's images (a few rows and a count each), stops its mocks and
// exits 0, with no credentials in the environment.
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

      // The listings: a table of the first rows of each vendor, then the counts.
      const listing = run.stdout.slice(run.stdout.indexOf('Every image of each vendor'), run.stdout.indexOf('Cross-cloud inventory'));
      expect(listing).toMatch(/^VENDOR +REPOSITORY +NAME +TAGS +ID +DIGEST +SIZE +OS\/ARCH +CREATED +UPDATED$/m);
      expect(listing).toMatch(/^vercel +my-app +- +latest,v1\.4\.2 +img_a1b2c3d4e5f6 /m);
      expect(listing).toMatch(/^gcore +- +ubuntu-20\.10-x64 /m);
      expect(listing).toMatch(/^naver +ncpdocker +team\/app /m);
      expect(listing).toMatch(/^huawei +scc_hss_container +proxy-agent +24\.5\.0-x86_64 +111 /m);
      for (const vendor of ['vercel', 'gcore', 'naver', 'huawei']) {
        const rows = listing.split('\n').filter((line) => line.startsWith(`${vendor} `));
        expect(rows.length, vendor).toBeGreaterThan(0);
        expect(rows.length, vendor).toBeLessThanOrEqual(3);
      }
      expect(listing).toMatch(/^Images listed: vercel 9, gcore 2, naver 4, huawei 2$/m);
      // The inventory of the same scopes at once: the same counts.
      expect(run.stdout).toMatch(/^Inventory: 17 images \(vercel 9, gcore 2, naver 4, huawei 2\); 4 scopes listed, 0 failed$/m);
    }
    // Both runs took their own ports and left nothing behind; time is reported, not asserted tightly (shared CI CPUs).
    expect(elapsedMs).toBeLessThan(110_000);
  });
});
