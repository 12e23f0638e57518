// Every ```ts block of the README is compiled against the package's public entry points (mapped onto src/),
// with the project's strict compiler options: an example that no longer matches the API fails the tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${root}`), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

const ENTRY_POINTS: Record<string, string> = {
  'cloud-image-clients': 'src/index.ts',
  'cloud-image-clients/vercel': 'src/vercel.ts',
  'cloud-image-clients/gcore': 'src/gcore.ts',
  'cloud-image-clients/naver': 'src/naver.ts',
  'cloud-image-clients/huawei': 'src/huawei.ts',
};

function compile(sources: Record<string, string>): string[] {
  const configFile = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  options.noEmit = true;
  options.noUnusedLocals = false;
  options.paths = Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, file]) => [name, [`${root}${file}`]]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => sources[name] ?? readFile(name);
  host.fileExists = (name) => name in sources || fileExists(name);
  const program = ts.createProgram(Object.keys(sources), options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName in sources)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('README examples', () => {
  it('has a TypeScript example for the facade and for each vendor client', () => {
    const all = blocks.join('\n');
    expect(all).toContain("from 'cloud-image-clients'");
    for (const vendor of ['vercel', 'gcore', 'naver', 'huawei']) expect(all).toContain(`from 'cloud-image-clients/${vendor}'`);
  });

  it('every ```ts block compiles under the strict project settings', () => {
    // Each block is its own module (top-level await allowed), so they may reuse names.
    const sources = Object.fromEntries(blocks.map((code, i) => [`${root}test/readme/example-${i + 1}.ts`, `${code}\nexport {};\n`]));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(compile(sources)).toEqual([]);
  });

  it('a broken example is reported (the check itself works)', () => {
    const broken = `import { createVercelClient } from 'cloud-image-clients/vercel';\ncreateVercelClient({ token: 42 });\nexport {};\n`;
    expect(compile({ [`${root}test/readme/broken.ts`]: broken })).toHaveLength(1);
  });
});
