// Four local paging servers, one per vendor, in their own process (child_process.fork): the inventory
// benchmark's and the inventory CLI tests' stand-in for the vendors. Each answers its vendor's list
// operations in the vendor's paging style, after `latencyMs`, and refuses a request with 429 + `Retry-After`
// when more than `maxInFlight` of that vendor's requests are in flight (counted from arrival until the
// answer is written). `fault` makes every request fail: `{ status, body }` or `'reset'` (connection dropped).
//
// Data, per vendor (every image id is unique across the whole inventory), in each vendor's documented shape:
//   vercel  project `prj_<s>` has `units` repositories `r<s>_<u>`, each `images` images; cursor paging
//   gcore   project 1, region `<s + 1>`: `images` images in one response, or the `limit`/`offset` window
//           when the request names one; `count` is the total
//   naver   registry `reg<s>`: `images` images, page/pagesize paging (`next`/`previous`: page numbers or
//           null, `count`: the total); the registry list names them all
//   huawei  project `p<s>`: `images` images, offset/limit paging
// (`s`: scope number from 0, `scopes` of them.)
//
// Every answer goes through the spec check (test/support/spec-conformance-core.mjs): one off its vendor's
// spec is answered as a 500 saying why, and reported to the parent as { type: 'violation', message }.
//
// Protocol: the parent sends { type: 'start', vendors: { <vendor>: { scopes, units?, images, pageSize,
// latencyMs, maxInFlight, retryAfterS, fault? } } }; the child answers { type: 'ready', urls }. { type:
// 'stats' } is answered with { type: 'stats', stats: { <vendor>: { requests, throttled, peakInFlight } } }.
import { createServer } from 'node:http';
import { conformingAnswer, vendorErrorBody, warmUp } from '../test/support/spec-conformance-core.mjs';

const servers = [];
const stats = {};

