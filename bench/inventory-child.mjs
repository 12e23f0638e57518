// One inventory run for bench/inventory.mjs, in a fresh process: the CLI's main() on this process's stdio;
// then its exit code, run time and peak resident memory go to the parent over IPC.
import { main } from '../src/cli.ts';

const started = performance.now();
const code = await main(process.argv.slice(2));
const elapsedMs = performance.now() - started;
// Let stdout drain before reporting: the parent counts the lines.
await new Promise((resolve) => process.stdout.write('', resolve));
process.send({ type: 'done', code, elapsedMs, maxRssKB: process.resourceUsage().maxRSS });
process.exitCode = code;
process.disconnect();
