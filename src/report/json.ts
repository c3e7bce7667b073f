import type { InventoryItem } from "../model/inventory.js";
import type { Formatter } from "./formatter.js";

/** The ScanReport as JSON: the library's output, versioned by `schemaVersion`. */
export const format: Formatter = (report) =>
  `${JSON.stringify(report.showSecrets ? report : { ...report, items: report.items.map(withoutSecrets) }, null, 2)}\n`;

/** Defence in depth: a report not made with --show-secrets never prints a raw value, even if one slipped in. */
function withoutSecrets(item: InventoryItem): InventoryItem {
  const { secret: _secret, ...rest } = item;
  return { ...rest, locations: item.locations.map(({ secret: _s, ...location }) => location) };
}
