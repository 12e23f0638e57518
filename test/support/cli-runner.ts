// Runs the CLI as a child process (`node --import tsx src/cli.ts …`) with only the environment given.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * `env` replaces the environment (PATH is kept): the developer's real credentials never reach a test.
 * `input`, when given, is written to the child's stdin, which is then closed.
 */
export function runNode(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 30_000, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env }, encoding: 'buffer', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null;
        if (error !== null && code === null) {
          reject(error);
          return;
        }
        resolve({ code, stdout: stdout.toString('utf8'), stdoutBytes: stdout, stderr: stderr.toString('utf8') });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  return runNode(['--import', 'tsx', 'src/cli.ts', ...args], env, 30_000, input);
}

/** The line the CLI writes, once per run, for an endpoint that is not the vendor's default. */
export function endpointNote(vendor: string, url: string): string {
  return `note: ${vendor} requests go to ${url} (not the vendor's default endpoint)\n`;
}

const NOTE_LINE = /^note: [a-z]+ requests go to \S+ \(not the vendor's default endpoint\)\n/;

/**
 * stderr after its leading endpoint notes, for tests about what follows (the notes themselves are tested in
 * cli-endpoints.test.ts; secrets are looked for in the whole of stderr).
 */
export function afterEndpointNotes(stderr: string): string {
  let rest = stderr;
  for (let m = NOTE_LINE.exec(rest); m !== null; m = NOTE_LINE.exec(rest)) rest = rest.slice(m[0].length);
  return rest;
}
