// Complete bodies of the vendors' image operations, as their specs require them (every required property),
// for fakes that answer one image. Overrides replace properties; the result is still checked by the fake.

/** Gcore ImageSerializer (GET /cloud/v1/images/{project_id}/{region_id}/{image_id}, and each listing item). */
export function gcoreImage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'img-1',
    name: 'ubuntu-22.04',
    description: null,
    status: 'active',
    visibility: 'private',
    project_id: 1,
    region_id: 7,
    region: 'Luxembourg 1',
    os_type: 'linux',
    os_distro: 'ubuntu',
    os_version: '22.04',
    architecture: 'x86_64',
    disk_format: 'qcow2',
    min_disk: 10,
    min_ram: 1024,
    size: 2361393152,
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
    created_at: '2024-05-05T14:51:26.570866',
    updated_at: '2024-05-05T14:51:26.570866',
    tags_v2: [],
    ...overrides,
  };
}

/** Vercel VcrImageDetail, wrapped as getRepositoryImage answers it (`{ image }`). */
export function vercelImageDetail(overrides: Record<string, unknown> = {}): { image: Record<string, unknown> } {
  return {
    image: {
      id: 'img_1',
      repositoryId: 'repo_1',
      manifestDigest: 'sha256:ab',
      kind: 'manifest',
      sizeInBytes: 1024,
      status: 'ready',
      tags: ['latest'],
      createdAt: '2026-06-30T10:00:00.000Z',
      layers: [],
      ...overrides,
    },
  };
}
