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

/** `env` replaces the environment (PATH is kept): the developer's real credentials never reach a test. */
export function runNode(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
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
  });
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runNode(['--import', 'tsx', 'src/cli.ts', ...args], env);
}
