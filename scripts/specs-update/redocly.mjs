// Runs the pinned Redocly CLI (node_modules/@redocly/cli) as a child process, with a config file written into a
// temporary directory so the repo's redocly.yaml never leaks into a step that must not see it.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const CLI = fileURLToPath(new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));

// No telemetry, no update check: this must work offline and say nothing about the project to anyone.
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** Runs `redocly <args>`; resolves with { code, stdout, stderr } whatever the exit code. */
export function redocly(args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: ENV, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Writes a Redocly config object as YAML into `dir` and returns its path. */
export async function writeConfig(dir, name, config) {
  const file = join(dir, name);
  await writeFile(file, stringify(config));
  return file;
}

/** Redocly's own output without the Node 20 end-of-life banner it prints on every run. */
export function cleanOutput({ stdout, stderr }) {
  return `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => !/[║╔╚]/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
