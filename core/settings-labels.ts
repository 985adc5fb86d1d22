/**
 * The template's Settings labels and the setting each one sets: the one table from which the
 * template writes its labels and the worksheet functions' `options` range reads them, so a
 * Settings range pasted into `options` means what the template means by it.
 */
import { COST_LINE_LABELS } from './defaults.js';
import { isBlank } from './parse-number.js';
import { type CellValue, DRIVERS } from './types.js';

export interface LabelledSetting {
  /** The label in column A of the template's Settings sheet. */
  label: string;
  /** The setting it sets, as a settings.json path. */
  path: string;
  /** Set only under this method of its group: "Pareto: Large below" is size.large under pareto. */
  method?: string;
}

/** The Settings sheet's inputs, by the name of their cell in the template. */
export const SETTING_LABELS = {
  SizeMethod: { label: 'Size method', path: 'size.method' },
  ParetoLarge: { label: 'Pareto: Large below', path: 'size.large', method: 'pareto' },
  ParetoMedium: { label: 'Pareto: Medium below', path: 'size.medium', method: 'pareto' },
  FixedLarge: { label: 'Fixed: Large from revenue', path: 'size.large', method: 'fixed' },
  FixedMedium: { label: 'Fixed: Medium from revenue', path: 'size.medium', method: 'fixed' },
  ProfitMethod: { label: 'Profitability method', path: 'profitability.method' },
  TargetOverride: {
    label: 'Bands: margin target',
    path: 'profitability.target',
    method: 'bands',
  },
  FixedHigh: { label: 'Fixed: High from margin', path: 'profitability.high', method: 'fixed' },
  FixedLow: { label: 'Fixed: Mid from margin', path: 'profitability.low', method: 'fixed' },
  CostOfCapital: { label: 'Cost of capital (yearly)', path: 'costOfCapital' },
  AvoidableCapital: { label: 'Cost of capital: avoidable share', path: 'avoidable.paymentDays' },
} as const satisfies Record<string, LabelledSetting>;

/** Every label a range may use: the inputs above and each driver's rate row ("Orders"). */
const BY_LABEL = new Map<string, LabelledSetting>(
  [
    ...Object.values(SETTING_LABELS),
    ...DRIVERS.map((d) => ({ label: COST_LINE_LABELS[d], path: `rates.${d}` })),
  ].map((s) => [key(s.label), s]),
);
const DEFAULT_METHOD: Record<string, string> = { size: 'pareto', profitability: 'bands' };

function key(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Rows of (setting, value) with the template's labels turned into settings paths; a path stays as
 * it is. A labelled row with a blank value is left out (blank means the default, as on the sheet),
 * and so is one of another method than its group's (given in the rows, else the default), so the
 * whole Settings table can be given: [['Size method', 'fixed'], ['Pareto: Large below', 0.8],
 * ['Fixed: Large from revenue', 1e6]] → [['size.method', 'fixed'], ['size.large', 1e6]].
 */
export function settingPaths(rows: readonly CellValue[][]): [CellValue, CellValue][] {
  const found = rows.map(([name, value]) => ({
    name,
    value,
    labelled: typeof name === 'string' ? BY_LABEL.get(key(name)) : undefined,
  }));
  const method = (group: string) => {
    // the last row that gives it wins, as when paths are set in order
    const row = [...found]
      .reverse()
      .find((r) => (r.labelled?.path ?? String(r.name ?? '').trim()) === `${group}.method`);
    return row && !isBlank(row.value) ? String(row.value).trim() : DEFAULT_METHOD[group];
  };
  const out: [CellValue, CellValue][] = [];
  for (const { name, value, labelled } of found) {
    if (!labelled) out.push([name, value]);
    else if (
      !isBlank(value) &&
      (labelled.method === undefined || labelled.method === method(labelled.path.split('.')[0]))
    )
      out.push([labelled.path, value]);
  }
  return out;
}
