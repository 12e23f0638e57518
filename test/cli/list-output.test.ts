// The output writers of `cloud-images list` (src/cli/output.ts), in process: each format, streaming (a line
// is written before the next image exists), backpressure, a stream that fails midway, hostile vendor
// strings; and the CLI's default format on a terminal and on a pipe.
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli.js';
import { writeSummaries, type OutputSink } from '../../src/cli/output.js';
import { ApiError } from '../../src/errors.js';
import type { ImageSummary } from '../../src/summary/types.js';
import { expectedIds, DEFAULT_SHAPE, LISTING_ENV, startListingServer, type ListingServer } from '../support/vendor-listings.js';

function summary(fields: Partial<ImageSummary> = {}): ImageSummary {
  return {
    vendor: 'gcore',
    id: 'id-1',
    repository: null,
    name: 'ubuntu',
    tags: [],
    labels: {},
    digest: null,
    sizeBytes: 2048,
    os: 'linux',
    osDistro: 'ubuntu',
    osVersion: '22.04',
    architecture: 'x86_64',
    status: 'active',
    createdAt: '2024-05-05T14:51:26.570Z',
    updatedAt: null,
    baseImages: [],
    raw: { id: 'id-1' } as never,
    ...fields,
  } as ImageSummary;
}

async function* from(items: readonly ImageSummary[], failAfter?: number): AsyncGenerator<ImageSummary> {
  for (const [i, item] of items.entries()) {
    if (i === failAfter) throw new ApiError({ vendor: 'gcore', message: 'boom', status: 500 });
    yield item;
  }
  if (failAfter === items.length) throw new ApiError({ vendor: 'gcore', message: 'boom', status: 500 });
}

function sink() {
  const chunks: string[] = [];
  return { sink: { write: (chunk: string) => chunks.push(chunk) } satisfies OutputSink, text: () => chunks.join(''), chunks };
}

