/**
 * A PaneHost over an in-memory table, for tests only: the pane's browser test runs the real UI and
 * the real core against it. It keeps the sheets it "wrote" and the cells it was asked to go to.
 */
import { analyze } from '../../core/analyze.js';
import { columnLetter } from '../../core/cell-address.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import type { SheetSpec } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { CellValue } from '../../core/types.js';
import { GROUP_SAMPLE_ROWS, groupCandidates } from '../../pane/group-candidates.js';
import { guessMapping } from '../../pane/guess-mapping.js';
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../../pane/host.js';
import { summarizeRun } from '../../pane/run-summary.js';

export class MemoryHost implements PaneHost {
  readonly name = 'memory' as const;
  written: SheetSpec[] = [];
  visited: string[] = [];
  /** Milliseconds to wait between stages, so a browser test can watch the progress bar move. */
  constructor(
    private values: CellValue[][],
    private sheet = 'Data',
    private stageDelay = 0,
  ) {}

  async detectTable(): Promise<DetectedTable> {
    if (this.values.length === 0)
      throw new Error('No table found: select a cell in your customer table and try again.');
    const headers = this.values[0].map((h) => String(h ?? '').trim());
    const width = Math.max(...this.values.map((r) => r.length));
    const mapping = guessMapping(headers);
    return {
      address: `${this.sheet}!A1:${columnLetter(width - 1)}${this.values.length}`,
      source: 'sheet',
      headers,
      rows: this.values.length - 1,
      mapping,
      groupCandidates: groupCandidates(
        this.values.slice(0, GROUP_SAMPLE_ROWS + 1),
        Object.values(mapping),
      ),
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
    const a = analyze({ values: this.values }, settings, options);
    if (!a.ok) throw new Error(a.error.message);
    onProgress({ stage: 'write', fraction: 0.7, message: 'Writing the report sheets…' });
    await this.pause();
    this.written = reportSheets(a.value);
    const summary = summarizeRun(
      a.value,
      this.written.map((s) => s.name),
      this.sheet,
    );
    onProgress({ stage: 'done', fraction: 1, message: 'Done.' });
    return summary;
  }

  async goTo(sheet: string, cell: string): Promise<void> {
    this.visited.push(`${sheet}!${cell}`);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.stageDelay));
  }
}
