#!/usr/bin/env node
// The `cloud-images` command. In a checkout (src/cli.ts present) it runs the TypeScript source through tsx
// (a dev dependency); in a built package it runs dist/cli.js.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL('../dist/cli.js', import.meta.url).href);
}
await cli.runMain(process.argv.slice(2));
