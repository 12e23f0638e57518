// A listed image summarizes like the same image read on its own: for every vendor, the summary of the list
// item in the spec's list example that describes the single-image example's image agrees with the summary
// of that single-image example on every field both carry (non-null, non-empty). The examples come from the
// specs (what the Prism mocks serve), so an example edited on one side only fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { summarizeGcore, summarizeGcoreListItems } from '../../src/vendors/gcore/summary.js';
import { summarizeHuawei, summarizeHuaweiRegistryImage } from '../../src/vendors/huawei/summary.js';
import { summarizeNaver, summarizeNaverListImage, summarizeNaverTag } from '../../src/vendors/naver/summary.js';
import type {
  GcoreImageBody,
  GcoreImageListBody,
  HuaweiBasicImageBody,
  HuaweiRegistryImagesBody,
  ImageSummary,
  ImageSummaryFields,
  NaverImageBody,
  NaverImageListBody,
  NaverImageTag,
  NaverImageTagListBody,
} from '../../src/summary/types.js';
import { example200 } from '../support/spec-examples.js';

type Fields = keyof ImageSummaryFields;
const FIELDS: Fields[] = [
  'id', 'repository', 'name', 'tags', 'labels', 'digest', 'sizeBytes', 'os', 'osDistro', 'osVersion',
  'architecture', 'status', 'createdAt', 'updatedAt', 'baseImages',
];

const carried = (value: unknown) =>
  value !== null && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);

/** The fields both summaries carry, and each side's value of them. */
function shared(a: ImageSummary, b: ImageSummary) {
  const fields = FIELDS.filter((f) => carried(a[f]) && carried(b[f]));
  const pick = (s: ImageSummary) => Object.fromEntries(fields.map((f) => [f, s[f]]));
  return { fields, left: pick(a), right: pick(b) };
}

/** The `example` of each parameter of `GET <path>` in a spec. */
function parameterExamples(vendor: string, path: string): Record<string, unknown> {
  const spec = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), 'utf8'));
  const params = (spec.paths[path].get.parameters ?? []) as { name: string; example?: unknown }[];
  return Object.fromEntries(params.map((p) => [p.name, p.example]));
}

describe('Gcore: a listed image summarizes like "Get image"', () => {
  const single = summarizeGcore(example200('gcore', '/cloud/v1/images/{project_id}/{region_id}/{image_id}') as GcoreImageBody);
  const listed = summarizeGcoreListItems(example200('gcore', '/cloud/v1/images/{project_id}/{region_id}') as GcoreImageListBody);
  const owned = summarizeGcoreListItems(example200('gcore', '/cloud/v1/projectimages/{project_id}/{region_id}') as GcoreImageListBody);

  it('listImages: every item is summarized, the first is the "Get image" image, field for field', () => {
    expect(listed).toHaveLength(2);
    const { fields, left, right } = shared(single, listed[0]!);
    expect(fields).toEqual(['id', 'name', 'labels', 'sizeBytes', 'os', 'osDistro', 'osVersion', 'architecture', 'status', 'createdAt', 'updatedAt']);
    expect(right).toEqual(left);
    expect(listed[0]!.raw).toEqual(single.raw);
  });

  it("listProjectImages' image is the second listImages item, summarized identically", () => {
    expect(owned).toHaveLength(1);
    expect(owned[0]).toEqual(listed[1]);
    expect(owned[0]).toMatchObject({ id: '3f6b2a9c-7d41-4e58-b0c2-9a1d5e7f3b64', labels: { team: 'payments' }, createdAt: '2024-06-12T09:03:41.218Z' });
  });

  it('labels come from `tags_v2`; from the deprecated `tags` only when `tags_v2` is absent (an older deployment)', () => {
    const current = example200('gcore', '/cloud/v1/images/{project_id}/{region_id}/{image_id}') as GcoreImageBody;
    const { tags_v2: tagList, ...withoutV2 } = current;
    expect(tagList).toEqual([{ key: 'my-tag', read_only: false, value: 'my-tag-value' }]);
    const older = { ...withoutV2, tags: tagList } as unknown as GcoreImageBody;
    expect(summarizeGcore(older).labels).toEqual({ 'my-tag': 'my-tag-value' });
    expect(summarizeGcore(older)).toEqual({ ...single, raw: older });
    const both = { ...current, tags: [{ key: 'old', read_only: false, value: 'stale' }] } as GcoreImageBody;
    expect(summarizeGcore(both).labels).toEqual({ 'my-tag': 'my-tag-value' });
    expect(summarizeGcore({ ...current, tags_v2: [] }).labels).toEqual({});
  });

  it('a listing body that is not one yields no summaries (tolerant reader)', () => {
    expect(summarizeGcoreListItems(null as unknown as GcoreImageListBody)).toEqual([]);
    expect(summarizeGcoreListItems({ count: 1, results: [7, null, {}] } as unknown as GcoreImageListBody)).toHaveLength(1);
  });
});

