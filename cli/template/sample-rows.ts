/**
 * The few sample customers of an empty template: one of each kind the matrix separates (a big
 * profitable account, an over-served big one, a small high-margin one, a tiny frequent orderer,
 * a slow payer, a credit-note-only account), so a consultant sees every column at work.
 */
import type { SheetValue } from '../../core/report/sheet-spec.js';

//          Customer   Name                       Revenue    COGS     GP    Ord  Lines Deliv Ret Cont Rep Visits Days Group
export const SAMPLE_ROWS: SheetValue[][] = [
  ['S001', 'Northwind Wholesale', 412000, 298000, null, 96, 410, 90, 4, 20, 3, 6, 35, 'North'],
  [
    'S002',
    'Harbour Hotels Group',
    265000,
    201000,
    null,
    310,
    1450,
    300,
    38,
    140,
    45,
    24,
    72,
    'South',
  ],
  ['S003', 'Blue Fern Clinic', 38500, 21200, null, 10, 24, 10, 0, 3, 0, 1, 30, 'North'],
  ['S004', 'Corner Deli & Co', 14800, 10900, null, 150, 380, 150, 6, 40, 12, 2, 45, 'South'],
  ['S005', 'Atlas Builders Ltd', 96000, 70100, null, 40, 160, 38, 3, 15, 4, 4, 110, 'North'],
  ['S006', 'Former account (credit notes)', -1200, -900, null, 2, 2, 0, 2, 6, 2, 0, 0, 'South'],
];
/** The group values of the sample rows, listed on the Groups sheet. */
export const SAMPLE_GROUPS = ['North', 'South'];
