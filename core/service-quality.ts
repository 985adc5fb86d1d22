/**
 * Service quality (DOMAIN.md §16): with contacts and repeat contacts,
 *   first-contact resolution = 1 − repeatContacts / contacts   (overall and per customer)
 * the cost of repeat contacts, and its share of the service cost (cost of contacts + repeat
 * contacts). Repeat contacts are counted among the contacts (that is what the formula above
 * means), so each one costs the contact rate plus any repeat-contact rate. Repeat contacts
 * typically waste 20 %+ of the service budget.
 */
import { exactSum } from './exact-sum.js';
import { formatMoney, formatPercent } from './format.js';
import { DRIVERS, type Driver } from './types.js';

export interface ServiceQuality {
  contacts: number;
  repeatContacts: number;
  /** 1 − repeatContacts / contacts; null without contacts, or when repeats exceed them. */
  firstContactResolution: number | null;
  /** repeatContacts × (contact rate + repeat-contact rate), in money. */
  repeatCost: number;
  /** Cost of contacts + repeat contacts, in money. */
  serviceCost: number;
  /** repeatCost / serviceCost; null when service costs nothing. */
  repeatShareOfServiceCost: number | null;
  /** Set when the repeat contacts exceed the contacts (they cannot be counted among them). */
  warning: string | null;
}

const CONTACTS = DRIVERS.indexOf('contacts');
const REPEATS = DRIVERS.indexOf('repeatContacts');

/**
 * The service-quality figures over all customers; null unless both contacts and repeat contacts
 * were read. Example: 1,000 contacts, 250 repeats, contacts at 15 and repeats at 25 → FCR 75 %,
 * repeat cost 250 × 40 = 10,000 of a service cost 15,000 + 6,250 = 21,250 (47 %).
 */
export function serviceQuality(
  volumes: (Float64Array | null)[],
  rates: Record<Driver, number>,
): ServiceQuality | null {
  const cv = volumes[CONTACTS],
    rv = volumes[REPEATS];
  if (!cv || !rv) return null;
  const contacts = exactSum(cv),
    repeatContacts = exactSum(rv);
  const repeatCost = repeatContacts * (rates.contacts + rates.repeatContacts);
  const serviceCost = contacts * rates.contacts + repeatContacts * rates.repeatContacts;
  return {
    contacts,
    repeatContacts,
    firstContactResolution: firstContactResolution(contacts, repeatContacts),
    repeatCost,
    serviceCost,
    repeatShareOfServiceCost: serviceCost > 0 ? repeatCost / serviceCost : null,
    warning:
      repeatContacts > contacts
        ? `repeat contacts (${repeatContacts}) exceed contacts (${contacts}): first-contact resolution needs repeat contacts counted among the contacts`
        : null,
  };
}

/**
 * 1 − repeats / contacts; null without contacts or when repeats exceed contacts.
 * Example: `firstContactResolution(20, 5)` → 0.75.
 */
export function firstContactResolution(contacts: number, repeats: number): number | null {
  return contacts > 0 && repeats <= contacts ? 1 - repeats / contacts : null;
}

/**
 * The service-quality figures in words, saying why a repeat costs more than the repeat rate: it is
 * also a service contact. Example: FCR 78 %, 8,238 repeats at contact 15 + repeat 25 →
 * "first-contact resolution 78 %; 8,238 repeat contacts cost 329,520 (each repeat is also a
 * service contact: 15 + 25 = 40 each), 43 % of the service cost (typically 20 % or more; resolving
 * first time saves it)".
 */
export function serviceQualityWords(
  q: ServiceQuality,
  rates: Pick<Record<Driver, number>, 'contacts' | 'repeatContacts'>,
): string {
  const each = rates.contacts + rates.repeatContacts;
  const why =
    rates.contacts > 0 && rates.repeatContacts > 0
      ? ` (each repeat is also a service contact: ${rate(rates.contacts)} + ${rate(rates.repeatContacts)} = ${rate(each)} each)`
      : rates.contacts > 0
        ? ` (each repeat is also a service contact: ${rate(rates.contacts)} each)`
        : '';
  return `first-contact resolution ${q.firstContactResolution === null ? '–' : formatPercent(q.firstContactResolution)}; ${formatMoney(q.repeatContacts)} repeat contacts cost ${formatMoney(q.repeatCost)}${why}${q.repeatShareOfServiceCost === null ? '' : `, ${formatPercent(q.repeatShareOfServiceCost)} of the service cost (typically 20 % or more; resolving first time saves it)`}`;
}

/** A rate as it reads: up to 2 decimals, thousands separated (12.5 → "12.5"). */
function rate(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
