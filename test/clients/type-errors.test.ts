// Keeps the @ts-expect-error directives of clients.test-d.ts honest. A directive only says "some error on
// the next line"; this compiles the file with the directives removed and checks that every directive's
// line gets exactly ONE error, with the code and the message fragment the directive names, and that no
// other line has an error (so the correct calls really compile).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = fileURLToPath(new URL('./clients.test-d.ts', import.meta.url));

const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error TS(\d+) `([^`]+)`/;

interface Expectation {
  /** 1-based line the error must be on (the one after the directive). */
  line: number;
  code: number;
  fragment: string;
}

function expectationsAndStripped(source: string): { expectations: Expectation[]; stripped: string } {
  const lines = source.split('\n');
  const expectations: Expectation[] = [];
  lines.forEach((text, i) => {
    if (!text.includes('@ts-expect-error')) return;
    const m = DIRECTIVE.exec(text);
    if (m === null) {
      // Only the header comment may mention the directive without being one.
      if (/^\s*\/\/ @ts-expect-error/.test(text)) throw new Error(`line ${i + 1}: directive without TSnnnn \`fragment\`: ${text.trim()}`);
      return;
    }
    expectations.push({ line: i + 2, code: Number(m[2]), fragment: m[3]! });
    lines[i] = `${m[1]}// (directive removed)`;
  });
  return { expectations, stripped: lines.join('\n') };
}

function compile(fileName: string, text: string): readonly ts.Diagnostic[] {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (configPath === undefined) throw new Error('tsconfig.json not found');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (config === undefined) throw new Error('tsconfig.json unreadable');
  const host = ts.createCompilerHost(config.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, text, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  const program = ts.createProgram({ rootNames: [fileName], options: config.options, host });
  const file = program.getSourceFile(fileName);
  if (file === undefined) throw new Error('file not in program');
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
}

describe('clients.test-d.ts: every @ts-expect-error expects the error it claims', () => {
  it('each directive line has exactly its one error; no other line has any', () => {
    const { expectations, stripped } = expectationsAndStripped(readFileSync(target, 'utf8'));
    expect(expectations.length).toBeGreaterThanOrEqual(20);
    const diagnostics = compile(target, stripped);

    const actual = diagnostics.map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : -1;
      return { line, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
    const unexpected = actual.filter((a) => !expectations.some((e) => e.line === a.line));
    expect(unexpected, 'errors on lines without a directive').toEqual([]);

    for (const e of expectations) {
      const here = actual.filter((a) => a.line === e.line);
      expect(here.map((a) => `TS${a.code}`), `line ${e.line}`).toEqual([`TS${e.code}`]);
      expect(here[0]?.message, `line ${e.line}`).toContain(e.fragment);
    }
  }, 60_000);
});
