/// <reference types="office-js" />
/**
 * Reads a block of cells in row blocks that each fit Excel on the web's 5 MB response limit.
 * A block's size follows the bytes of the rows read so far (long text needs smaller blocks than
 * numbers), not a fixed cell count; a block that still comes back too big
 * (ResponsePayloadSizeLimitExceeded) is read again in halves. One context.sync() per block.
 */
import type { SheetValue } from '../core/report/sheet-spec.js';
import type { CellValue } from '../core/types.js';
import { payloadBytes } from './render-excel.js';

/** Response bytes per read: under the 5 MB limit with room for the response's framing. */
export const READ_BUDGET = 4_000_000;
/**
 * The first block is a probe of at most this many rows, so the next blocks are sized from
 * measured rows rather than a guess (a guess too small for long text would be refused).
 */
const PROBE_ROWS = 256;
/** Bytes per cell assumed for the probe. */
const FIRST_GUESS_BYTES_PER_CELL = 48;
/** The next block aims at this share of the budget, so a somewhat wider stretch still fits. */
const HEADROOM = 0.75;

export interface CellBlock {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rows: number;
  columns: number;
}

export interface ReadResult {
  values: CellValue[][];
  /** Syncs that returned rows. */
  reads: number;
  /** Reads refused as too big and split in half. */
  retries: number;
}

const tooBig = (e: unknown): boolean =>
  (e as { code?: string } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Every row of `block`, top to bottom. `onBlock(done, total)` is called before each read.
 * Example: `await readBlocks(context, { sheet: 'Data', rowIndex: 0, columnIndex: 0, rows: 5001, columns: 12 })`.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  block: CellBlock,
  onBlock: (done: number, total: number) => void = () => {},
  budget = READ_BUDGET,
): Promise<ReadResult> {
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  const values: CellValue[][] = [];
  let reads = 0,
    retries = 0;
  let bytesPerRow = FIRST_GUESS_BYTES_PER_CELL * block.columns;
  for (let r = 0; r < block.rows; ) {
    let rows = Math.max(1, Math.min(block.rows - r, Math.floor((budget * HEADROOM) / bytesPerRow)));
    if (r === 0) rows = Math.min(rows, PROBE_ROWS);
    onBlock(r, block.rows);
    for (;;) {
      const range = sheet
        .getRangeByIndexes(block.rowIndex + r, block.columnIndex, rows, block.columns)
        .load('values');
      try {
        await context.sync();
      } catch (e) {
        if (!tooBig(e) || rows === 1) {
          if (tooBig(e))
            throw new Error(
              `Row ${block.rowIndex + r + 1} of ${block.sheet} holds more than Excel can send at once (5 MB): shorten its longest cells.`,
            );
          throw e;
        }
        rows = Math.ceil(rows / 2);
        retries++;
        continue;
      }
      const got = range.values as CellValue[][];
      for (const row of got) values.push(row);
      reads++;
      // The last block's bytes per row size the next one; never below half the previous estimate,
      // so a stretch of short rows cannot make the next block huge.
      bytesPerRow = Math.max(bytesPerRow * 0.5, payloadBytes(got as SheetValue[][]) / got.length);
      r += rows;
      break;
    }
  }
  return { values, reads, retries };
}