describe('writeSummaries', () => {
  it('ndjson: one JSON object a line, raw included, control characters escaped by JSON', async () => {
    const out = sink();
    const count = await writeSummaries(from([summary(), summary({ id: 'id-2', name: 'evil\u001b[2J\nname' })]), 'ndjson', out.sink);
    expect(count).toBe(2);
    const lines = out.text().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual(summary());
    expect(JSON.parse(lines[1]!).name).toBe('evil\u001b[2J\nname');
    expect(out.text()).not.toContain('\u001b');
  });

  it('json: one array; an empty listing is []', async () => {
    const two = sink();
    await writeSummaries(from([summary(), summary({ id: 'id-2' })]), 'json', two.sink);
    expect(JSON.parse(two.text()).map((s: ImageSummary) => s.id)).toEqual(['id-1', 'id-2']);
    const none = sink();
    await writeSummaries(from([]), 'json', none.sink);
    expect(JSON.parse(none.text())).toEqual([]);
  });

  it('json: a stream that fails midway leaves the array open (a parser notices the cut) and throws', async () => {
    const out = sink();
    await expect(writeSummaries(from([summary(), summary()], 1), 'json', out.sink)).rejects.toMatchObject({ status: 500 });
    expect(() => JSON.parse(out.text())).toThrow();
    expect(out.text()).toContain('"id-1"');
  });

  it('csv: a header, then one row an image; commas and quotes quoted, a newline shown as \\u000a (one line a row); formula-like cells defused', async () => {
    const out = sink();
    await writeSummaries(
      from([
        summary({ name: 'comma, "quote"\nand newline', tags: ['latest', 'v1'], labels: { team: 'payments' } }),
        summary({ name: '=HYPERLINK("http://x")', id: '+1', repository: '@evil', status: '-2' }),
      ]),
      'csv',
      out.sink,
    );
    const text = out.text();
    expect(text.split('\n')[0]).toBe('vendor,id,repository,name,tags,digest,sizeBytes,os,osDistro,osVersion,architecture,status,createdAt,updatedAt,labels,baseImages');
    expect(text).toContain('gcore,id-1,,"comma, ""quote""\\u000aand newline",latest v1,,2048,linux,ubuntu,22.04,x86_64,active,2024-05-05T14:51:26.570Z,,"{""team"":""payments""}",\n');
    expect(text).toContain(`gcore,'+1,'@evil,"'=HYPERLINK(""http://x"")",,,2048,linux,ubuntu,22.04,x86_64,'-2,`);
  });

  it('table: a header, fixed-width rows, a count; control characters shown, long cells cut', async () => {
    const out = sink();
    await writeSummaries(from([summary({ name: `x\u001b[31m${'n'.repeat(60)}` })]), 'table', out.sink);
    const [header, row, count] = out.text().split('\n');
    expect(header).toMatch(/^VENDOR +REPOSITORY +NAME +TAGS +ID +DIGEST +SIZE +OS\/ARCH +CREATED +UPDATED$/);
    expect(row).toMatch(/^gcore +- +x\\u001b\[31mn+… +- +id-1 +- +2\.0 KiB +linux\/x86_64 +2024-05-05T14:51:26\.570Z +-$/);
    expect(out.text()).not.toContain('\u001b');
    expect(count).toBe('(1 image)');
  });

  it('streams: an image is written before the next one exists', async () => {
    const out = sink();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield summary({ id: 'first' });
      await gate; // the second image only comes once the first was written
      yield summary({ id: 'second' });
    }
    const writing = writeSummaries(slow(), 'ndjson', out.sink);
    await expect.poll(() => out.text()).toContain('"first"');
    expect(out.text()).not.toContain('"second"');
    release();
    await writing;
    expect(out.text()).toContain('"second"');
  });

  it('backpressure: when write returns false, nothing more is written until drain', async () => {
    const emitter = new EventEmitter();
    const chunks: string[] = [];
    const full: OutputSink = {
      write: (chunk) => (chunks.push(chunk), false),
      once: (event, listener) => emitter.once(event, listener),
      removeListener: (event, listener) => emitter.removeListener(event, listener),
    };
    const writing = writeSummaries(from([summary({ id: 'a' }), summary({ id: 'b' }), summary({ id: 'c' })]), 'ndjson', full);
    await expect.poll(() => chunks.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chunks).toHaveLength(1);
    emitter.emit('drain');
    await expect.poll(() => chunks.length).toBe(2);
    emitter.emit('drain');
    await expect.poll(() => chunks.length).toBe(3);
    emitter.emit('drain');
    await writing;
    expect(chunks.map((c) => JSON.parse(c).id)).toEqual(['a', 'b', 'c']);
    expect(emitter.listenerCount('drain') + emitter.listenerCount('close') + emitter.listenerCount('error')).toBe(0);
  });
});

describe('cloud-images list in process: default format and --format', () => {
  let server: ListingServer;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    server = await startListingServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    for (const [name, value] of Object.entries(LISTING_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  function fakeIo(isTTY: boolean) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: { write: (chunk) => out.push(String(chunk)), isTTY }, stderr: { write: (chunk) => err.push(chunk) }, env: {} };
    return { io, text: () => out.join(''), err: () => err.join('') };
  }
  const GCORE = () => ['list', 'gcore', '--project-id', '1', '--region-id', '7', '--base-url', server.url];

  it('a terminal gets the table, a pipe NDJSON', async () => {
    const tty = fakeIo(true);
    expect(await main(GCORE(), tty.io)).toBe(0);
    expect(tty.text()).toMatch(/^VENDOR +REPOSITORY/);
    expect(tty.text()).toContain(`(${DEFAULT_SHAPE.gcore} images)`);
    const pipe = fakeIo(false);
    expect(await main(GCORE(), pipe.io)).toBe(0);
    expect(pipe.text().trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(expectedIds(DEFAULT_SHAPE).gcore);
  });

  it('--format json / csv / table override the default', async () => {
    const json = fakeIo(true);
    expect(await main([...GCORE(), '--format', 'json'], json.io)).toBe(0);
    expect(JSON.parse(json.text())).toHaveLength(DEFAULT_SHAPE.gcore);
    const csv = fakeIo(true);
    expect(await main([...GCORE(), '--format', 'csv'], csv.io)).toBe(0);
    expect(csv.text()).toMatch(/^vendor,id,repository,name,/);
    expect(csv.text()).toContain('"comma, ""quote""\\u000aand newline"');
    const table = fakeIo(false);
    expect(await main([...GCORE(), '--format', 'table'], table.io)).toBe(0);
    expect(table.text()).toMatch(/^VENDOR /);
  });
});
