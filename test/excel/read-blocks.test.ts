// Reading a table in blocks sized by bytes: the estimate follows the rows read so far, and a block
// Excel refuses as too big (ResponsePayloadSizeLimitExceeded) is read again in halves.
import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../excel-addin/read-blocks.js';
import { createExcelFake } from '../fakes/excel.js';

type Context = Parameters<typeof readBlocks>[0];

/** A Data sheet of `rows`; `payloadLimit` makes Excel's 5 MB limit smaller, to test with small data. */
function sheetOf(rows: (string | number)[][], payloadLimit?: number) {
  const fake = createExcelFake({ sheets: ['Data'], payloadLimit });
  fake.workbook.seedSheet('Data', rows);
  return fake;
}

describe('readBlocks', () => {
  it('reads every row in order, in blocks that fit the budget', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [`C${i}`, i, i * 1.5, 'note']);
    const fake = sheetOf(rows);
    const seen: number[] = [];
    const got = await fake.Excel.run((ctx) =>
      readBlocks(
        ctx as unknown as Context,
        { sheet: 'Data', rowIndex: 0, columnIndex: 0, rows: 2_000, columns: 4 },
        (done) => seen.push(done),
        20_000,
      ),
    );
    expect(got.values).toEqual(rows);
    expect(got.retries).toBe(0);
    expect(got.reads).toBe(seen.length);
    expect(got.reads).toBeGreaterThan(3);
    for (const r of fake.stats.log) expect(r.responseBytes).toBeLessThanOrEqual(20_000);
  });

  it('halves a block Excel refuses as too big, and carries on', async () => {
    // Short rows first, so the estimate is small, then rows 40 times longer.
    const rows = Array.from({ length: 3_000 }, (_, i) => [
      `C${i}`,
      i < 1_000 ? 'x' : 'y'.repeat(400),
    ]);
    const fake = sheetOf(rows, 200_000);
    const got = await fake.Excel.run((ctx) =>
      readBlocks(
        ctx as unknown as Context,
        { sheet: 'Data', rowIndex: 0, columnIndex: 0, rows: 3_000, columns: 2 },
        () => {},
        200_000,
      ),
    );
    expect(got.retries).toBeGreaterThan(0);
    expect(got.values).toEqual(rows);
    expect(fake.stats.maxResponseBytes).toBeGreaterThan(200_000); // the refused reads
  });

  it('says which row is too big when one row alone passes the limit', async () => {
    const fake = sheetOf(
      [
        ['a', 'b'],
        ['C1', 'z'.repeat(5_000)],
      ],
      2_000,
    );
    await expect(
      fake.Excel.run((ctx) =>
        readBlocks(
          ctx as unknown as Context,
          { sheet: 'Data', rowIndex: 0, columnIndex: 0, rows: 2, columns: 2 },
          () => {},
          2_000,
        ),
      ),
    ).rejects.toThrow('Row 2 of Data holds more than Excel can send at once (5 MB)');
  });
});
