// A listed Vercel image (listRepositoryImages item) and the same image looked up (getRepositoryImage, by id
// or by digest) give the same summary on every field the list item carries; only `raw` differs. Checked on
// the specs' own examples (the ones the mocks serve), through getImage against the Prism mock, and with
// bodies the spec does not promise (an unknown layer kind, unknown enum values, extra fields, garbage).
import { describe, expect, inject, it } from 'vitest';
import { getImage } from '../../src/index.js';
import { summarizeVercelImage, summarizeVercelListImage, summarizeVercelTag } from '../../src/vendors/vercel/summary.js';
import type { ImageSummary, VercelImageBody, VercelImageList, VercelImageListItem, VercelTagBody, VercelTagList } from '../../src/summary/types.js';
import { declared } from '../clients/helpers.js';

const urls = inject('mockUrls');

const IMAGE = '/v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}';
const TAG = '/v1/vcr/repository/{idOrName}/tags/{tag}';
const IMAGES = '/v1/vcr/repository/{idOrName}/images';
const TAGS = '/v1/vcr/repository/{idOrName}/tags';

const examples = <T>(path: string) => declared('vercel', path, 200).examples.map((e) => ({ name: e.name, body: e.value as T }));

/** The summary without `raw`, the one field that is meant to differ. */
function fields(summary: ImageSummary<'vercel'>) {
  const { raw: _raw, ...rest } = summary;
  return rest;
}

const listedImages = examples<VercelImageList>(IMAGES).flatMap(({ name, body }) => body.images.map((item) => ({ example: name, item })));
const imageBodies = examples<VercelImageBody>(IMAGE);

describe('a listed image and the same image looked up: one summary', () => {
  it('every listed image that getRepositoryImage has an example of: equal summaries but for raw', () => {
    let compared = 0;
    for (const { item } of listedImages) {
      for (const { body } of imageBodies.filter(({ body }) => body.image.id === item.id)) {
        const listed = summarizeVercelListImage(item, 'my-app');
        const lookedUp = summarizeVercelImage(body, 'my-app');
        expect(fields(listed)).toEqual(fields(lookedUp));
        expect(listed.raw).toBe(item);
        expect(lookedUp.raw).toBe(body);
        // and the facts themselves, so an agreement on nulls would not pass
        expect(listed.digest).toBe(body.image.manifestDigest);
        expect(listed.tags).toEqual(body.image.tags);
        expect(listed.sizeBytes).toBe(body.image.sizeInBytes);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(1);
  });

  it('a listed index agrees with the tag lookup of its tag on what both carry', () => {
    const index = listedImages.find(({ item }) => item.kind === 'index')!.item;
    const tagBody = examples<VercelTagBody>(TAG).find(({ body }) => body.tag.imageId === index.id)!.body;
    const listed = summarizeVercelListImage(index, 'my-app');
    const tagged = summarizeVercelTag(tagBody, 'my-app');
    for (const field of ['id', 'repository', 'digest', 'sizeBytes', 'os', 'architecture', 'status'] as const) {
      expect(listed[field], field).toEqual(tagged[field]);
    }
    expect(listed.status).toBeNull(); // an index has no VHS status
    expect(listed.tags).toContain(tagBody.tag.tag);
  });

  it('the examples are one story: every listed tag matches the listed image it points at', () => {
    const byId = new Map(listedImages.map(({ item }) => [item.id, item]));
    let matched = 0;
    for (const { body } of examples<VercelTagList>(TAGS)) {
      for (const tag of body.tags) {
        const image = byId.get(tag.imageId);
        if (image === undefined) continue;
        expect({ digest: tag.manifestDigest, kind: tag.kind, size: tag.sizeInBytes, status: tag.status, os: tag.platform, arch: tag.arch }).toEqual({
          digest: image.manifestDigest,
          kind: image.kind,
          size: image.sizeInBytes,
          status: image.status,
          os: image.platform,
          arch: image.arch,
        });
        expect(image.tags).toContain(tag.tag);
        matched++;
      }
    }
    expect(matched).toBeGreaterThanOrEqual(3);
  });

  it('getImage by digest against the mock: the summary of the listed item with that digest', async () => {
    const first = listedImages[0]!.item;
    const result = await getImage(
      { vendor: 'vercel', repository: 'my-app', image: first.manifestDigest, projectId: 'prj_1' },
      { token: 'test-vercel-token', baseUrl: urls.vercel },
    );
    if (!result.ok) throw result.error;
    expect(fields(result.summary)).toEqual(fields(summarizeVercelListImage(first, 'my-app')));
    expect(result.summary.digest).toBe(first.manifestDigest);
  });
});

describe('tolerant reader: what the spec does not promise never crashes a summary', () => {
  const lookedUp = imageBodies[0]!.body;

  it('a layer kind the spec does not know, and extra fields, change nothing', () => {
    const body = {
      ...lookedUp,
      image: {
        ...lookedUp.image,
        layers: [
          ...lookedUp.image.layers,
          { type: 'MAINTAINER', operation: 'MAINTAINER', createdBy: 'MAINTAINER ops', digest: null, sizeBytes: null, maintainer: 'ops@example.com' },
          { type: 'SBOM', attestation: { predicateType: 'https://spdx.dev/Document' } },
          null,
          'not a layer',
        ],
        provenance: { builder: 'buildkit' },
      },
      requestedAt: 12,
    } as unknown as VercelImageBody;
    expect(fields(summarizeVercelImage(body, 'my-app'))).toEqual(fields(summarizeVercelImage(lookedUp, 'my-app')));
  });

  it('kind, status and layers it does not know pass through or are ignored, in lookups and list items alike', () => {
    const odd = { ...lookedUp.image, kind: 'sbom', status: 'quarantined', layers: { not: 'an array' } };
    const item = { ...odd, layers: undefined } as unknown as VercelImageListItem;
    const a = summarizeVercelImage({ image: odd } as unknown as VercelImageBody, 'r');
    const b = summarizeVercelListImage(item, 'r');
    expect(a.status).toBe('quarantined');
    expect(fields(a)).toEqual(fields(b));
  });

  it.each([null, undefined, 'img_1', 42, [], [{ id: 'img_1' }], { id: 7, tags: 'latest', sizeInBytes: -1, createdAt: 'yesterday' }])(
    'a list item like %j gives a summary of nulls and empties, no throw',
    (item) => {
      const summary = summarizeVercelListImage(item as unknown as VercelImageListItem, 'r');
      expect(summary.vendor).toBe('vercel');
      expect(summary.repository).toBe('r');
      expect(summary.tags).toEqual([]);
      expect(summary.digest).toBeNull();
      expect(summary.sizeBytes).toBeNull();
      expect(summary.createdAt).toBeNull();
      expect(summary.raw).toBe(item);
    },
  );
});
