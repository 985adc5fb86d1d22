/**
 * The template's what-if, filled from the settings' first scenario (DOMAIN.md §11): per customer a
 * price change and an exit flag, on Settings a change per driver's rate or pool and per capacity
 * resource's cost. The template holds one price change per customer and changes rates for every
 * customer; what it cannot hold (fees, volumes, a rate change for some customers) is named, not
 * dropped silently.
 */
import type { Analysis } from '../../core/analyze.js';
import { selectWhere } from '../../core/scenario.js';
import { changeKind, type ScenarioSpec } from '../../core/scenario-spec.js';
import type { Settings } from '../../core/settings.js';
import type { Driver } from '../../core/types.js';
import type { WhatIfInputs } from './customers-sheet.js';
import type { WhatIfSettings } from './settings-sheet.js';

export interface TemplateWhatIf {
  /** The scenario laid out, or null when the settings have none. */
  name: string | null;
  customers: WhatIfInputs | null;
  settings: WhatIfSettings;
  /** Changes the template cannot hold, in words. */
  leftOut: string[];
}

/**
 * Example: `{"name": "Reprice", "changes": [{"where": {"tiers": ["Fix"]}, "price": 0.05}]}` with
 * an analysis → 0.05 in the Scenario price change of every Fix customer.
 */
export function templateWhatIf(settings: Settings, a?: Analysis): TemplateWhatIf {
  const out: TemplateWhatIf = {
    name: null,
    customers: null,
    settings: { driverChange: {}, capacityChange: {} },
    leftOut: [],
  };
  const sc: ScenarioSpec | undefined = settings.scenarios[0];
  if (!sc) return out;
  out.name = sc.name;
  const n = a?.customers.n ?? 0;
  const price: (number | null)[] = new Array(n).fill(null);
  const exit: boolean[] = new Array(n).fill(false);
  const leave = (text: string) => out.leftOut.push(`scenario "${sc.name}", change ${text}`);
  if (sc.changes.some((ch) => ch.exit) && Object.keys(settings.avoidable).length)
    out.leftOut.push(
      `scenario "${sc.name}": the template's exits take the default avoidable shares (the direct-rate cost goes, pools and capacity stay), not the avoidable setting`,
    );
  sc.changes.forEach((ch, j) => {
    const kind = changeKind(ch),
      at = `${j + 1} (${kind})`;
    if (kind === 'fees' || kind === 'volumes') {
      leave(`${at}: the template's what-if has no ${kind}`);
      return;
    }
    if (kind === 'rates' || kind === 'pools') {
      if (ch.where) {
        leave(`${at}: the template changes a rate for every customer, not for some`);
        return;
      }
      for (const [d, f] of Object.entries(ch[kind]!)) out.settings.driverChange[d as Driver] = f;
      return;
    }
    if (kind === 'capacityCost') {
      Object.assign(out.settings.capacityChange, ch.capacityCost);
      return;
    }
    if (!a) {
      leave(`${at}: a change per customer needs the data (--data)`);
      return;
    }
    const sel = ch.where ? selectWhere(ch.where, a, settings) : null;
    for (let c = 0; c < n; c++) {
      if ((sel && !sel[c]) || exit[c]) continue;
      if (kind === 'exit') exit[c] = true;
      else if (price[c] !== null) {
        leave(
          `${at}: customer ${a.customers.keys[c]} has two price changes; the template holds one`,
        );
        return;
      } else price[c] = ch.price!;
    }
  });
  if (a) out.customers = { price, exit };
  return out;
}
