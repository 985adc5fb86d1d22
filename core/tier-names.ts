/**
 * The tier names of the settings, each once, in a stable reading order (DOMAIN.md §4): the
 * default names first in their order (Concierge, Grow, Maintain, Fix, Self-service), then any
 * name the user remapped to, in segment order. Tables of customers per tier use it as columns.
 */
import { TIER_NAMES } from './defaults.js';

/**
 * Example: the default tiers → ['Concierge', 'Grow', 'Maintain', 'Fix', 'Self-service'];
 * with Small/Low renamed 'Key account' → [...the five, 'Key account'] (when Self-service still
 * names Small/Mid).
 */
export function tierNames(tiers: readonly string[]): string[] {
  const known = TIER_NAMES.filter((t) => tiers.includes(t));
  const other = tiers.filter((t, i) => !known.includes(t as never) && tiers.indexOf(t) === i);
  return [...known, ...other];
}
