// The counts behind `Inventory.stats()`: per vendor and in total. They exist from the call of `inventory()`, so
// `stats()` may be read before, during and after the iteration.
import type { InventoryScope, InventoryStats, VendorInventoryStats } from './inventory.js';
import type { GateStats } from './rate-limit.js';
import type { Vendor } from './types.js';

/** What is counted: an image yielded, a scope listed to the end, a scope failed. */
export type InventoryOutcome = 'images' | 'done' | 'failed';

export class InventoryCounts {
  private readonly totals = { images: 0, done: 0, failed: 0 };
  private readonly perVendor: { [V in Vendor]?: Omit<VendorInventoryStats, 'gate'> } = {};

  constructor(
    private readonly scopes: readonly InventoryScope[],
    private readonly vendors: readonly Vendor[],
  ) {
    for (const vendor of vendors) {
      this.perVendor[vendor] = { scopes: scopes.filter((scope) => scope.vendor === vendor).length, done: 0, failed: 0, images: 0 };
    }
  }

  count(vendor: Vendor, outcome: InventoryOutcome): void {
    (this.perVendor[vendor] as VendorInventoryStats)[outcome]++;
    this.totals[outcome]++;
  }

  /** A copy of the counts, with each vendor's gate counters (`gateStats`) when there are some. */
  stats(gateStats: (vendor: Vendor) => GateStats | undefined): InventoryStats {
    const vendors: InventoryStats['vendors'] = {};
    for (const vendor of this.vendors) vendors[vendor] = { ...(this.perVendor[vendor] as VendorInventoryStats), gate: gateStats(vendor) };
    return { ...this.totals, scopes: this.scopes.length, vendors };
  }
}
