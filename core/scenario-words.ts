/**
 * Scenarios (§11), sensitivity (§12) and capacity (§13) in one line each, for a person: the CLI
 * summary, the report's notes and the pane say them alike.
 */
import type { CapacityUse } from './capacity.js';
import { formatMoney, formatPercent } from './format.js';
import type { ScenarioResult, ScenarioTotals } from './scenario.js';
import type { Sensitivity } from './sensitivity.js';
import type { TierMove } from './tier-moves.js';

/** Money with its sign: 1234.5 → "+1,235", −20 → "-20", 0 → "0". */
export function signedMoney(x: number): string {
  const m = formatMoney(x);
  return x > 0 && m !== '0' ? `+${m}` : m === '-0' ? '0' : m;
}

/** "12 Self-service → Grow, 3 Fix → Maintain" (the largest first), or "no tier moves". */
export function movesInWords(moves: readonly TierMove[], most = 4): string {
  if (!moves.length) return 'no tier moves';
  const shown = moves
    .slice(0, most)
    .map((m) => `${m.count.toLocaleString('en-US')} ${m.from} → ${m.to}`);
  const rest = moves.slice(most).reduce((x, m) => x + m.count, 0);
  return `${shown.join(', ')}${rest ? `, and ${rest.toLocaleString('en-US')} more` : ''}`;
}

/**
 * One scenario in a line (`avoidableSet`: the settings name avoidable shares, §10): the change in the business's net profit (and what it is made of when
 * capacity or stranded cost moves), exits, tier moves, money-losers, and the margin target when it
 * moved (classes are relative: a customer can change tier because the bar moved). Example:
 * `Exit C: net profit -30 (130 → 100); revenue -100; 1 customer exits (its direct-rate costs go
 * with it; pool and capacity costs stay); tier moves: 1 Fix → Exited, 1 Maintain → Fix.`
 */
export function scenarioLine(
  sc: ScenarioResult,
  baseline: ScenarioTotals,
  avoidableSet = false,
): string {
  const d = sc.delta,
    t = sc.totals;
  const count = (n: number) => n.toLocaleString('en-US');
  let money: string;
  if (d.unusedCapacityCost !== 0 || d.strandedCost !== 0) {
    const parts = [
      `customers' net profit ${signedMoney(d.netProfit + d.unusedCapacityCost + d.strandedCost)}`,
    ];
    if (d.unusedCapacityCost !== 0)
      parts.push(`unused capacity ${signedMoney(d.unusedCapacityCost)}`);
    if (d.strandedCost !== 0) parts.push(`stranded cost ${signedMoney(d.strandedCost)}`);
    money = `${signedMoney(d.netProfit)} (${parts.join(', ')})`;
  } else
    money = `${signedMoney(d.netProfit)} (${formatMoney(baseline.netProfit)} → ${formatMoney(t.netProfit)})`;
  const out = [`${sc.name}: net profit ${money}`];
  if (d.revenue !== 0 && signedMoney(d.revenue) !== '0')
    out.push(`revenue ${signedMoney(d.revenue)}`);
  if (sc.exited)
    out.push(
      // what exit assumes (DOMAIN.md §10) decides the answer, so say it
      `${count(sc.exited)} customer${sc.exited === 1 ? ' exits (its' : 's exit (their'} ${avoidableSet ? 'avoidable costs, as the avoidable setting says, go' : 'direct-rate costs go'} with ${sc.exited === 1 ? 'it' : 'them'}; ${avoidableSet ? 'the rest stays' : 'pool and capacity costs stay'})`,
    );
  out.push(`tier moves: ${movesInWords(sc.moves)}`);
  if (t.moneyLosers !== baseline.moneyLosers)
    out.push(`money-losers ${count(baseline.moneyLosers)} → ${count(t.moneyLosers)}`);
  if (
    t.marginTarget !== null &&
    baseline.marginTarget !== null &&
    formatPercent(t.marginTarget) !== formatPercent(baseline.marginTarget)
  )
    out.push(
      `the High margin bar moves ${formatPercent(baseline.marginTarget)} → ${formatPercent(t.marginTarget)}`,
    );
  return `${out.join('; ')}.`;
}

/**
 * Example: `Tier stability (±20 % on each cost input): 30 of 500 customers change tier when a single
 * cost input moves (fragile); most sensitive: deliveries rate (12 customers change tier at +20 %,
 * 12 at -20 %), orders rate (6, 5), visits rate (4, 7).`
 */
export function sensitivityLine(s: Sensitivity, customers: number): string {
  const head = `Tier stability (±${formatPercent(s.change)} on each cost input)`;
  if (!s.inputs.length) return `${head}: no cost input is set, so nothing can move.`;
  if (!s.fragileCustomers) return `${head}: no customer changes tier on any single move.`;
  const pct = formatPercent(s.change);
  const top = [...s.inputs]
    .sort((a, b) => b.up + b.down - (a.up + a.down))
    .filter((i) => i.up + i.down > 0)
    .slice(0, 3)
    .map((i, k) =>
      k
        ? `${i.input} (${i.up.toLocaleString('en-US')}, ${i.down.toLocaleString('en-US')})`
        : `${i.input} (${i.up.toLocaleString('en-US')} customer${i.up === 1 ? ' changes' : 's change'} tier at +${pct}, ${i.down.toLocaleString('en-US')} at -${pct})`,
    );
  return `${head}: ${s.fragileCustomers.toLocaleString('en-US')} of ${customers.toLocaleString('en-US')} customers ${s.fragileCustomers === 1 ? 'changes' : 'change'} tier when a single cost input moves (fragile); most sensitive: ${top.join(', ')}.`;
}

/**
 * A resource's use in a line, given its practical capacity in minutes. Example: `Warehouse: 62 % of
 * capacity used (744,000 of 1,200,000 minutes); unused capacity 182,400, charged to no customer.`
 */
export function capacityLine(r: CapacityUse, minutes: number): string {
  const used = `${formatPercent(r.usedShare)} of capacity used (${formatMoney(r.usedMinutes)} of ${formatMoney(minutes)} minutes)`;
  return r.unusedCost >= 0
    ? `${r.name}: ${used}; unused capacity ${formatMoney(r.unusedCost)}, charged to no customer.`
    : `${r.name}: ${used}, over capacity: customers carry ${formatMoney(-r.unusedCost)} more than it costs.`;
}
