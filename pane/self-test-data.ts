/**
 * The self-test's customer table: small, made up, and chosen to hit the cases a host can get
 * wrong — two customers tied on revenue and profit, a money-loser, a blank row in the middle, a
 * name that is a live =HYPERLINK formula and a name that is =HYPERLINK text (it must stay text).
 */
import type { SettingsInput } from '../core/settings.js';

/** A cell of the scratch sheet: a value, or a formula the host writes as a formula. */
export type ScratchCell = string | number | null | { formula: string };

/** The label the live HYPERLINK shows, which is what a host reads back. */
export const LINK_LABEL = 'Acme Trading';
/** A name typed as text that looks like a formula: the report must show exactly this. */
export const FORMULA_LIKE_NAME = '=HYPERLINK("https://example.com/x","Click me")';

export const SELF_TEST_SETTINGS: SettingsInput = {
  rates: { orders: 25, deliveries: 40, returns: 60 },
};

export const SELF_TEST_HEADERS = [
  'Customer ID',
  'Customer Name',
  'Revenue',
  'COGS',
  'Orders',
  'Deliveries',
  'Returns',
];

/** Header row, 14 customers and one blank row (15 data rows). */
export function selfTestTable(): ScratchCell[][] {
  const rows: ScratchCell[][] = [
    SELF_TEST_HEADERS,
    [
      'ST-01',
      { formula: `=HYPERLINK("https://example.com/acme","${LINK_LABEL}")` },
      250_000,
      160_000,
      40,
      30,
      1,
    ],
    ['ST-02', 'Borealis Foods', 120_000, 84_000, 60, 55, 4],
    ['ST-03', 'Cedar & Sons', 60_000, 39_000, 24, 20, 0],
    ['ST-04', 'Dune Retail', 60_000, 39_000, 24, 20, 0], // tied with ST-03
    ['ST-05', FORMULA_LIKE_NAME, 45_000, 30_000, 90, 85, 12],
    ['ST-06', 'Ember Studio', 30_000, 18_000, 10, 8, 0],
    [null, null, null, null, null, null, null], // a blank row
    ['ST-07', 'Fjord Supplies', 22_000, 21_500, 120, 110, 20], // a money-loser
    ['ST-08', 'Granite Works', 18_000, 11_000, 6, 6, 0],
    ['ST-09', 'Harbor Deli', 12_000, 7_800, 30, 28, 2],
    ['ST-10', 'Iris Books', 9_000, 5_000, 4, 4, 0],
    ['ST-11', 'Juniper Tea', 6_000, 3_900, 12, 12, 1],
    ['ST-12', 'Kite Outdoor', 4_000, 2_200, 2, 2, 0],
    ['ST-13', 'Lumen Print', 2_500, 1_600, 8, 8, 3],
    ['ST-14', 'Moss Garden', 1_000, 550, 1, 1, 0],
  ];
  return rows;
}
