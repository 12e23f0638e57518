// Where credentials may go, in the library: plain http only to this machine unless `allowInsecureHttp` says
// otherwise, checked when a client is made and again before every request (a per-call `baseUrl` too); an
// endpoint carrying credentials or a query is refused without being quoted; a `dispatcher` of the caller's
// own carries every request.
import { MockAgent, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { createGcoreClient } from '../../src/gcore.js';
import { createHuaweiClient } from '../../src/huawei.js';
import { getImage } from '../../src/image.js';
import { createNaverClient } from '../../src/naver.js';
import { createTransport } from '../../src/transport.js';
import { createDefaultWire as createEdgeWire } from '../../src/transport/wire-fetch.js';
import { ValidationError } from '../../src/errors.js';
import { createVercelClient } from '../../src/vercel.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { gcoreImage } from '../support/vendor-bodies.js';

const TOKEN = 'vercel_live_abcdefghijklmnopqrstuvwxyz0123';

const FACTORIES = {
  vercel: (options: Record<string, unknown>) => createVercelClient({ token: TOKEN, ...options }),
  gcore: (options: Record<string, unknown>) => createGcoreClient({ apiKey: TOKEN, ...options }),
  naver: (options: Record<string, unknown>) => createNaverClient({ accessKey: 'AK123456', secretKey: TOKEN, ...options }),
  huawei: (options: Record<string, unknown>) => createHuaweiClient({ token: TOKEN, ...options }),
};

function refusal(make: () => unknown): ValidationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('plain http to another machine', () => {
  for (const [vendor, make] of Object.entries(FACTORIES)) {
    it(`${vendor}: refused when the client is made, naming allowInsecureHttp; nothing is sent`, () => {
      const fake = fakeFetch(() => ({ body: '{}' }));
      const error = refusal(() => make({ baseUrl: 'http://registry.example.com:8080/api', fetch: fake.fetch }));
      expect(error.message).toBe(
        'Refused to send to http://registry.example.com:8080: plain http to another machine would carry the credentials in clear. Use https, or pass allowInsecureHttp: true. Nothing was sent.',
      );
      expect(error.field).toBe('baseUrl');
      expect(fake.requests).toHaveLength(0);
    });
  }

  it('allowed with allowInsecureHttp: true', async () => {
    const fake = fakeFetch(() => ({ body: JSON.stringify(gcoreImage({ id: 'img' })) }));
    const client = createGcoreClient({ apiKey: TOKEN, baseUrl: 'http://registry.example.com', fetch: fake.fetch, allowInsecureHttp: true });
    await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 1, region_id: 7, image_id: 'img' } } });
    expect(fake.requests.map((r) => r.url.origin)).toEqual(['http://registry.example.com']);
  });

  it.each(['http://127.0.0.1:4010', 'http://127.9.8.7', 'http://[::1]:4010', 'http://localhost:4010', 'http://LOCALHOST', 'https://registry.example.com'])(
    '%s needs nothing',
    async (baseUrl) => {
      const fake = fakeFetch(() => ({ body: JSON.stringify(gcoreImage({ id: 'img' })) }));
      const client = createGcoreClient({ apiKey: TOKEN, baseUrl, fetch: fake.fetch });
      await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 1, region_id: 7, image_id: 'img' } } });
      expect(fake.requests).toHaveLength(1);
    },
  );

  it.each(['http://127.0.0.1.example.com', 'http://localhost.example.com', 'http://10.0.0.1', 'http://[::2]', 'http://0.0.0.0'])('%s is another machine', (baseUrl) => {
    expect(refusal(() => createGcoreClient({ apiKey: TOKEN, baseUrl })).message).toMatch(/^Refused to send to http:/);
  });

  it('a per-call baseUrl is checked before that request is sent', async () => {
    const fake = fakeFetch(() => ({ body: '{}' }));
    const client = createGcoreClient({ apiKey: TOKEN, baseUrl: 'https://api.gcore.test', fetch: fake.fetch, throwOnError: true });
    const call = client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', {
      baseUrl: 'http://collector.example.com',
      params: { path: { project_id: 1, region_id: 7, image_id: 'img' } },
    });
    await expect(call).rejects.toThrow(/^Refused to send to http:\/\/collector\.example\.com: .*allowInsecureHttp/);
    expect(fake.requests).toHaveLength(0);
  });

  it('the transport used directly refuses it too', async () => {
    const fake = fakeFetch(() => ({ body: '{}' }), { unspecified: 'the transport alone, at a path that is no vendor operation' });
    const transport = createTransport({ vendor: 'vercel', fetch: fake.fetch });
    await expect(transport('http://collector.example.com/x')).rejects.toBeInstanceOf(ValidationError);
    await transport('http://127.0.0.1:1/x');
    expect(fake.requests.map((r) => r.url.host)).toEqual(['127.0.0.1:1']);
  });

  it('the facade returns the refusal as a validation error', async () => {
    const fake = fakeFetch(() => ({ body: '{}' }));
    const result = await getImage({ vendor: 'gcore', projectId: 1, regionId: 7, image: 'i' }, { apiKey: TOKEN, baseUrl: 'http://gcore.example.com', fetch: fake.fetch });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('validation');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('an endpoint carrying a secret', () => {
  it.each([
    ['https://api.example.com/?access_token=SECRETVALUE123', /must not have a query or fragment/],
    ['https://api.example.com/#SECRETVALUE123', /must not have a query or fragment/],
    ['https://bot:SECRETVALUE123@api.example.com', /must not carry credentials/],
    ['https://SECRETVALUE123@api.example.com', /must not carry credentials/],
    ['ftp://SECRETVALUE123.example.com', /must be an http\(s\) URL, not ftp:/],
    ['SECRETVALUE123', /must be an absolute http\(s\) URL/],
  ])('%s: refused without quoting it', (baseUrl, message) => {
    const fake = fakeFetch(() => ({ body: '{}' }));
    const error = refusal(() => createVercelClient({ token: TOKEN, baseUrl, fetch: fake.fetch }));
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error.toJSON())).not.toContain('SECRETVALUE123');
    expect(String(error.stack)).not.toContain('SECRETVALUE123');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('dispatcher', () => {
  it('every request goes through the dispatcher given (here a MockAgent that allows no real connection)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.gcore.com')
      .intercept({ path: '/cloud/v1/images/1/7/img', method: 'GET' })
      .reply(200, { id: 'img', name: 'through the dispatcher' }, { headers: { 'content-type': 'application/json' } });
    const client = createGcoreClient({ apiKey: TOKEN, dispatcher: agent, retries: 0 });
    const { data } = await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 1, region_id: 7, image_id: 'img' } } });
    expect(data).toMatchObject({ name: 'through the dispatcher' });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('the per-attempt timeouts go with every dispatch', async () => {
    const seen: Dispatcher.DispatchOptions[] = [];
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.gcore.com').intercept({ path: /.*/ }).reply(200, {}, { headers: { 'content-type': 'application/json' } });
    const recording = Object.assign(Object.create(agent) as Dispatcher, {
      dispatch: (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        seen.push(options);
        return agent.dispatch(options, handler);
      },
    });
    const client = createGcoreClient({ apiKey: TOKEN, dispatcher: recording, timeoutMs: 1234 });
    await client.GET('/cloud/v1/images/{project_id}/{region_id}/{image_id}', { params: { path: { project_id: 1, region_id: 7, image_id: 'img' } } });
    expect(seen).toMatchObject([{ origin: 'https://api.gcore.com', headersTimeout: 1234, bodyTimeout: 1234 }]);
    await agent.close();
  });

  it('the edge build (fetch wire) refuses a dispatcher instead of ignoring it', () => {
    expect(() => createEdgeWire(new MockAgent())).toThrow(/only the Node build sends through undici/);
  });

  it('fetch and dispatcher together are refused', () => {
    const fake = fakeFetch(() => ({ body: '{}' }));
    expect(refusal(() => createVercelClient({ token: TOKEN, fetch: fake.fetch, dispatcher: new MockAgent() })).message).toMatch(/pass fetch or dispatcher, not both/);
  });
});

describe('inventory scopes', () => {
  it('a scope on plain http to another machine fails (nothing sent) unless it says allowInsecureHttp', async () => {
    const { inventory } = await import('../../src/inventory.js');
    const fake = fakeFetch(() => ({ body: JSON.stringify({ count: 1, results: [gcoreImage({ id: 'img-1' })] }) }));
    const events = async (scope: Record<string, unknown>) => {
      const seen = [];
      for await (const event of inventory([{ vendor: 'gcore', projectId: 1, regionId: 7, baseUrl: 'http://gcore.example.com', ...scope }], { clients: { gcore: { apiKey: TOKEN, fetch: fake.fetch } } })) {
        seen.push(event.type === 'failure' ? `failure ${event.error.kind}` : event.type);
      }
      return seen;
    };
    expect(await events({})).toEqual(['failure validation']);
    expect(fake.requests).toHaveLength(0);
    expect(await events({ allowInsecureHttp: true })).toEqual(['image', 'scope-done']);
    expect(fake.requests).toHaveLength(1);
  });
});
