/**
 * A PaneHost over an in-memory table, for tests only: the pane's browser test runs the real UI and
 * the real core against it. It keeps the sheets it "wrote" and the cells it was asked to go to.
 */
import { columnLetter } from '../../core/cell-address.js';
import { detectTable } from '../../core/detect-table.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { freeName, type SheetSpec, type SheetValue } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { CellValue } from '../../core/types.js';
import { analyzeTable } from '../../pane/analyze-table.js';
import { detectedTable } from '../../pane/detected-table.js';
import {
  type DetectedTable,
  type PaneHost,
  type Progress,
  type RunOptions,
  type RunSummary,
  reportOptions,
  type TableLocation,
} from '../../pane/host.js';
import { PaneError } from '../../pane/pane-error.js';
import { summarizeRun } from '../../pane/run-summary.js';

export class MemoryHost implements PaneHost {
  readonly name = 'memory' as const;
  written: SheetSpec[] = [];
  visited: string[] = [];
  /** Runs so far: each one reads the table; a What-if must not. */
  runs = 0;
  /** The settings each run was given, as the pane read them from its form. */
  settings: SettingsInput[] = [];
  /** Sheets added with addSheet, by name, with their rows. */
  added: { name: string; rows: SheetValue[][] }[] = [];
  /** Milliseconds to wait between stages, so a browser test can watch the progress bar move. */
  constructor(
    private values: CellValue[][],
    private sheet = 'Data',
    private stageDelay = 0,
  ) {}

  async detectTable(): Promise<DetectedTable> {
    const found = detectTable({ values: this.values });
    if (!found.ok) throw new PaneError(found.error);
    return detectedTable(found.value, this.location(), this.values);
  }

  /** The whole in-memory sheet, as Sheets' data range. */
  private location(): TableLocation {
    const width = Math.max(1, ...this.values.map((r) => r.length));
    return {
      source: 'sheet',
      sheetId: this.sheet,
      sheet: this.sheet,
      block: `A1:${columnLetter(width - 1)}${Math.max(1, this.values.length)}`,
    };
  }

  async run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options: RunOptions = {},
  ): Promise<RunSummary> {
    onProgress({
      stage: 'read',
      fraction: 0.1,
      message: `Reading ${this.values.length - 1} rows…`,
    });
    await this.pause();
    onProgress({
      stage: 'compute',
      fraction: 0.4,
      message: 'Pricing, segmenting and explaining customers…',
    });
    await this.pause();
    this.runs++;
    this.settings.push(settings);
    const a = analyzeTable({ values: this.values }, this.location(), settings, options);
    if (!a.ok) throw new PaneError(a.error);
    onProgress({ stage: 'write', fraction: 0.7, message: 'Writing the report sheets…' });
    await this.pause();
    this.written = reportSheets(a.value, reportOptions(options));
    const summary = summarizeRun(
      a.value,
      this.written.map((s) => s.name),
      this.sheet,
    );
    onProgress({ stage: 'done', fraction: 1, message: 'Done.', sheets: summary.sheets });
    return summary;
  }

  /** Replaces (or adds) the named sheets, leaving the other sheets it wrote. */
  async writeSheets(specs: SheetSpec[]): Promise<string[]> {
    for (const spec of specs) {
      const i = this.written.findIndex((s) => s.name === spec.name);
      if (i >= 0) this.written[i] = spec;
      else this.written.push(spec);
    }
    return specs.map((s) => s.name);
  }

  /** A new sheet under a free name, which then holds the table (as the selection would). */
  async addSheet(name: string, rows: SheetValue[][]): Promise<string> {
    const free = freeName(name, new Set([this.sheet, ...this.added.map((a) => a.name)]));
    this.added.push({ name: free, rows });
    this.values = rows;
    this.sheet = free;
    return free;
  }

  async goTo(sheet: string, cell: string): Promise<void> {
    this.visited.push(`${sheet}!${cell}`);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.stageDelay));
  }
}
