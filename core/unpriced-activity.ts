/**
 * Saying it right (DOMAIN.md §17): when activity columns are mapped but no rate, pool or
 * capacity prices any of them, cost-to-serve is 0 and net profit equals gross profit — a reader
 * would otherwise take "no customer loses money" at face value.
 */
import { COST_LINE_LABELS } from './defaults.js';
import { DRIVERS, type Driver, type Field } from './types.js';

/**
 * The mapped activity drivers (an order-id column counts as orders) when none of them has a rate
 * above 0; [] when any is priced or none is mapped.
 * Example: Orders and Deliveries mapped, no rates → ['orders', 'deliveries'].
 */
export function unpricedActivity(
  mapped: Partial<Record<Field, unknown>>,
  rates: Record<Driver, number>,
): Driver[] {
  const found = DRIVERS.filter(
    (d) => mapped[d] !== undefined || (d === 'orders' && mapped.orderId !== undefined),
  );
  return found.some((d) => rates[d] > 0) ? [] : found;
}

/** The warning in words, or null. */
export function unpricedActivityWarning(drivers: Driver[]): string | null {
  if (drivers.length === 0) return null;
  const names = drivers.map((d) => COST_LINE_LABELS[d]).join(', ');
  return `${names} ${drivers.length === 1 ? 'is' : 'are'} mapped but no rate, cost pool or capacity prices ${drivers.length === 1 ? 'it' : 'them'}: cost-to-serve is 0 and net profit equals gross profit (set rates or pools to price them)`;
}
