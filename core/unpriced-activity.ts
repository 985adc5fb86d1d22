/**
 * Saying it right (DOMAIN.md §17): when activity columns are mapped but no rate, pool or
 * capacity prices any of them, cost-to-serve is 0 and net profit equals gross profit — a reader
 * would otherwise take "no customer loses money" at face value. Likewise a cost of capital with
 * no payment days to apply it to costs nothing.
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

/**
 * A cost of capital set while no payment-days column was read: it prices nothing, say so.
 * Example: `unusedCostOfCapitalWarning(0.08, false)` → "Cost of capital (costOfCapital) is 8 % but …".
 */
export function unusedCostOfCapitalWarning(
  costOfCapital: number,
  paymentDaysRead: boolean,
): string | null {
  return costOfCapital > 0 && !paymentDaysRead
    ? `Cost of capital (costOfCapital) is ${Math.round(costOfCapital * 1e4) / 100} % but no payment-days column was read: the cost of capital is 0 (map a "Payment Days" or "DSO" column to price it)`
    : null;
}
