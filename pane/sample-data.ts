/**
 * What "Try it with sample data" writes and runs: the bundled samples (samples/customers.csv and
 * samples/settings.json), inlined by the build. No copy of the data lives in the code.
 */

import type { SheetValue } from '../core/report/sheet-spec.js';
import type { SettingsInput } from '../core/settings.js';
import csv from '../samples/customers.csv' with { type: 'text' };
import settings from '../samples/settings.json';
import { sampleRows } from './sample-table.js';

/** Header row and the 500 sample customers. */
export const sampleCustomers = (): SheetValue[][] => sampleRows(csv);

/** The typical cost-to-serve rates that go with them. */
export const SAMPLE_SETTINGS: SettingsInput = settings;