describe('NAVER: a listed image and its tags summarize like "Get image details"', () => {
  const detail = summarizeNaver(example200('naver', '/v2/repositories/{registry}/{imageName}') as NaverImageBody, { registry: 'ncpdocker', image: 'ncpdocker' });
  const page = example200('naver', '/v2/repositories/{registry}') as NaverImageListBody;
  const listed = (page.results ?? []).map((item) => summarizeNaverListImage(item, 'ncpdocker'));

  it('getImageList: the first item is the getImageDetail image, field for field', () => {
    const { fields, left, right } = shared(detail, listed[0]!);
    expect(fields).toEqual(['repository', 'name', 'updatedAt']);
    expect(right).toEqual(left);
    expect(listed[0]).toEqual({ ...detail, raw: page.results![0] });
  });

  it('a listed image name with `/` keeps it; the listed registry stands in for a missing namespace', () => {
    expect(listed[1]).toMatchObject({ repository: 'ncpdocker', name: 'team/app', updatedAt: '2024-06-04T09:08:42.000Z' });
    expect(summarizeNaverListImage({ name: 'x' }, 'reg')).toMatchObject({ repository: 'reg', name: 'x' });
  });

  it('tags: the tag list item and the tag details summarize alike, and agree with the image where both carry a field', () => {
    const tags = example200('naver', '/v2/repositories/{registry}/{imageName}/tags') as NaverImageTagListBody;
    const asked = { registry: 'ncpdocker', image: 'ncpdocker' };
    const fromList = summarizeNaverTag(tags.results![0]!, asked);
    const fromDetail = summarizeNaverTag(example200('naver', '/v2/repositories/{registry}/{imageName}/tags/{reference}') as NaverImageTag, asked);
    expect(fromDetail).toEqual(fromList);
    expect(fromList).toMatchObject({
      tags: ['latest'],
      digest: 'sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1',
      sizeBytes: 29534055,
      os: 'linux',
      architecture: 'amd64',
      osVersion: null,
    });
    const { fields, left, right } = shared(detail, fromList);
    expect(fields).toEqual(['repository', 'name', 'updatedAt']);
    expect(right).toEqual(left);
  });

  it('a multi-architecture tag joins its platforms', () => {
    const tag: NaverImageTag = { name: 'multi', images: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] };
    expect(summarizeNaverTag(tag, { registry: 'r', image: 'i' })).toMatchObject({ os: 'linux', architecture: 'amd64, arm64' });
  });
});

describe('Huawei: a ListRegistryImages record summarizes like the ListImageBasicImage lookup of the same image', () => {
  const basicPath = '/v5/{project_id}/image/{image_id}/basic-image';
  const asked = parameterExamples('huawei', basicPath);
  const single = summarizeHuawei(example200('huawei', basicPath) as HuaweiBasicImageBody, {
    image: asked['image_id'] as string,
    namespace: asked['namespace'] as string,
    imageName: asked['image_name'] as string,
    imageVersion: asked['image_version'] as string,
  });
  const page = example200('huawei', '/v5/{project_id}/image/registries/images') as HuaweiRegistryImagesBody;
  const listed = (page.data_list ?? []).map(summarizeHuaweiRegistryImage);

  it('the first record is the image of the lookup, field for field', () => {
    const { fields, left, right } = shared(single, listed[0]!);
    expect(fields).toEqual(['id', 'repository', 'name', 'tags']);
    expect(right).toEqual(left);
  });

  it('a record adds what the lookup does not know: digest, size, last update (epoch ms → ISO UTC)', () => {
    expect(listed[0]).toMatchObject({
      id: '111',
      digest: 'sha256:9c1f0d2e3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f',
      sizeBytes: 52428800,
      updatedAt: '2024-05-27T06:40:00.000Z',
      baseImages: [],
      status: null,
    });
    expect(listed[1]).toMatchObject({ id: '112', tags: ['24.4.2-x86_64'] });
  });

  it('a record with missing or unreadable fields gives nulls, never a throw', () => {
    expect(summarizeHuaweiRegistryImage({ image_version: '', image_size: -1, latest_update_time: 'soon' as unknown as number })).toMatchObject({
      id: null,
      tags: [],
      sizeBytes: null,
      updatedAt: null,
    });
  });
});
