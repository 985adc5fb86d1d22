/**
 * The tier names of the settings, each once, in a stable reading order (DOMAIN.md §4): the
 * default names first in their order (Concierge, Grow, Maintain, Fix, Self-service), then any
 * name the user remapped to, in segment order. Tables of customers per tier use it as columns.
 */
import { MAINTAIN } from './customer-action.js';
import { TIER_NAMES } from './defaults.js';
import type { Settings } from './settings.js';

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

/**
 * The tier names customers can carry under these settings: the tier map's, plus Maintain when
 * `conciergeMaxAccounts` can move Concierge customers there (§8).
 */
export function settingsTierNames(s: Pick<Settings, 'tiers' | 'conciergeMaxAccounts'>): string[] {
  return tierNames(s.conciergeMaxAccounts === null ? s.tiers : [...s.tiers, MAINTAIN]);
}
