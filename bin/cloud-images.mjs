#!/usr/bin/env node
// Development launcher for a checkout (not shipped): runs the TypeScript source through tsx (a dev
// dependency). The published `cloud-images` bin is dist/src/cli.js, built by `npm run build`.
import { register } from 'tsx/esm/api';

register();
const cli = await import(new URL('../src/cli.ts', import.meta.url).href);
await cli.runMain(process.argv.slice(2));
