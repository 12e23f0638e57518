// Types of the facade: `raw` is precisely the body of the operation the reference names, narrowing by
// `ok` and `vendor` works, and malformed references do not compile.
import { describe, expectTypeOf, it } from 'vitest';
import {
  getImage,
  type ApiError,
  type GcoreImageBody,
  type GetImageResult,
  type HuaweiBasicImageBody,
  type ImageRef,
  type ImageSummary,
  type NaverImageBody,
  type VercelImageBody,
  type VercelTagBody,
} from '../../src/index.js';

describe('getImage types', () => {
  it('raw is the body of the operation the reference names', async () => {
    const byImage = await getImage({ vendor: 'vercel', repository: 'r', image: 'i', projectId: 'p' });
    if (byImage.ok) {
      expectTypeOf(byImage.raw).toEqualTypeOf<VercelImageBody>();
      expectTypeOf(byImage.raw.image.manifestDigest).toEqualTypeOf<string>();
      expectTypeOf(byImage.summary.vendor).toEqualTypeOf<'vercel'>();
    } else {
      expectTypeOf(byImage.error).toEqualTypeOf<ApiError>();
    }
    const byTag = await getImage({ vendor: 'vercel', repository: 'r', tag: 'latest', projectId: 'p' });
    if (byTag.ok) expectTypeOf(byTag.raw).toEqualTypeOf<VercelTagBody>();

    const gcore = await getImage({ vendor: 'gcore', projectId: 1, regionId: 7, image: 'x' }, { apiKey: 'k' });
    if (gcore.ok) expectTypeOf(gcore.raw).toEqualTypeOf<GcoreImageBody>();
    const naver = await getImage({ vendor: 'naver', registry: 'r', image: 'team/app' }, { region: 'sgn' });
    if (naver.ok) expectTypeOf(naver.raw).toEqualTypeOf<NaverImageBody>();
    const huawei = await getImage({ vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'cicd' }, { token: 't' });
    if (huawei.ok) expectTypeOf(huawei.raw).toEqualTypeOf<HuaweiBasicImageBody>();
  });

  it('a result for any reference narrows by ok and vendor', async () => {
    const ref = {} as ImageRef;
    const result = await getImage(ref);
    expectTypeOf(result).toEqualTypeOf<GetImageResult<ImageRef>>();
    if (result.ok && result.vendor === 'gcore') {
      expectTypeOf(result.raw).toEqualTypeOf<GcoreImageBody>();
      expectTypeOf(result.summary).toMatchTypeOf<ImageSummary<'gcore'>>();
    }
    if (result.ok) {
      expectTypeOf(result.summary.createdAt).toEqualTypeOf<string | null>();
      expectTypeOf(result.summary.tags).toEqualTypeOf<string[]>();
    }
  });

  it('malformed references and options do not compile', () => {
    // @ts-expect-error gcore ids are integers
    void getImage({ vendor: 'gcore', projectId: '1', regionId: 7, image: 'x' });
    // @ts-expect-error a Vercel reference needs a projectId
    void getImage({ vendor: 'vercel', repository: 'r', image: 'i' });
    // @ts-expect-error not both image and tag
    void getImage({ vendor: 'vercel', repository: 'r', image: 'i', tag: 't', projectId: 'p' });
    // @ts-expect-error unknown image type
    void getImage({ vendor: 'huawei', projectId: 'p', image: 'i', imageType: 'docker' });
    // @ts-expect-error NAVER has three regions
    void getImage({ vendor: 'naver', registry: 'r', image: 'i' }, { region: 'us' });
    // @ts-expect-error a Vercel option set for a Gcore reference
    void getImage({ vendor: 'gcore', projectId: 1, regionId: 7, image: 'x' }, { token: 't' });
  });
});