/** Sends a JSON answer, checked against the vendor's spec for `req`'s operation (off it: a 500, reported). */
function json(req, res, vendor, status, body, headers = {}) {
  const answer = conformingAnswer({ vendor, method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://inventory.bench').pathname, status, body });
  if (!answer.ok) {
    process.send?.({ type: 'violation', message: answer.violation.message });
    [status, body, headers] = [answer.status, answer.body, {}];
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

function window(query, total, defaultSize, maxSize) {
  const size = Math.min(Number(query.get('limit') ?? query.get('pagesize') ?? defaultSize), maxSize);
  return size > 0 ? size : defaultSize;
}

const LISTINGS = {
  vercel(config, url) {
    const q = url.searchParams;
    const path = decodeURIComponent(url.pathname);
    const size = window(q, 0, config.pageSize, config.pageSize);
    const start = q.get('cursor') === null ? 0 : Number(q.get('cursor').slice(1));
    const page = (count, item, key) => {
      const items = [];
      for (let i = start; i < Math.min(start + size, count); i++) items.push(item(i));
      return { [key]: items, ...(start + items.length < count && { nextCursor: `c${start + items.length}` }) };
    };
    const project = /^prj_(\d+)$/.exec(q.get('projectId') ?? '')?.[1];
    if (project === undefined) return [400, { error: { code: 'bad_request', message: 'projectId is required' } }];
    if (path === '/v1/vcr/repository') {
      const at = '2026-06-30T10:00:00.000Z';
      return [200, page(config.units ?? 1, (u) => ({ id: `repo_${project}_${u}`, name: `r${project}_${u}`, projectId: `prj_${project}`, public: false, createdAt: at, updatedAt: at }), 'repositories')];
    }
    const repo = /^\/v1\/vcr\/repository\/(?:r|repo_)(\d+)_(\d+)\/images$/.exec(path);
    if (repo === null) return [404, { error: { code: 'not_found', message: 'no such path' } }];
    const [, p, u] = repo;
    return [200, page(config.images, (i) => ({
      id: `img_${p}_${u}_${i}`,
      repositoryId: `repo_${p}_${u}`,
      manifestDigest: `sha256:${String(i).padStart(64, '0')}`,
      kind: 'manifest',
      platform: 'linux',
      arch: 'amd64',
      sizeInBytes: 1000 + i,
      status: 'ready',
      createdAt: '2026-06-30T10:00:00.000Z',
      tags: [`v${i}`],
    }), 'images')];
  },
  gcore(config, url) {
    const match = /^\/cloud\/v1\/projectimages\/1\/(\d+)$/.exec(url.pathname);
    if (match === null) return [404, { exception_class: 'NotFound', message: 'no such path' }];
    const region = match[1];
    // Everything, or the `limit`/`offset` window when the request names one; `count` is the total.
    const q = url.searchParams;
    const offset = Number(q.get('offset') ?? '0');
    const end = q.get('limit') === null ? config.images : Math.min(config.images, offset + Number(q.get('limit')));
    const results = [];
    for (let i = offset; i < end; i++) {
      // Every property Gcore's ImageSerializer requires.
      results.push({
        id: `00000000-0000-4000-8000-${region.padStart(4, '0')}${String(i).padStart(8, '0')}`,
        name: `image-${region}-${i}`,
        description: null,
        status: 'active',
        visibility: 'private',
        project_id: 1,
        region_id: Number(region),
        region: `Region ${region}`,
        os_type: 'linux',
        os_distro: 'ubuntu',
        os_version: '22.04',
        architecture: 'x86_64',
        disk_format: 'qcow2',
        min_disk: 10,
        min_ram: 1024,
        size: 2_361_393_152,
        is_baremetal: false,
        hw_firmware_type: null,
        hw_machine_type: null,
        ssh_key: 'allow',
        display_order: null,
        creator_task_id: null,
        task_id: null,
        currency_code: null,
        price_per_hour: null,
        price_per_month: null,
        price_status: null,
        gpu_driver: null,
        gpu_driver_type: null,
        gpu_driver_version: null,
        created_at: '2024-05-05T14:51:26',
        updated_at: '2024-05-05T14:51:26',
        tags_v2: [],
      });
    }
    return [200, { count: config.images, results }];
  },
  naver(config, url) {
    if (url.pathname === '/ncr/api/v2/repositories') {
      const q = url.searchParams;
      const size = window(q, 0, config.pageSize, config.pageSize);
      const number = Number(q.get('page') ?? '1');
      const results = [];
      for (let s = (number - 1) * size; s < Math.min(number * size, config.scopes); s++) results.push({ name: `reg${s}`, bucket: `bucket-reg${s}`, created: 1_750_000_000_000, public_reg_status: false });
      return [200, { count: config.scopes, next: number * size < config.scopes ? number + 1 : null, previous: number > 1 ? number - 1 : null, results }];
    }
    const match = /^\/ncr\/api\/v2\/repositories\/reg(\d+)$/.exec(url.pathname);
    if (match === null) return [404, { error: { errorCode: '404', message: 'Not Found' } }];
    const registry = match[1];
    const q = url.searchParams;
    const size = window(q, 0, config.pageSize, config.pageSize);
    const number = Number(q.get('page') ?? '1');
    const results = [];
    for (let i = (number - 1) * size; i < Math.min(number * size, config.images); i++) {
      results.push({ name: `app${registry}/svc${i}`, namespace: `reg${registry}`, is_private: true, star_count: 0, pull_count: i, last_updated: 1_750_000_000_000 + i });
    }
    return [200, { count: config.images, next: number * size < config.images ? number + 1 : null, previous: number > 1 ? number - 1 : null, results }];
  },
  huawei(config, url) {
    const match = /^\/v5\/p(\d+)\/image\/registries\/images$/.exec(url.pathname);
    if (match === null) return [404, { error_code: 'HSS.0001', error_msg: 'not found' }];
    const project = match[1];
    const q = url.searchParams;
    const size = window(q, 0, config.pageSize, config.pageSize);
    const offset = Number(q.get('offset') ?? '0');
    const data_list = [];
    for (let i = offset; i < Math.min(offset + size, config.images); i++) {
      data_list.push({
        id: Number(project) * 1_000_000 + i,
        image_id: `hw-${project}-${i}`,
        image_digest: `sha256:${String(i).padStart(64, '1')}`,
        image_name: `svc${i}`,
        image_version: '1.0.0',
        namespace: `ns${project}`,
        image_type: 'harbor',
        image_size: 1000 + i,
        latest_update_time: 1_750_000_000_000,
        scan_status: 'finished',
      });
    }
    return [200, { total_num: config.images, data_list }];
  },
};

async function start(vendors) {
  warmUp();
  const urls = {};
  for (const [vendor, config] of Object.entries(vendors)) {
    const count = { requests: 0, throttled: 0, peakInFlight: 0 };
    stats[vendor] = count;
    let inFlight = 0;
    const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
      req.resume();
      count.requests++;
      if (config.fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (config.fault !== undefined) {
        json(req, res, vendor, config.fault.status, config.fault.body ?? {});
        return;
      }
      if (inFlight >= config.maxInFlight) {
        count.throttled++;
        json(req, res, vendor, 429, vendorErrorBody(vendor, vendor === 'huawei' ? 'APIG.0308' : 'too_many_requests', 'Too Many Requests'), { 'retry-after': String(config.retryAfterS ?? 1) });
        return;
      }
      inFlight++;
      count.peakInFlight = Math.max(count.peakInFlight, inFlight);
      setTimeout(() => {
        // Counted out before the answer is written: the client can never see an answer before the slot is free.
        inFlight--;
        const url = new URL(req.url ?? '/', 'http://inventory.bench');
        const [status, body] = LISTINGS[vendor](config, url);
        json(req, res, vendor, status, body);
      }, config.latencyMs ?? 0);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const base = `http://127.0.0.1:${server.address().port}`;
    urls[vendor] = vendor === 'naver' ? `${base}/ncr/api` : base;
  }
  return urls;
}

process.on('message', async (message) => {
  if (message.type === 'start') process.send({ type: 'ready', urls: await start(message.vendors) });
  else if (message.type === 'stats') process.send({ type: 'stats', stats });
});
process.on('disconnect', () => process.exit(0));
