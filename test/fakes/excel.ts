/**
 * In-memory fake of the Office.js Excel API (the subset a report-writing add-in uses), for tests.
 *
 * What it mimics (see test/fakes/excel.test.ts for executable examples):
 *  - Proxy objects + a request queue. Setting properties / calling methods only queues work; nothing is
 *    applied or readable until `await context.sync()`. Reading a scalar property that was not loaded (and
 *    synced) throws PropertyNotLoaded, like the real runtime. (As in Office.js, a property you *set* on a proxy
 *    can be read back from that proxy without a load; it returns what you set, not what Excel made of it.)
 *  - Errors surface at sync (ItemNotFound, ItemAlreadyExists, InvalidArgument, ...) as `FakeOfficeError`
 *    (name "RichApi.Error", `.code`, `.debugInfo`). Operations queued before the failing one stay applied.
 *  - Every `context.sync()` is counted; the request payload (JSON of all queued arguments + per-action
 *    overhead) is estimated and a sync whose payload exceeds the Excel-on-the-web limit is rejected
 *    with RequestPayloadSizeLimitExceeded before anything is applied. Load responses are limited likewise
 *    (ResponsePayloadSizeLimitExceeded). Microsoft documents the limit only as "5MB" for requests and
 *    responses (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization
 *    #excel-add-ins); the fake takes the stricter reading, 5,000,000 bytes (PAYLOAD_LIMIT_BYTES), not 5 MiB,
 *    so code that passes here also passes if Excel means 5 × 1024 × 1024.
 *  - `Excel.run` does the implicit final sync when commands are still queued, and rejects with
 *    RunMustReturnPromise when the batch function does not return a promise.
 *  - Excel value-entry semantics: "=..." (and "+..." / "-non-number") becomes a formula, a leading apostrophe
 *    forces text, a leading "@" stays text (the Range.values reference names only "+", "-" and "=" as formula
 *    starts; option `atSignFormulas` models Excel's typed-in conversion "@SUM(A1)" -> "=SUM(A1)" instead),
 *    "@"-formatted cells keep strings verbatim, numeric-looking strings become numbers, "" clears,
 *    `null` (and NaN/Infinity, which JSON turns into null) leaves a cell unchanged; wrong 2-D sizes throw
 *    InvalidArgument; a non-array value is broadcast to every cell (numberFormat also broadcasts a 1x1 array).
 *  - Deleting a worksheet breaks the other sheets' formulas that reference it (`='Report'!C7` -> `=#REF!C7`),
 *    for good: a sheet added later under the same name does not mend them.
 *
 * Usage:
 *    const fake = createExcelFake();                       // workbook with "Sheet1"
 *    fake.workbook.seedSheet("Data", rows);                // not counted; also seedTable, seedSheetProperty,
 *    fake.workbook.select("Data", "C4");                   //   seedFormula, defineName, select
 *    await fake.Excel.run((ctx) => addinCode(ctx));        // or fake.install() to set globalThis.Excel
 *    fake.stats.syncs; fake.workbook.sheet("Report").isFormula("B7"); .values(); .tables(); .charts() ...
 *    fake.workbook.sheet("Data").actions                   // what was done to a sheet (e.g. [] = untouched)
 *
 * Not mimicked: formula calculation (formulas get a cached value of 0 unless trivial, or via the
 * `evaluateFormula` option), Range.insert/delete and other cell shifting (except tables' rows.add and
 * hasHeaders=false), moving tables/charts/conditional formats when cells shift, events, protection,
 * filters/sorting, data validation, pivot tables, RangeAreas, copyFrom, R1C1, locale-specific parsing
 * (en-US only), most number-format rendering subtleties in Range.text, exact request byte counts (an
 * estimate: JSON of the arguments + fixed per-action overhead), Office.js's requirement-set differences.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------------------
// Enums (string enums, copied from @types/office-js so `Excel.ChartType.columnClustered` etc. work)
// ---------------------------------------------------------------------------------------------------------

export const ExcelEnums = {
  ChartType: {
    invalid: 'Invalid',
    columnClustered: 'ColumnClustered',
    columnStacked: 'ColumnStacked',
    columnStacked100: 'ColumnStacked100',
    _3DColumnClustered: '3DColumnClustered',
    _3DColumnStacked: '3DColumnStacked',
    _3DColumnStacked100: '3DColumnStacked100',
    barClustered: 'BarClustered',
    barStacked: 'BarStacked',
    barStacked100: 'BarStacked100',
    _3DBarClustered: '3DBarClustered',
    _3DBarStacked: '3DBarStacked',
    _3DBarStacked100: '3DBarStacked100',
    lineStacked: 'LineStacked',
    lineStacked100: 'LineStacked100',
    lineMarkers: 'LineMarkers',
    lineMarkersStacked: 'LineMarkersStacked',
    lineMarkersStacked100: 'LineMarkersStacked100',
    pieOfPie: 'PieOfPie',
    pieExploded: 'PieExploded',
    _3DPieExploded: '3DPieExploded',
    barOfPie: 'BarOfPie',
    xyscatterSmooth: 'XYScatterSmooth',
    xyscatterSmoothNoMarkers: 'XYScatterSmoothNoMarkers',
    xyscatterLines: 'XYScatterLines',
    xyscatterLinesNoMarkers: 'XYScatterLinesNoMarkers',
    areaStacked: 'AreaStacked',
    areaStacked100: 'AreaStacked100',
    _3DAreaStacked: '3DAreaStacked',
    _3DAreaStacked100: '3DAreaStacked100',
    doughnutExploded: 'DoughnutExploded',
    radarMarkers: 'RadarMarkers',
    radarFilled: 'RadarFilled',
    surface: 'Surface',
    surfaceWireframe: 'SurfaceWireframe',
    surfaceTopView: 'SurfaceTopView',
    surfaceTopViewWireframe: 'SurfaceTopViewWireframe',
    bubble: 'Bubble',
    bubble3DEffect: 'Bubble3DEffect',
    stockHLC: 'StockHLC',
    stockOHLC: 'StockOHLC',
    stockVHLC: 'StockVHLC',
    stockVOHLC: 'StockVOHLC',
    cylinderColClustered: 'CylinderColClustered',
    cylinderColStacked: 'CylinderColStacked',
    cylinderColStacked100: 'CylinderColStacked100',
    cylinderBarClustered: 'CylinderBarClustered',
    cylinderBarStacked: 'CylinderBarStacked',
    cylinderBarStacked100: 'CylinderBarStacked100',
    cylinderCol: 'CylinderCol',
    coneColClustered: 'ConeColClustered',
    coneColStacked: 'ConeColStacked',
    coneColStacked100: 'ConeColStacked100',
    coneBarClustered: 'ConeBarClustered',
    coneBarStacked: 'ConeBarStacked',
    coneBarStacked100: 'ConeBarStacked100',
    coneCol: 'ConeCol',
    pyramidColClustered: 'PyramidColClustered',
    pyramidColStacked: 'PyramidColStacked',
    pyramidColStacked100: 'PyramidColStacked100',
    pyramidBarClustered: 'PyramidBarClustered',
    pyramidBarStacked: 'PyramidBarStacked',
    pyramidBarStacked100: 'PyramidBarStacked100',
    pyramidCol: 'PyramidCol',
    _3DColumn: '3DColumn',
    line: 'Line',
    _3DLine: '3DLine',
    _3DPie: '3DPie',
    pie: 'Pie',
    xyscatter: 'XYScatter',
    _3DArea: '3DArea',
    area: 'Area',
    doughnut: 'Doughnut',
    radar: 'Radar',
    histogram: 'Histogram',
    boxwhisker: 'Boxwhisker',
    pareto: 'Pareto',
    regionMap: 'RegionMap',
    treemap: 'Treemap',
    waterfall: 'Waterfall',
    sunburst: 'Sunburst',
    funnel: 'Funnel',
  },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  ConditionalFormatType: {
    custom: 'Custom',
    dataBar: 'DataBar',
    colorScale: 'ColorScale',
    iconSet: 'IconSet',
    topBottom: 'TopBottom',
    presetCriteria: 'PresetCriteria',
    containsText: 'ContainsText',
    cellValue: 'CellValue',
  },
  ConditionalCellValueOperator: {
    invalid: 'Invalid',
    between: 'Between',
    notBetween: 'NotBetween',
    equalTo: 'EqualTo',
    notEqualTo: 'NotEqualTo',
    greaterThan: 'GreaterThan',
    lessThan: 'LessThan',
    greaterThanOrEqual: 'GreaterThanOrEqual',
    lessThanOrEqual: 'LessThanOrEqual',
  },
  ConditionalFormatColorCriterionType: {
    invalid: 'Invalid',
    lowestValue: 'LowestValue',
    highestValue: 'HighestValue',
    number: 'Number',
    percent: 'Percent',
    formula: 'Formula',
    percentile: 'Percentile',
  },
  ConditionalFormatRuleType: {
    invalid: 'Invalid',
    automatic: 'Automatic',
    lowestValue: 'LowestValue',
    highestValue: 'HighestValue',
    number: 'Number',
    percent: 'Percent',
    formula: 'Formula',
    percentile: 'Percentile',
  },
  ConditionalTextOperator: {
    invalid: 'Invalid',
    contains: 'Contains',
    notContains: 'NotContains',
    beginsWith: 'BeginsWith',
    endsWith: 'EndsWith',
  },
  ConditionalTopBottomCriterionType: {
    invalid: 'Invalid',
    topItems: 'TopItems',
    topPercent: 'TopPercent',
    bottomItems: 'BottomItems',
    bottomPercent: 'BottomPercent',
  },
  ConditionalFormatPresetCriterion: {
    invalid: 'Invalid',
    blanks: 'Blanks',
    nonBlanks: 'NonBlanks',
    errors: 'Errors',
    nonErrors: 'NonErrors',
    yesterday: 'Yesterday',
    today: 'Today',
    tomorrow: 'Tomorrow',
    lastSevenDays: 'LastSevenDays',
    lastWeek: 'LastWeek',
    thisWeek: 'ThisWeek',
    nextWeek: 'NextWeek',
    lastMonth: 'LastMonth',
    thisMonth: 'ThisMonth',
    nextMonth: 'NextMonth',
    aboveAverage: 'AboveAverage',
    belowAverage: 'BelowAverage',
    equalOrAboveAverage: 'EqualOrAboveAverage',
    equalOrBelowAverage: 'EqualOrBelowAverage',
    oneStdDevAboveAverage: 'OneStdDevAboveAverage',
    oneStdDevBelowAverage: 'OneStdDevBelowAverage',
    twoStdDevAboveAverage: 'TwoStdDevAboveAverage',
    twoStdDevBelowAverage: 'TwoStdDevBelowAverage',
    threeStdDevAboveAverage: 'ThreeStdDevAboveAverage',
    threeStdDevBelowAverage: 'ThreeStdDevBelowAverage',
    uniqueValues: 'UniqueValues',
    duplicateValues: 'DuplicateValues',
  },
  ConditionalDataBarAxisFormat: {
    automatic: 'Automatic',
    none: 'None',
    cellMidPoint: 'CellMidPoint',
  },
  ConditionalDataBarDirection: {
    context: 'Context',
    leftToRight: 'LeftToRight',
    rightToLeft: 'RightToLeft',
  },
  ConditionalIconCriterionOperator: {
    invalid: 'Invalid',
    greaterThan: 'GreaterThan',
    greaterThanOrEqual: 'GreaterThanOrEqual',
  },
  IconSet: {
    invalid: 'Invalid',
    threeArrows: 'ThreeArrows',
    threeArrowsGray: 'ThreeArrowsGray',
    threeFlags: 'ThreeFlags',
    threeTrafficLights1: 'ThreeTrafficLights1',
    threeTrafficLights2: 'ThreeTrafficLights2',
    threeSigns: 'ThreeSigns',
    threeSymbols: 'ThreeSymbols',
    threeSymbols2: 'ThreeSymbols2',
    fourArrows: 'FourArrows',
    fourArrowsGray: 'FourArrowsGray',
    fourRedToBlack: 'FourRedToBlack',
    fourRating: 'FourRating',
    fourTrafficLights: 'FourTrafficLights',
    fiveArrows: 'FiveArrows',
    fiveArrowsGray: 'FiveArrowsGray',
    fiveRating: 'FiveRating',
    fiveQuarters: 'FiveQuarters',
    threeStars: 'ThreeStars',
    threeTriangles: 'ThreeTriangles',
    fiveBoxes: 'FiveBoxes',
  },
  HorizontalAlignment: {
    general: 'General',
    left: 'Left',
    center: 'Center',
    right: 'Right',
    fill: 'Fill',
    justify: 'Justify',
    centerAcrossSelection: 'CenterAcrossSelection',
    distributed: 'Distributed',
  },
  VerticalAlignment: {
    top: 'Top',
    center: 'Center',
    bottom: 'Bottom',
    justify: 'Justify',
    distributed: 'Distributed',
  },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  ClearApplyTo: {
    all: 'All',
    formats: 'Formats',
    contents: 'Contents',
    hyperlinks: 'Hyperlinks',
    removeHyperlinks: 'RemoveHyperlinks',
    resetContents: 'ResetContents',
  },
  BorderIndex: {
    edgeTop: 'EdgeTop',
    edgeBottom: 'EdgeBottom',
    edgeLeft: 'EdgeLeft',
    edgeRight: 'EdgeRight',
    insideVertical: 'InsideVertical',
    insideHorizontal: 'InsideHorizontal',
    diagonalDown: 'DiagonalDown',
    diagonalUp: 'DiagonalUp',
  },
  BorderLineStyle: {
    none: 'None',
    continuous: 'Continuous',
    dash: 'Dash',
    dashDot: 'DashDot',
    dashDotDot: 'DashDotDot',
    dot: 'Dot',
    double: 'Double',
    slantDashDot: 'SlantDashDot',
  },
  BorderWeight: { hairline: 'Hairline', thin: 'Thin', medium: 'Medium', thick: 'Thick' },
  ChartLegendPosition: {
    invalid: 'Invalid',
    top: 'Top',
    bottom: 'Bottom',
    left: 'Left',
    right: 'Right',
    corner: 'Corner',
    custom: 'Custom',
  },
  ChartAxisType: { invalid: 'Invalid', category: 'Category', value: 'Value', series: 'Series' },
  ChartAxisGroup: { primary: 'Primary', secondary: 'Secondary' },
  ChartDataLabelPosition: {
    invalid: 'Invalid',
    none: 'None',
    center: 'Center',
    insideEnd: 'InsideEnd',
    insideBase: 'InsideBase',
    outsideEnd: 'OutsideEnd',
    left: 'Left',
    right: 'Right',
    top: 'Top',
    bottom: 'Bottom',
    bestFit: 'BestFit',
    callout: 'Callout',
  },
  ChartMarkerStyle: {
    invalid: 'Invalid',
    automatic: 'Automatic',
    none: 'None',
    square: 'Square',
    diamond: 'Diamond',
    triangle: 'Triangle',
    x: 'X',
    star: 'Star',
    dot: 'Dot',
    dash: 'Dash',
    circle: 'Circle',
    plus: 'Plus',
    picture: 'Picture',
  },
  NamedItemType: {
    string: 'String',
    integer: 'Integer',
    double: 'Double',
    boolean: 'Boolean',
    range: 'Range',
    error: 'Error',
    array: 'Array',
  },
  RangeValueType: {
    unknown: 'Unknown',
    empty: 'Empty',
    string: 'String',
    integer: 'Integer',
    double: 'Double',
    boolean: 'Boolean',
    error: 'Error',
    richValue: 'RichValue',
  },
  DeleteShiftDirection: { up: 'Up', left: 'Left' },
  InsertShiftDirection: { down: 'Down', right: 'Right' },
  CalculationMode: {
    automatic: 'Automatic',
    automaticExceptTables: 'AutomaticExceptTables',
    manual: 'Manual',
  },
  CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
  RangeUnderlineStyle: {
    none: 'None',
    single: 'Single',
    double: 'Double',
    singleAccountant: 'SingleAccountant',
    doubleAccountant: 'DoubleAccountant',
  },
  ChartTitlePosition: {
    automatic: 'Automatic',
    top: 'Top',
    bottom: 'Bottom',
    left: 'Left',
    right: 'Right',
  },
  ChartLineStyle: {
    none: 'None',
    continuous: 'Continuous',
    dash: 'Dash',
    dashDot: 'DashDot',
    dashDotDot: 'DashDotDot',
    dot: 'Dot',
    grey25: 'Grey25',
    grey50: 'Grey50',
    grey75: 'Grey75',
    automatic: 'Automatic',
    roundDot: 'RoundDot',
  },
  ChartAxisDisplayUnit: {
    none: 'None',
    hundreds: 'Hundreds',
    thousands: 'Thousands',
    tenThousands: 'TenThousands',
    hundredThousands: 'HundredThousands',
    millions: 'Millions',
    tenMillions: 'TenMillions',
    hundredMillions: 'HundredMillions',
    billions: 'Billions',
    trillions: 'Trillions',
    custom: 'Custom',
  },
  WorksheetPositionType: {
    none: 'None',
    before: 'Before',
    after: 'After',
    beginning: 'Beginning',
    end: 'End',
  },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    apiNotFound: 'ApiNotFound',
    conflict: 'Conflict',
    generalException: 'GeneralException',
    insertDeleteConflict: 'InsertDeleteConflict',
    invalidArgument: 'InvalidArgument',
    invalidBinding: 'InvalidBinding',
    invalidOperation: 'InvalidOperation',
    invalidReference: 'InvalidReference',
    invalidSelection: 'InvalidSelection',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    mergedRangeConflict: 'MergedRangeConflict',
    nonBlankCellOffSheet: 'NonBlankCellOffSheet',
    notImplemented: 'NotImplemented',
    rangeExceedsLimit: 'RangeExceedsLimit',
    requestAborted: 'RequestAborted',
    requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
    responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
    unsupportedOperation: 'UnsupportedOperation',
    unsupportedFeature: 'UnsupportedFeature',
    propertyNotLoaded: 'PropertyNotLoaded',
    valueNotLoaded: 'ValueNotLoaded',
    invalidObjectPath: 'InvalidObjectPath',
    invalidRequestContext: 'InvalidRequestContext',
    runMustReturnPromise: 'RunMustReturnPromise',
  },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Mirrors OfficeExtension.Error: name "RichApi.Error", a `code` such as "InvalidArgument", and `debugInfo`. */
export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null = null;
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Thrown (synchronously) when the add-in uses something this fake does not implement. Not an Excel error. */
export class FakeNotImplementedError extends Error {
  override name = 'FakeNotImplementedError';
}

const MSG = {
  itemNotFound: "The requested resource doesn't exist.",
  itemAlreadyExists: 'A resource with the same name or identifier already exists.',
  invalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  invalidOperation: 'The operation is invalid for the object.',
  sizeMismatch:
    "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  requestPayload:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  responsePayload:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  valueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  runMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
};

function notLoaded(prop: string, type: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${prop}`,
  );
}
const err = {
  notFound: (loc?: string, detail?: string) =>
    new FakeOfficeError(
      'ItemNotFound',
      detail ? `${MSG.itemNotFound} (${detail})` : MSG.itemNotFound,
      loc,
    ),
  exists: (loc?: string, detail?: string) =>
    new FakeOfficeError(
      'ItemAlreadyExists',
      detail ? `${MSG.itemAlreadyExists} (${detail})` : MSG.itemAlreadyExists,
      loc,
    ),
  arg: (loc?: string, detail?: string) =>
    new FakeOfficeError(
      'InvalidArgument',
      detail ? `${MSG.invalidArgument} (${detail})` : MSG.invalidArgument,
      loc,
    ),
  op: (loc?: string, detail?: string) =>
    new FakeOfficeError(
      'InvalidOperation',
      detail ? `${MSG.invalidOperation} (${detail})` : MSG.invalidOperation,
      loc,
    ),
};

// ---------------------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------------------

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** 0-based rectangle. */
export interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

export function columnLetters(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const isFullCols = (r: Rect) => r.r0 === 0 && r.rows === MAX_ROWS;
const isFullRows = (r: Rect) => r.c0 === 0 && r.cols === MAX_COLS;

export function rectAddress(r: Rect): string {
  const full = isFullCols(r);
  const fullR = isFullRows(r);
  if (full && fullR) return `1:${MAX_ROWS}`;
  if (full) return `${columnLetters(r.c0)}:${columnLetters(r.c0 + r.cols - 1)}`;
  if (fullR) return `${r.r0 + 1}:${r.r0 + r.rows}`;
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  if (r.rows === 1 && r.cols === 1) return a;
  return `${a}:${columnLetters(r.c0 + r.cols - 1)}${r.r0 + r.rows}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, r: Rect): string {
  return `${quoteSheetName(sheetName)}!${rectAddress(r)}`;
}

interface ParsedRef {
  col?: number;
  row?: number;
}
function parseRef(s: string): ParsedRef | null {
  const m = /^\$?([A-Za-z]{1,3})?(\$?)(\d+)?$/.exec(s);
  if (!m || (m[1] === undefined && m[3] === undefined)) return null;
  if (m[1] === undefined && m[2] === '$') return null;
  const out: ParsedRef = {};
  if (m[1] !== undefined) {
    out.col = columnIndex(m[1]);
    if (out.col >= MAX_COLS) return null;
  }
  if (m[3] !== undefined) {
    out.row = Number(m[3]) - 1;
    if (out.row < 0 || out.row >= MAX_ROWS) return null;
  }
  return out;
}

/** Parses "A1", "$A$1:$C$10", "A:C", "2:5", "Sheet1!A1:B2", "'My sheet'!B2". Returns null when invalid. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } | null {
  let rest = address.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    let s = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    if (s.startsWith("'") && s.endsWith("'") && s.length >= 2)
      s = s.slice(1, -1).replace(/''/g, "'");
    if (!s) return null;
    sheet = s;
  }
  const parts = rest.split(':');
  if (parts.length > 2 || parts.length === 0) return null;
  const a = parseRef(parts[0]);
  const b = parts.length === 2 ? parseRef(parts[1]) : a;
  if (!a || !b) return null;
  const aCol = a.col !== undefined;
  const aRow = a.row !== undefined;
  if (aCol !== (b.col !== undefined) || aRow !== (b.row !== undefined)) return null;
  let rect: Rect;
  if (aCol && aRow) {
    const r0 = Math.min(a.row!, b.row!);
    const c0 = Math.min(a.col!, b.col!);
    rect = { r0, c0, rows: Math.abs(a.row! - b.row!) + 1, cols: Math.abs(a.col! - b.col!) + 1 };
  } else if (aCol) {
    if (parts.length === 1) return null; // "A" alone is not a range
    const c0 = Math.min(a.col!, b.col!);
    rect = { r0: 0, c0, rows: MAX_ROWS, cols: Math.abs(a.col! - b.col!) + 1 };
  } else {
    if (parts.length === 1) return null; // "5" alone is not a range
    const r0 = Math.min(a.row!, b.row!);
    rect = { r0, c0: 0, rows: Math.abs(a.row! - b.row!) + 1, cols: MAX_COLS };
  }
  return { sheet, rect };
}

function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols
  );
}
function rectIntersection(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.r0, b.r0);
  const c0 = Math.max(a.c0, b.c0);
  const r1 = Math.min(a.r0 + a.rows, b.r0 + b.rows);
  const c1 = Math.min(a.c0 + a.cols, b.c0 + b.cols);
  if (r1 <= r0 || c1 <= c0) return null;
  return { r0, c0, rows: r1 - r0, cols: c1 - c0 };
}
function rectUnion(a: Rect, b: Rect): Rect {
  const r0 = Math.min(a.r0, b.r0);
  const c0 = Math.min(a.c0, b.c0);
  const r1 = Math.max(a.r0 + a.rows, b.r0 + b.rows);
  const c1 = Math.max(a.c0 + a.cols, b.c0 + b.cols);
  return { r0, c0, rows: r1 - r0, cols: c1 - c0 };
}
function rectInSheet(r: Rect): boolean {
  return (
    Number.isInteger(r.r0) &&
    Number.isInteger(r.c0) &&
    Number.isInteger(r.rows) &&
    Number.isInteger(r.cols) &&
    r.r0 >= 0 &&
    r.c0 >= 0 &&
    r.rows >= 1 &&
    r.cols >= 1 &&
    r.r0 + r.rows <= MAX_ROWS &&
    r.c0 + r.cols <= MAX_COLS
  );
}

// ---------------------------------------------------------------------------------------------------------
// Colors
// ---------------------------------------------------------------------------------------------------------

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  lime: '#00FF00',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  cyan: '#00FFFF',
  aqua: '#00FFFF',
  magenta: '#FF00FF',
  fuchsia: '#FF00FF',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  maroon: '#800000',
  olive: '#808000',
  purple: '#800080',
  teal: '#008080',
  navy: '#000080',
  orange: '#FFA500',
  pink: '#FFC0CB',
  brown: '#A52A2A',
  gold: '#FFD700',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkgray: '#A9A9A9',
  darkgrey: '#A9A9A9',
  lightblue: '#ADD8E6',
  darkblue: '#00008B',
  lightgreen: '#90EE90',
  darkgreen: '#006400',
  darkred: '#8B0000',
  lightyellow: '#FFFFE0',
  orangered: '#FF4500',
  salmon: '#FA8072',
  tomato: '#FF6347',
  coral: '#FF7F50',
  khaki: '#F0E68C',
  indigo: '#4B0082',
  violet: '#EE82EE',
  beige: '#F5F5DC',
  ivory: '#FFFFF0',
  lavender: '#E6E6FA',
  crimson: '#DC143C',
  whitesmoke: '#F5F5F5',
  gainsboro: '#DCDCDC',
  steelblue: '#4682B4',
  skyblue: '#87CEEB',
  seagreen: '#2E8B57',
  forestgreen: '#228B22',
  firebrick: '#B22222',
  goldenrod: '#DAA520',
  slategray: '#708090',
  dimgray: '#696969',
  honeydew: '#F0FFF0',
  mistyrose: '#FFE4E1',
  aliceblue: '#F0F8FF',
  azure: '#F0FFFF',
  lemonchiffon: '#FFFACD',
};

/** Normalizes "#abc", "#aabbcc", "red" to "#AABBCC" as Excel reports colors; throws InvalidArgument otherwise. */
export function normalizeColor(v: unknown, loc?: string): string {
  if (typeof v !== 'string') throw err.arg(loc, `color must be a string, got ${JSON.stringify(v)}`);
  const s = v.trim();
  let m = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#([0-9a-fA-F]{3})$/.exec(s);
  if (m)
    return `#${m[1]
      .split('')
      .map((c) => c + c)
      .join('')
      .toUpperCase()}`;
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  if (/^[A-Za-z]+$/.test(s)) return s; // other HTML color names: accepted, kept as given
  throw err.arg(loc, `invalid color ${JSON.stringify(v)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Cell values: Excel's typed-input coercion, and a small number formatter for Range.text
// ---------------------------------------------------------------------------------------------------------

export type CellValue = string | number | boolean;

export const ERROR_VALUES: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

interface NumberParse {
  value: number;
  autoFormat?: string;
}

const NUM_RE =
  /^\s*(\()?\s*([+-])?\s*(\$)?\s*([+-])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(%)?\s*(\))?\s*$/;

/** Parses numeric-looking text the way typed input would be (en-US): "12", "-5", "1,234", "12.5%", "$1,000", "(3)". */
export function parseNumberLike(s: string): NumberParse | null {
  const m = NUM_RE.exec(s);
  if (!m) return null;
  const [, open, sign1, dollar, sign2, body, exp, pct, close] = m;
  if (!!open !== !!close) return null;
  if (sign1 && sign2) return null;
  if (open && (sign1 || sign2)) return null;
  let v = Number(body.replace(/,/g, '') + (exp !== undefined ? `e${exp}` : ''));
  if (!Number.isFinite(v)) return null;
  if (sign1 === '-' || sign2 === '-' || open) v = -v;
  const decimals = /\.(\d+)/.exec(body)?.[1]?.length ?? 0;
  let autoFormat: string | undefined;
  if (pct) {
    v = v / 100;
    autoFormat = decimals > 0 ? '0.00%' : '0%';
  } else if (dollar) {
    autoFormat = decimals > 0 ? '$#,##0.00' : '$#,##0';
  } else if (body.includes(',')) {
    autoFormat = decimals > 0 ? '#,##0.00' : '#,##0';
  } else if (exp !== undefined) {
    autoFormat = '0.00E+00';
  }
  return { value: v, autoFormat };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
function dateSerial(y: number, mo: number, d: number): number | null {
  const t = Date.UTC(y, mo - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
    return null;
  if (y < 1900 || y > 9999) return null;
  return Math.round((t - EXCEL_EPOCH_MS) / 86400000);
}
/** "2024-03-01" and "3/1/2024" (en-US) become date serials, like typed input. */
function parseDateLike(s: string): NumberParse | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const v = dateSerial(+m[1], +m[2], +m[3]);
    return v === null ? null : { value: v, autoFormat: 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const v = dateSerial(+m[3], +m[1], +m[2]);
    return v === null ? null : { value: v, autoFormat: 'm/d/yyyy' };
  }
  return null;
}

/** Arithmetic on number literals only (+ - * / ^ %, parentheses); undefined for anything else. */
function evaluateArithmetic(src: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (src[i] === ' ') i++;
  };
  const num = (): number | undefined => {
    ws();
    const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const atom = (): number | undefined => {
    ws();
    if (src[i] === '(') {
      i++;
      const v = expr();
      ws();
      if (v === undefined || src[i] !== ')') return undefined;
      i++;
      return v;
    }
    if (src[i] === '-' || src[i] === '+') {
      const neg = src[i++] === '-';
      const v = atom();
      return v === undefined ? undefined : neg ? -v : v;
    }
    let v = num();
    ws();
    while (v !== undefined && src[i] === '%') {
      i++;
      v /= 100;
      ws();
    }
    return v;
  };
  const power = (): number | undefined => {
    let v = atom();
    ws();
    while (v !== undefined && src[i] === '^') {
      i++;
      const e = atom();
      v = e === undefined ? undefined : v ** e;
      ws();
    }
    return v;
  };
  const term = (): number | undefined => {
    let v = power();
    ws();
    while (v !== undefined && (src[i] === '*' || src[i] === '/')) {
      const op = src[i++];
      const r = power();
      v = r === undefined ? undefined : op === '*' ? v * r : v / r;
      ws();
    }
    return v;
  };
  const expr = (): number | undefined => {
    let v = term();
    ws();
    while (v !== undefined && (src[i] === '+' || src[i] === '-')) {
      const op = src[i++];
      const r = term();
      v = r === undefined ? undefined : op === '+' ? v + r : v - r;
      ws();
    }
    return v;
  };
  const v = expr();
  ws();
  return i === src.length && v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Evaluates trivial formulas (=5, =1+2*3, ="x", =TRUE); anything else is delegated to the hook, else 0. */
function evaluateFormulaLiteral(f: string): CellValue | undefined {
  const arith = evaluateArithmetic(f.slice(1));
  if (arith !== undefined) return arith;
  let body = f.slice(1).trim();
  while (body.startsWith('+')) body = body.slice(1).trim();
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(body)) return Number(body);
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return str[1].replace(/""/g, '"');
  if (/^TRUE$/i.test(body)) return true;
  if (/^FALSE$/i.test(body)) return false;
  if (ERROR_VALUES.has(body.toUpperCase())) return body.toUpperCase();
  return undefined;
}

function splitFormatSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQ = !inQ;
    if (ch === '\\' && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === ';' && !inQ) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function formatGeneral(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e11 || a < 1e-9)
    return v
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace(/E([+-])(\d)$/, 'E$10$2')
      .toUpperCase();
  return String(Number(v.toPrecision(10)));
}

function formatDate(serial: number, fmt: string): string {
  const ms = EXCEL_EPOCH_MS + Math.round(serial * 86400000);
  const d = new Date(ms);
  const Y = d.getUTCFullYear(),
    M = d.getUTCMonth() + 1,
    D = d.getUTCDate();
  const h = d.getUTCHours(),
    mi = d.getUTCMinutes(),
    s = d.getUTCSeconds();
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const ampm = /AM\/PM/i.test(fmt);
  const pad = (n: number) => String(n).padStart(2, '0');
  let out = '';
  let prevWasHour = false;
  const re = /yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|AM\/PM|"[^"]*"|\\.|./gi;
  let t: RegExpExecArray | null;
  while ((t = re.exec(fmt))) {
    const tok = t[0];
    const low = tok.toLowerCase();
    if (low === 'yyyy') out += Y;
    else if (low === 'yy') out += pad(Y % 100);
    else if (low === 'mmmm')
      out += new Date(ms).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    else if (low === 'mmm') out += months[M - 1];
    else if (low === 'mm') out += prevWasHour ? pad(mi) : pad(M);
    else if (low === 'm') out += prevWasHour ? String(mi) : String(M);
    else if (low === 'dd') out += pad(D);
    else if (low === 'd') out += String(D);
    else if (low === 'hh') out += pad(ampm ? ((h + 11) % 12) + 1 : h);
    else if (low === 'h') out += String(ampm ? ((h + 11) % 12) + 1 : h);
    else if (low === 'ss') out += pad(s);
    else if (low === 's') out += String(s);
    else if (low === 'am/pm') out += h < 12 ? 'AM' : 'PM';
    else if (tok.startsWith('"')) out += tok.slice(1, -1);
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else out += tok;
    if (low === 'hh' || low === 'h') prevWasHour = true;
    else if (!/^[:\s]$/.test(tok)) prevWasHour = false;
  }
  return out;
}

function formatNumberSection(v: number, sec: string): string {
  // strip colors/conditions/locale tags, padding and fill directives
  const f = sec
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, ' ')
    .replace(/\*./g, '');
  const unquoted = f.replace(/"[^"]*"/g, '');
  if (/[ymdhs]/i.test(unquoted) && !/[0#]/.test(unquoted)) return formatDate(v, f);
  const pct = (unquoted.match(/%/g) ?? []).length;
  let x = v * 100 ** pct;
  const numMatch = /[0#?][0#?,]*(\.[0#?]*)?([eE][+-][0#]+)?/.exec(unquoted);
  if (!numMatch) return f.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const pattern = numMatch[0];
  const decimals = numMatch[1] ? numMatch[1].length - 1 : 0;
  const grouping = /[0#],[0#]/.test(pattern);
  let body: string;
  if (numMatch[2]) {
    body = Math.abs(x)
      .toExponential(decimals)
      .toUpperCase()
      .replace(/E([+-])(\d)$/, 'E$10$2');
  } else {
    x = Math.abs(x);
    body = x.toFixed(decimals);
    if (grouping) {
      const [i, d] = body.split('.');
      body = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d !== undefined ? `.${d}` : '');
    }
    if (!/0/.test(pattern.split('.')[0]) && body.startsWith('0')) body = body.slice(1);
  }
  // rebuild: literal text around the numeric pattern
  const idx = f.indexOf(pattern);
  const pre = idx >= 0 ? f.slice(0, idx) : '';
  const post = idx >= 0 ? f.slice(idx + pattern.length) : '';
  const lit = (s: string) => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  return lit(pre) + body + lit(post);
}

/** Approximates Range.text for a value under a number format (General, 0.00, #,##0, 0%, $..., dates, @). */
export function formatCellText(v: CellValue | undefined, fmt: string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const format = fmt ?? 'General';
  if (typeof v === 'string') {
    const secs = splitFormatSections(format);
    if (secs.length >= 4) return secs[3].replace(/@/g, v).replace(/"([^"]*)"/g, '$1');
    return v;
  }
  if (format === 'General' || format === '@') return formatGeneral(v);
  const secs = splitFormatSections(format);
  let sec = secs[0];
  let val = v;
  if (v < 0 && secs.length >= 2) {
    sec = secs[1];
    val = -v;
  } else if (v === 0 && secs.length >= 3) sec = secs[2];
  if (/^\s*General\s*$/i.test(sec)) return formatGeneral(val);
  const text = formatNumberSection(val, sec);
  return v < 0 && secs.length < 2 ? `-${text}` : text;
}

function utf8Length(s: string): number {
  if (typeof Buffer !== 'undefined') return Buffer.byteLength(s, 'utf8');
  return new TextEncoder().encode(s).length;
}
function stringJsonBytes(s: string): number {
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    else if (c === 34 || c === 92) n += 1;
    else if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return n;
}
function integerJsonBytes(v: number): number {
  let a = v < 0 ? -v : v;
  let n = v < 0 ? 2 : 1;
  while (a >= 10) {
    a /= 10;
    n++;
  }
  return n;
}
/** Length of a finite non-integer's shortest representation, found without allocating a string. */
function floatJsonBytes(v: number): number {
  const a = v < 0 ? -v : v;
  if (a < 1e-6 || a >= 1e15) return String(v).length;
  const ip = Math.floor(a);
  const n = (v < 0 ? 1 : 0) + integerJsonBytes(ip) + 1;
  let p = 10;
  for (let k = 1; k <= 17; k++, p *= 10) if (Math.round(a * p) / p === a) return n + k;
  return String(v).length;
}
/** UTF-8 length of JSON.stringify(v), computed without building the string for arrays of primitives. */
function jsonBytes(v: unknown): number {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) return 4;
      if (Number.isInteger(v)) return Math.abs(v) < 1e15 ? integerJsonBytes(v) : String(v).length;
      return floatJsonBytes(v);
    case 'string':
      return stringJsonBytes(v);
    case 'boolean':
      return v ? 4 : 5;
    case 'undefined':
      return 0;
    default:
      if (v === null) return 4;
      if (Array.isArray(v)) {
        let n = 2 + Math.max(0, v.length - 1);
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          n += x === undefined || typeof x === 'function' ? 4 : jsonBytes(x);
        }
        return n;
      }
      {
        const s = JSON.stringify(v);
        return s === undefined ? 0 : utf8Length(s);
      }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Storage: sparse row-major layers (one small array per touched row, allocated lazily)
// ---------------------------------------------------------------------------------------------------------

/**
 * One cell attribute for a whole sheet. Per-cell entries live in `rows[r][c]`; whole-column / whole-row /
 * whole-sheet settings (e.g. formatting "C:C") live in colDef / rowDef / allDef so they cost O(1).
 * Lookup precedence: cell > row > column > sheet.
 */
export class Layer<T> {
  rows: (Array<T | undefined> | undefined)[] = [];
  colDef = new Map<number, T>();
  rowDef = new Map<number, T>();
  allDef: T | undefined = undefined;
  private cachedBounds: Rect | null | undefined = null;

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    if (row !== undefined) {
      const v = row[c];
      if (v !== undefined) return v;
    }
    if (this.rowDef.size !== 0) {
      const v = this.rowDef.get(r);
      if (v !== undefined) return v;
    }
    if (this.colDef.size !== 0) {
      const v = this.colDef.get(c);
      if (v !== undefined) return v;
    }
    return this.allDef;
  }
  /** Per-cell entry only (ignores row/column/sheet defaults). */
  cell(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }
  rowArray(r: number): Array<T | undefined> {
    let a = this.rows[r];
    if (a === undefined) {
      a = [];
      this.rows[r] = a;
    }
    return a;
  }
  set(r: number, c: number, v: T | undefined): void {
    if (v === undefined) {
      const a = this.rows[r];
      if (a !== undefined && c < a.length && a[c] !== undefined) {
        a[c] = undefined;
        this.cachedBounds = undefined;
      }
      return;
    }
    this.rowArray(r)[c] = v;
    this.touch(r, c);
  }
  /** Keep the cached bounding box current without rescanning. */
  touch(r: number, c: number): void {
    const b = this.cachedBounds;
    if (b === undefined) return;
    if (b === null) {
      this.cachedBounds = { r0: r, c0: c, rows: 1, cols: 1 };
      return;
    }
    if (r >= b.r0 && r < b.r0 + b.rows && c >= b.c0 && c < b.c0 + b.cols) return;
    this.cachedBounds = rectUnion(b, { r0: r, c0: c, rows: 1, cols: 1 });
  }
  invalidate(): void {
    this.cachedBounds = undefined;
  }
  /** Sets (or with `undefined` clears) a rectangle; whole rows/columns use the O(1) defaults. */
  setRect(rect: Rect, v: T | undefined): void {
    const fullC = isFullCols(rect);
    const fullR = isFullRows(rect);
    if (fullC && fullR) {
      this.allDef = v;
      this.rows = [];
      this.colDef.clear();
      this.rowDef.clear();
      this.cachedBounds = null;
      return;
    }
    if (fullC) {
      for (let c = rect.c0; c < rect.c0 + rect.cols; c++) {
        if (v === undefined) this.colDef.delete(c);
        else this.colDef.set(c, v);
      }
      this.clearCells(rect);
      return;
    }
    if (fullR) {
      for (let r = rect.r0; r < rect.r0 + rect.rows; r++) {
        if (v === undefined) this.rowDef.delete(r);
        else this.rowDef.set(r, v);
      }
      this.clearCells(rect);
      return;
    }
    if (v === undefined) {
      this.clearCells(rect);
      return;
    }
    const cEnd = rect.c0 + rect.cols;
    for (let r = rect.r0; r < rect.r0 + rect.rows; r++) {
      let a = this.rows[r];
      if (a === undefined) {
        a = new Array(cEnd);
        this.rows[r] = a;
      }
      for (let c = rect.c0; c < cEnd; c++) a[c] = v;
    }
    const b = this.cachedBounds;
    if (b === null) this.cachedBounds = { ...rect };
    else if (b !== undefined) this.cachedBounds = rectUnion(b, rect);
  }
  /** Removes per-cell entries inside rect (only visits rows that exist). */
  clearCells(rect: Rect): void {
    const rEnd = Math.min(rect.r0 + rect.rows, this.rows.length);
    const cEnd = rect.c0 + rect.cols;
    for (let r = rect.r0; r < rEnd; r++) {
      const a = this.rows[r];
      if (a === undefined) continue;
      const e = Math.min(cEnd, a.length);
      for (let c = rect.c0; c < e; c++) a[c] = undefined;
    }
    this.cachedBounds = undefined;
  }
  /** Bounding box of per-cell entries, or null. */
  bounds(): Rect | null {
    if (this.cachedBounds !== undefined) return this.cachedBounds;
    let r0 = -1,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const a = rows[r];
      if (a === undefined) continue;
      let first = -1,
        last = -1;
      for (let c = 0; c < a.length; c++) {
        if (a[c] !== undefined) {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (first < 0) continue;
      if (r0 < 0) r0 = r;
      r1 = r;
      if (first < c0) c0 = first;
      if (last > c1) c1 = last;
    }
    this.cachedBounds = r0 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
    return this.cachedBounds;
  }
  /** Calls fn for every per-cell entry (row-major). */
  forEach(fn: (r: number, c: number, v: T) => void): void {
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const a = rows[r];
      if (a === undefined) continue;
      for (let c = 0; c < a.length; c++) {
        const v = a[c];
        if (v !== undefined) fn(r, c, v);
      }
    }
  }
}

export const FORMAT_DEFAULTS = {
  numberFormat: 'General',
  fill: undefined as string | undefined, // no fill (Range reads it back as "#FFFFFF")
  bold: false,
  italic: false,
  fontColor: '#000000',
  fontName: 'Calibri',
  fontSize: 11,
  underline: 'None',
  strikethrough: false,
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
  wrapText: false,
  indentLevel: 0,
};
export type FormatKey = keyof typeof FORMAT_DEFAULTS;
const _FORMAT_KEYS = Object.keys(FORMAT_DEFAULTS) as FormatKey[];

export interface Hyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export class Grid {
  readonly values = new Layer<CellValue>();
  readonly formulas = new Layer<string>();
  readonly hyperlinks = new Layer<Hyperlink>();
  readonly formats = new Map<FormatKey, Layer<unknown>>();
  fmt<T>(k: FormatKey): Layer<T> {
    let l = this.formats.get(k);
    if (!l) {
      l = new Layer<unknown>();
      this.formats.set(k, l);
    }
    return l as Layer<T>;
  }
  fget(k: FormatKey, r: number, c: number): unknown {
    const l = this.formats.get(k);
    const v = l === undefined ? undefined : l.get(r, c);
    return v === undefined ? FORMAT_DEFAULTS[k] : v;
  }
  numberFormat(r: number, c: number): string {
    return this.fget('numberFormat', r, c) as string;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Models (the "workbook" state; proxies resolve to these during sync)
// ---------------------------------------------------------------------------------------------------------

export interface BagModel {
  props: Record<string, unknown>;
  kids: Record<string, BagModel>;
}
const newBag = (props: Record<string, unknown> = {}): BagModel => ({ props, kids: {} });
function bagChild(m: BagModel, name: string): BagModel {
  let k = m.kids[name];
  if (!k) {
    k = newBag();
    m.kids[name] = k;
  }
  return k;
}

export interface TableModel {
  id: string;
  legacyId: string;
  name: string;
  sheet: FakeSheet;
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showFilterButton: boolean;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  deleted: boolean;
}

export interface SeriesModel extends BagModel {
  chart: ChartModel;
  values?: string;
  xValues?: string;
  bubbleSizes?: string;
  deleted: boolean;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  sheet: FakeSheet;
  sourceAddress?: string;
  seriesBy: string;
  top: number;
  left: number;
  width: number;
  height: number;
  position?: { startCell: string; endCell?: string };
  bag: BagModel;
  series: SeriesModel[];
  deleted: boolean;
}

export interface ConditionalFormatModel {
  id: string;
  type: string;
  sheet: FakeSheet;
  rect: Rect;
  priority: number;
  stopIfTrue: boolean;
  bag: BagModel;
  deleted: boolean;
}

export interface NameModel {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
  scope?: FakeSheet;
  deleted: boolean;
}

export interface CustomPropertyModel {
  key: string;
  value: unknown;
  deleted: boolean;
}

export interface BorderRecord {
  rect: Rect;
  side: string;
  style?: string;
  color?: string;
  weight?: string;
}

/**
 * Excel on the web's request and response payload limit, documented as "5MB" (resource limits page, Excel
 * add-ins). Taken as 5,000,000 bytes, the stricter of the two readings of "MB".
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

export interface FakeExcelOptions {
  /** Sheets present in the new workbook (default ["Sheet1"]). */
  sheets?: string[];
  /** Max request payload bytes per sync (default PAYLOAD_LIMIT_BYTES = 5,000,000). */
  requestLimitBytes?: number;
  /** Max response payload bytes per sync (default PAYLOAD_LIMIT_BYTES). Set Infinity to disable. */
  responseLimitBytes?: number;
  /**
   * Treat a written string starting with "@" as a formula ("@SUM(A1)" -> "=SUM(A1)"), as Excel does for text
   * typed into a cell (Lotus 1-2-3 compatibility). Default false: the Range.values reference names only "+",
   * "-" and "=" as formula starts. Turn it on to check that code writing untrusted text guards "@" as well.
   */
  atSignFormulas?: boolean;
  /** Computes the value of non-trivial formulas (default: 0). */
  evaluateFormula?: (formula: string, sheet: string, address: string) => CellValue | undefined;
  /** Version answered by Office.context.requirements.isSetSupported("ExcelApi", v) (default "1.17"). */
  excelApiVersion?: string;
}

export interface SeedOptions {
  /** 0-based start row (default 0). */
  startRow?: number;
  /** 0-based start column (default 0). */
  startCol?: number;
  /** Alternative to startRow/startCol: top-left address such as "B2". */
  at?: string;
  /**
   * "raw" (default): numbers/booleans as given, strings stored verbatim as text ("" and null = blank).
   * "typed": strings go through Excel's typed-input coercion ("=..." formulas, "12" -> 12, ...).
   */
  mode?: 'raw' | 'typed';
  /** Number format for the seeded block. */
  numberFormat?: string;
}

export interface CellSnapshot {
  address: string;
  value: CellValue | '';
  formula?: string;
  text: string;
  numberFormat: string;
  type: string;
  fill?: string;
  bold: boolean;
  italic: boolean;
  fontColor: string;
  horizontalAlignment: string;
  wrapText: boolean;
  hyperlink?: Hyperlink;
}

export interface TableSnapshot {
  name: string;
  id: string;
  sheet: string;
  address: string;
  headerAddress?: string;
  bodyAddress: string;
  headers: string[];
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showFilterButton: boolean;
  showBandedRows: boolean;
}

export interface ChartSnapshot {
  name: string;
  id: string;
  sheet: string;
  type: string;
  sourceAddress?: string;
  seriesBy: string;
  title?: string;
  titleVisible: boolean;
  top: number;
  left: number;
  width: number;
  height: number;
  position?: { startCell: string; endCell?: string };
  legend: Record<string, unknown>;
  axes: Record<string, unknown>;
  series: {
    name: string;
    chartType: string;
    values?: string;
    xValues?: string;
    props: Record<string, unknown>;
  }[];
  /** Everything else that was set (format, dataLabels, ...), as nested plain objects. */
  details: Record<string, unknown>;
}

export interface ConditionalFormatSnapshot {
  id: string;
  type: string;
  address: string;
  priority: number;
  stopIfTrue: boolean;
  /** e.g. { colorScale: { criteria } } or { cellValue: { rule, format: { fill: { color } } } } */
  details: Record<string, unknown>;
}

function bagToPlain(b: BagModel): Record<string, unknown> {
  const out: Record<string, unknown> = { ...b.props };
  for (const [k, v] of Object.entries(b.kids)) {
    const p = bagToPlain(v);
    if (Object.keys(p).length) out[k] = p;
  }
  return out;
}

let guidCounter = 0;
function fakeGuid(): string {
  guidCounter++;
  const hex = guidCounter.toString(16).toUpperCase().padStart(12, '0');
  return `{00000000-0001-0000-0000-${hex}}`;
}

function validateSheetName(name: unknown, loc: string): string {
  if (typeof name !== 'string') throw err.arg(loc, 'sheet name must be a string');
  if (name.length === 0 || name.length > 31)
    throw err.arg(loc, `sheet name must be 1-31 characters: '${name}'`);
  if (/[\\/?*[\]:]/.test(name))
    throw err.arg(loc, `sheet name contains an invalid character: '${name}'`);
  if (name.startsWith("'") || name.endsWith("'"))
    throw err.arg(loc, `sheet name cannot begin or end with an apostrophe`);
  if (name.toLowerCase() === 'history') throw err.arg(loc, "'History' is a reserved sheet name");
  return name;
}

function validateTableName(name: unknown, loc: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255)
    throw err.arg(loc, `invalid table name ${JSON.stringify(name)}`);
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^R\d*C\d*$/i.test(name))
    throw err.arg(loc, `table name looks like a cell reference: ${name}`);
  return name;
}

/** A worksheet's state plus test inspectors. Obtain with `workbook.sheet(name)`. */
export class FakeSheet {
  readonly id: string;
  name: string;
  visibility = 'Visible';
  tabColor = '';
  readonly grid = new Grid();
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  showGridlines = true;
  showHeadings = true;
  standardWidth = 8.43;
  enableCalculation = true;
  readonly chartList: ChartModel[] = [];
  readonly cfList: ConditionalFormatModel[] = [];
  readonly merges: Rect[] = [];
  readonly borderList: BorderRecord[] = [];
  readonly customProps = new Map<string, CustomPropertyModel>();
  /** Columns on which autofitColumns() was applied (0-based). */
  readonly autofitColumnSet = new Set<number>();
  autofitRowsCalls = 0;
  deleted = false;
  /**
   * Labels ("Range.values", "Worksheet.activate", ...) of the actions (method calls and property sets, not loads)
   * applied to this sheet or to something on it: its ranges and their formats, tables, charts (not chart parts such
   * as titles), conditional formats, custom properties. Capped at 1,000 labels; `actionCount` keeps counting.
   */
  readonly actions: string[] = [];
  actionCount = 0;

  constructor(
    readonly workbook: FakeWorkbook,
    name: string,
  ) {
    this.id = fakeGuid();
    this.name = name;
  }

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }
  get tableList(): TableModel[] {
    return this.workbook.tableList.filter((t) => t.sheet === this && !t.deleted);
  }

  // ---- model helpers --------------------------------------------------------------------------------

  isBlank(r: number, c: number): boolean {
    return this.grid.values.cell(r, c) === undefined && this.grid.formulas.cell(r, c) === undefined;
  }
  valueOf(r: number, c: number): CellValue | '' {
    const v = this.grid.values.cell(r, c);
    return v === undefined ? '' : v;
  }
  usedRect(valuesOnly: boolean): Rect | null {
    let b: Rect | null = null;
    const layers: Layer<unknown>[] = [this.grid.values, this.grid.formulas];
    if (!valuesOnly) layers.push(...this.grid.formats.values(), this.grid.hyperlinks);
    for (const l of layers) {
      const lb = l.bounds();
      if (lb) b = b ? rectUnion(b, lb) : lb;
    }
    return b;
  }
  colWidth(c: number): number {
    return this.colWidths.get(c) ?? 48;
  }
  rowHeight(r: number): number {
    return this.rowHeights.get(r) ?? 15;
  }
  /** Evaluates a formula for its cached value. */
  evalFormula(f: string, r: number, c: number): CellValue {
    const lit = evaluateFormulaLiteral(f);
    if (lit !== undefined) return lit;
    const hook = this.workbook.options.evaluateFormula;
    const v = hook
      ? hook(f, this.name, rectAddress({ r0: r, c0: c, rows: 1, cols: 1 }))
      : undefined;
    return v === undefined ? 0 : v;
  }
  private rectOf(address?: string): Rect {
    if (address === undefined) {
      const u = this.usedRect(true);
      return u
        ? { r0: 0, c0: 0, rows: u.r0 + u.rows, cols: u.c0 + u.cols }
        : { r0: 0, c0: 0, rows: 1, cols: 1 };
    }
    const p = parseAddress(address);
    if (!p) throw new Error(`fake: bad address '${address}'`);
    return p.rect;
  }
  private cellRC(address: string): [number, number] {
    const r = this.rectOf(address);
    return [r.r0, r.c0];
  }
  private map<T>(address: string | undefined, fn: (r: number, c: number) => T): T[][] {
    const rect = this.rectOf(address);
    if (rect.rows * rect.cols > 50_000_000) throw new Error('fake: inspector range too large');
    const out: T[][] = new Array(rect.rows);
    for (let i = 0; i < rect.rows; i++) {
      const row: T[] = new Array(rect.cols);
      for (let j = 0; j < rect.cols; j++) row[j] = fn(rect.r0 + i, rect.c0 + j);
      out[i] = row;
    }
    return out;
  }

  // ---- inspectors (never counted as syncs) ----------------------------------------------------------

  /** Cell values ("" for empty). Default: from A1 to the bottom-right of the used (values) range. */
  values(address?: string): (CellValue | '')[][] {
    return this.map(address, (r, c) => this.valueOf(r, c));
  }
  /** Like Range.formulas: the formula where a cell has one, else its value. */
  formulas(address?: string): (CellValue | '')[][] {
    return this.map(address, (r, c) => this.grid.formulas.cell(r, c) ?? this.valueOf(r, c));
  }
  /** Like Range.text: values formatted by their number format. */
  text(address?: string): string[][] {
    return this.map(address, (r, c) =>
      formatCellText(this.grid.values.cell(r, c), this.grid.numberFormat(r, c)),
    );
  }
  numberFormats(address?: string): string[][] {
    return this.map(address, (r, c) => this.grid.numberFormat(r, c));
  }
  valueAt(address: string): CellValue | '' {
    return this.valueOf(...this.cellRC(address));
  }
  formulaAt(address: string): string | undefined {
    return this.grid.formulas.cell(...this.cellRC(address));
  }
  isFormula(address: string): boolean {
    return this.formulaAt(address) !== undefined;
  }
  /** Addresses (e.g. "B7") of every cell holding a formula, row-major. */
  formulaCells(): string[] {
    const out: string[] = [];
    this.grid.formulas.forEach((r, c) => {
      out.push(rectAddress({ r0: r, c0: c, rows: 1, cols: 1 }));
    });
    return out;
  }
  /** Every formula cell with its formula text. */
  formulaMap(): Record<string, string> {
    const out: Record<string, string> = {};
    this.grid.formulas.forEach((r, c, f) => {
      out[rectAddress({ r0: r, c0: c, rows: 1, cols: 1 })] = f;
    });
    return out;
  }
  textAt(address: string): string {
    const [r, c] = this.cellRC(address);
    return formatCellText(this.grid.values.cell(r, c), this.grid.numberFormat(r, c));
  }
  numberFormatAt(address: string): string {
    return this.grid.numberFormat(...this.cellRC(address));
  }
  /** Fill color ("#RRGGBB") or undefined when the cell has no fill. */
  fillAt(address: string): string | undefined {
    return this.grid.fget('fill', ...this.cellRC(address)) as string | undefined;
  }
  isBold(address: string): boolean {
    return this.grid.fget('bold', ...this.cellRC(address)) as boolean;
  }
  fontColorAt(address: string): string {
    return this.grid.fget('fontColor', ...this.cellRC(address)) as string;
  }
  formatAt(key: FormatKey, address: string): unknown {
    return this.grid.fget(key, ...this.cellRC(address));
  }
  hyperlinkAt(address: string): Hyperlink | undefined {
    return this.grid.hyperlinks.get(...this.cellRC(address));
  }
  cell(address: string): CellSnapshot {
    const [r, c] = this.cellRC(address);
    const v = this.grid.values.cell(r, c);
    const f = this.grid.formulas.cell(r, c);
    return {
      address: rectAddress({ r0: r, c0: c, rows: 1, cols: 1 }),
      value: v === undefined ? '' : v,
      formula: f,
      text: formatCellText(v, this.grid.numberFormat(r, c)),
      numberFormat: this.grid.numberFormat(r, c),
      type: valueType(v),
      fill: this.grid.fget('fill', r, c) as string | undefined,
      bold: this.grid.fget('bold', r, c) as boolean,
      italic: this.grid.fget('italic', r, c) as boolean,
      fontColor: this.grid.fget('fontColor', r, c) as string,
      horizontalAlignment: this.grid.fget('horizontalAlignment', r, c) as string,
      wrapText: this.grid.fget('wrapText', r, c) as boolean,
      hyperlink: this.grid.hyperlinks.get(r, c),
    };
  }
  /** Used range address (e.g. "A1:L100001"), or null for a blank sheet. */
  usedRangeAddress(valuesOnly = true): string | null {
    const u = this.usedRect(valuesOnly);
    return u ? rectAddress(u) : null;
  }
  /** Column width in points (Excel's default is 48). */
  columnWidth(col: string | number): number {
    return this.colWidth(typeof col === 'number' ? col : columnIndex(col));
  }
  autofitColumns(): string[] {
    return [...this.autofitColumnSet].sort((a, b) => a - b).map(columnLetters);
  }
  tables(): TableSnapshot[] {
    return this.tableList.map((t) => tableSnapshot(t));
  }
  charts(): ChartSnapshot[] {
    return this.chartList.filter((c) => !c.deleted).map(chartSnapshot);
  }
  conditionalFormats(): ConditionalFormatSnapshot[] {
    return this.cfList
      .filter((c) => !c.deleted)
      .sort((a, b) => a.priority - b.priority)
      .map((c) => ({
        id: c.id,
        type: c.type,
        address: rectAddress(c.rect),
        priority: c.priority,
        stopIfTrue: c.stopIfTrue,
        details: bagToPlain(c.bag),
      }));
  }
  customProperties(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.customProps.values()) out[p.key] = p.value as string;
    return out;
  }
  mergedAreas(): string[] {
    return this.merges.map(rectAddress);
  }
  borders(): { address: string; side: string; style?: string; color?: string; weight?: string }[] {
    return this.borderList.map((b) => ({
      address: rectAddress(b.rect),
      side: b.side,
      style: b.style,
      color: b.color,
      weight: b.weight,
    }));
  }
}

function valueType(v: CellValue | undefined): string {
  if (v === undefined) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return ERROR_VALUES.has(v) ? 'Error' : 'String';
}

function tableSnapshot(t: TableModel): TableSnapshot {
  const h = tableHeaderRect(t);
  return {
    name: t.name,
    id: t.id,
    sheet: t.sheet.name,
    address: rectAddress(t.rect),
    headerAddress: h ? rectAddress(h) : undefined,
    bodyAddress: rectAddress(tableBodyRect(t)),
    headers: tableHeaders(t),
    showHeaders: t.showHeaders,
    showTotals: t.showTotals,
    style: t.style,
    showFilterButton: t.showFilterButton,
    showBandedRows: t.showBandedRows,
  };
}

function chartSnapshot(c: ChartModel): ChartSnapshot {
  const title = c.bag.kids.title?.props ?? {};
  const details = bagToPlain(c.bag);
  const legend = (details.legend as Record<string, unknown>) ?? {};
  const axes = (details.axes as Record<string, unknown>) ?? {};
  delete details.legend;
  delete details.axes;
  return {
    name: c.name,
    id: c.id,
    sheet: c.sheet.name,
    type: c.type,
    sourceAddress: c.sourceAddress,
    seriesBy: c.seriesBy,
    title: title.text as string | undefined,
    titleVisible: (title.visible as boolean | undefined) ?? true,
    top: c.top,
    left: c.left,
    width: c.width,
    height: c.height,
    position: c.position,
    legend,
    axes,
    series: c.series
      .filter((s) => !s.deleted)
      .map((s) => ({
        name: (s.props.name as string) ?? '',
        chartType: (s.props.chartType as string) ?? c.type,
        values: s.values,
        xValues: s.xValues,
        props: bagToPlain(s),
      })),
    details,
  };
}

// Tables always keep their header row in this fake (showHeaders only toggles a flag).
function tableHeaderRect(t: TableModel): Rect | null {
  return { r0: t.rect.r0, c0: t.rect.c0, rows: 1, cols: t.rect.cols };
}
function tableBodyRect(t: TableModel): Rect {
  const top = t.rect.r0 + 1;
  const bottom = t.rect.r0 + t.rect.rows - (t.showTotals ? 1 : 0);
  return { r0: top, c0: t.rect.c0, rows: Math.max(1, bottom - top), cols: t.rect.cols };
}
function tableTotalsRect(t: TableModel): Rect | null {
  return t.showTotals
    ? { r0: t.rect.r0 + t.rect.rows - 1, c0: t.rect.c0, rows: 1, cols: t.rect.cols }
    : null;
}
function tableHeaders(t: TableModel): string[] {
  const out: string[] = [];
  for (let j = 0; j < t.rect.cols; j++) out.push(String(t.sheet.valueOf(t.rect.r0, t.rect.c0 + j)));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Writing cells (Excel typed-input semantics)
// ---------------------------------------------------------------------------------------------------------

function checkDims(input: unknown[], rect: Rect, loc: string): void {
  if (input.length !== rect.rows)
    throw new FakeOfficeError('InvalidArgument', MSG.sizeMismatch, loc);
  for (let i = 0; i < input.length; i++) {
    const row = input[i];
    if (!Array.isArray(row) || row.length !== rect.cols)
      throw new FakeOfficeError('InvalidArgument', MSG.sizeMismatch, loc);
  }
}

function setCellNumberLike(
  sh: FakeSheet,
  r: number,
  c: number,
  v: CellValue,
  autoFormat?: string,
): void {
  const g = sh.grid;
  g.values.set(r, c, v);
  g.formulas.set(r, c, undefined);
  if (autoFormat !== undefined && g.numberFormat(r, c) === 'General')
    g.fmt<string>('numberFormat').set(r, c, autoFormat);
}

function setCellFormula(sh: FakeSheet, r: number, c: number, f: string): void {
  const g = sh.grid;
  g.formulas.set(r, c, f);
  g.values.set(r, c, sh.evalFormula(f, r, c));
}

function setCellString(sh: FakeSheet, r: number, c: number, s: string): void {
  const g = sh.grid;
  if (s.length === 0) {
    g.values.set(r, c, undefined);
    g.formulas.set(r, c, undefined);
    return;
  }
  const ch = s.charCodeAt(0);
  if (ch === 39 /* ' */) {
    g.values.set(r, c, s.slice(1));
    g.formulas.set(r, c, undefined);
    return;
  }
  if (g.numberFormat(r, c) === '@') {
    g.values.set(r, c, s);
    g.formulas.set(r, c, undefined);
    return;
  }
  if (ch === 61 /* = */ && s.length > 1) {
    setCellFormula(sh, r, c, s);
    return;
  }
  if (ch === 64 /* @ */ && s.length > 1 && sh.workbook.options.atSignFormulas) {
    setCellFormula(sh, r, c, `=${s.slice(1)}`);
    return;
  }
  if ((ch === 43 /* + */ || ch === 45) /* - */ && s.length > 1) {
    if (ch === 45) {
      const n = parseNumberLike(s);
      if (n) {
        setCellNumberLike(sh, r, c, n.value, n.autoFormat);
        return;
      }
    }
    setCellFormula(sh, r, c, `=${s}`);
    return;
  }
  const n = parseNumberLike(s);
  if (n) {
    setCellNumberLike(sh, r, c, n.value, n.autoFormat);
    return;
  }
  const up = s.toUpperCase();
  if (up === 'TRUE' || up === 'FALSE') {
    setCellNumberLike(sh, r, c, up === 'TRUE');
    return;
  }
  const d = parseDateLike(s);
  if (d) {
    setCellNumberLike(sh, r, c, d.value, d.autoFormat);
    return;
  }
  g.values.set(r, c, ERROR_VALUES.has(up) ? up : s);
  g.formulas.set(r, c, undefined);
}

/** Applies one element of a values/formulas array to a cell. */
function setCell(sh: FakeSheet, r: number, c: number, raw: unknown, loc: string): void {
  switch (typeof raw) {
    case 'number':
      if (!Number.isFinite(raw)) {
        // JSON.stringify turns NaN/Infinity into null, which Excel treats as "leave unchanged".
        sh.workbook.warn(
          `${loc}: ${raw} written to ${quoteSheetName(sh.name)}!${rectAddress({ r0: r, c0: c, rows: 1, cols: 1 })} is sent as null; the cell is left unchanged`,
        );
        return;
      }
      sh.grid.values.set(r, c, raw);
      sh.grid.formulas.set(r, c, undefined);
      return;
    case 'boolean':
      sh.grid.values.set(r, c, raw);
      sh.grid.formulas.set(r, c, undefined);
      return;
    case 'string':
      setCellString(sh, r, c, raw);
      return;
    case 'undefined':
      return;
    default:
      if (raw === null) return;
      if (raw instanceof Date) {
        setCellString(sh, r, c, raw.toJSON());
        return;
      }
      throw err.arg(
        loc,
        `unsupported cell value of type ${typeof raw}: ${String(JSON.stringify(raw)).slice(0, 80)}`,
      );
  }
}

function checkScalar(v: unknown, loc: string): void {
  if (v === null || v === undefined)
    throw err.arg(loc, 'null is not a valid value for the whole property');
  if (typeof v === 'object' && !(v instanceof Date))
    throw err.arg(loc, 'expected a 2-D array or a single value');
}

/**
 * values / formulas setter: a 2-D array of exactly the range's size, or a single (non-array) value that is
 * broadcast to every cell. Cell-level properties cannot be set on unbounded (entire row/column) ranges.
 */
function writeCells(sh: FakeSheet, rect: Rect, input: unknown, loc: string): void {
  if (isFullCols(rect) || isFullRows(rect))
    throw err.arg(
      loc,
      'cell-level properties cannot be set on an unbounded (entire row/column) range',
    );
  if (Array.isArray(input)) {
    checkDims(input, rect, loc);
    const vals = sh.grid.values;
    for (let i = 0; i < rect.rows; i++) {
      const src = input[i] as unknown[];
      const r = rect.r0 + i;
      if (vals.rows[r] === undefined) vals.rows[r] = new Array(rect.c0 + rect.cols); // pre-sized: no regrowth
      for (let j = 0; j < rect.cols; j++) {
        const raw = src[j];
        if (raw === null || raw === undefined) continue;
        setCell(sh, r, rect.c0 + j, raw, loc);
      }
    }
    return;
  }
  checkScalar(input, loc);
  if (typeof input === 'string' && input === '') {
    sh.grid.values.clearCells(rect);
    sh.grid.formulas.clearCells(rect);
    return;
  }
  if (rect.rows * rect.cols > 20_000_000)
    throw new FakeOfficeError(
      'RangeExceedsLimit',
      'The cell count in range has exceeded the maximum supported number.',
      loc,
    );
  for (let r = rect.r0; r < rect.r0 + rect.rows; r++)
    for (let c = rect.c0; c < rect.c0 + rect.cols; c++) setCell(sh, r, c, input, loc);
}

/**
 * numberFormat setter: a 2-D array of the range's size (null elements are skipped), or a single value - given
 * as a scalar or as a 1x1 array, which Excel also broadcasts to every cell (even of an unbounded range).
 */
function writeFormatCells(
  sh: FakeSheet,
  rect: Rect,
  input: unknown,
  key: FormatKey,
  coerce: (v: unknown) => unknown,
  loc: string,
): void {
  const layer = sh.grid.fmt<unknown>(key);
  const norm = (v: unknown) => {
    const x = coerce(v);
    const hasDefaults =
      layer.colDef.size > 0 || layer.rowDef.size > 0 || layer.allDef !== undefined;
    return x === FORMAT_DEFAULTS[key] && !hasDefaults ? undefined : x;
  };
  if (
    Array.isArray(input) &&
    input.length === 1 &&
    Array.isArray(input[0]) &&
    input[0].length === 1
  )
    input = input[0][0];
  if (Array.isArray(input)) {
    checkDims(input, rect, loc);
    for (let i = 0; i < rect.rows; i++) {
      const src = input[i] as unknown[];
      for (let j = 0; j < rect.cols; j++) {
        const v = src[j];
        if (v === null || v === undefined) continue;
        layer.set(rect.r0 + i, rect.c0 + j, norm(v));
      }
    }
    return;
  }
  if (input === null || input === undefined) return; // a null 1x1 element leaves the format unchanged
  checkScalar(input, loc);
  layer.setRect(rect, norm(input));
}

const coerceNumberFormat = (loc: string) => (v: unknown) => {
  if (typeof v !== 'string')
    throw err.arg(loc, `number format must be a string, got ${JSON.stringify(v)}`);
  return v === '' ? 'General' : v;
};

/** Shifts per-cell content of columns [c0, c0+cols) at rows >= r0 down by n (Excel "insert cells, shift down"). */
function shiftDown(sh: FakeSheet, r0: number, c0: number, cols: number, n: number): void {
  const layers: Layer<unknown>[] = [
    sh.grid.values,
    sh.grid.formulas,
    sh.grid.hyperlinks,
    ...sh.grid.formats.values(),
  ];
  for (const l of layers) {
    for (let r = l.rows.length - 1; r >= r0; r--) {
      const a = l.rows[r];
      if (a === undefined) continue;
      for (let c = c0; c < c0 + cols && c < a.length; c++) {
        const v = a[c];
        if (v === undefined) continue;
        a[c] = undefined;
        l.rowArray(r + n)[c] = v;
      }
    }
    l.invalidate();
  }
}

function uniqueHeaders(raw: (CellValue | '')[]): string[] {
  const seen = new Set<string>();
  return raw.map((v, j) => {
    const base = v === '' ? `Column${j + 1}` : String(v);
    let name = base;
    let k = 2;
    while (seen.has(name.toLowerCase())) name = `${base}${k++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Workbook model
// ---------------------------------------------------------------------------------------------------------

/**
 * Like Excel: deleting a worksheet turns every reference to it in the other sheets' formulas into #REF!
 * (`='Profit Matrix'!C7` becomes `=#REF!C7`, showing #REF!), and a sheet added later under the same name
 * does not mend them.
 */
function breakReferences(sheets: FakeSheet[], deleted: string): void {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [`'${esc(deleted.replace(/'/g, "''"))}'`];
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(deleted)) forms.push(esc(deleted));
  const ref = new RegExp(`(?<![\\w.'])(?:${forms.join('|')})!`, 'gi');
  for (const sh of sheets) {
    sh.grid.formulas.forEach((r, c, f) => {
      ref.lastIndex = 0;
      if (!ref.test(f)) return;
      sh.grid.formulas.set(r, c, f.replace(ref, '#REF!'));
      sh.grid.values.set(r, c, '#REF!');
    });
  }
}

/** The workbook's state plus seeding helpers and inspectors. Seeding and inspecting never count as syncs. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tableList: TableModel[] = [];
  readonly names = new Map<string, NameModel>();
  readonly customProps = new Map<string, CustomPropertyModel>();
  active: FakeSheet | null = null;
  selection: { sheet: FakeSheet; rect: Rect } | null = null;
  calculationMode = 'Automatic';
  name = 'Book1.xlsx';
  readonly docProps: Record<string, unknown> = {};
  /** Things the real API would silently do that tests may want to know about (e.g. NaN written as null). */
  readonly warnings: string[] = [];
  private tableSeq = 0;
  private chartSeq = 0;
  private cfSeq = 0;

  constructor(readonly options: FakeExcelOptions = {}) {
    for (const n of options.sheets ?? ['Sheet1']) this.createSheet(n, 'seed');
  }

  warn(msg: string): void {
    if (this.warnings.length < 1000) this.warnings.push(msg);
  }

  // ---- model operations used by the proxies ----------------------------------------------------------

  findSheet(key: string): FakeSheet | undefined {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k || s.id === key);
  }
  createSheet(name: string | undefined | null, loc: string): FakeSheet {
    let n = name;
    if (n === undefined || n === null || n === '') {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    validateSheetName(n, loc);
    if (this.findSheet(n)) throw err.exists(loc, `a sheet named '${n}' already exists`);
    const s = new FakeSheet(this, n);
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }
  visibleSheets(): FakeSheet[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }
  deleteSheet(s: FakeSheet, loc: string): void {
    if (s.visibility === 'Visible' && this.visibleSheets().length <= 1)
      throw err.op(loc, 'a workbook must contain at least one visible worksheet');
    const i = this.sheets.indexOf(s);
    this.sheets.splice(i, 1);
    s.deleted = true;
    breakReferences(this.sheets, s.name);
    for (const t of this.tableList) if (t.sheet === s) t.deleted = true;
    for (const [k, n] of this.names) if (n.scope === s) this.names.delete(k);
    if (this.active === s) {
      const vis = this.visibleSheets();
      this.active = vis[Math.min(i, vis.length - 1)] ?? vis[0] ?? null;
    }
    if (this.selection?.sheet === s) this.selection = null;
  }
  activeSheet(loc: string): FakeSheet {
    if (!this.active || this.active.deleted) {
      this.active = this.visibleSheets()[0] ?? null;
      if (!this.active) throw err.notFound(loc, 'the workbook has no worksheets');
    }
    return this.active;
  }
  selected(loc: string): { sheet: FakeSheet; rect: Rect } {
    const act = this.activeSheet(loc);
    if (!this.selection || this.selection.sheet !== act)
      this.selection = { sheet: act, rect: { r0: 0, c0: 0, rows: 1, cols: 1 } };
    return this.selection;
  }
  nextTableName(): string {
    let n: string;
    do n = `Table${++this.tableSeq}`;
    while (
      this.tableList.some((t) => !t.deleted && t.name.toLowerCase() === n.toLowerCase()) ||
      this.names.has(n.toLowerCase())
    );
    return n;
  }
  nextChartId(): number {
    return ++this.chartSeq;
  }
  nextCfId(): string {
    return String(++this.cfSeq);
  }
  findTable(key: string, sheet?: FakeSheet): TableModel | undefined {
    const k = key.toLowerCase();
    return this.tableList.find(
      (t) =>
        !t.deleted && (!sheet || t.sheet === sheet) && (t.name.toLowerCase() === k || t.id === key),
    );
  }
  createTable(sh: FakeSheet, rect: Rect, hasHeaders: boolean, loc: string): TableModel {
    if (isFullCols(rect) || isFullRows(rect))
      throw err.arg(loc, 'a table cannot span entire rows or columns in this fake');
    for (const t of sh.tableList)
      if (rectsIntersect(t.rect, rect))
        throw err.arg(loc, `A table can't overlap another table (${t.name}).`);
    const r = { ...rect };
    if (!hasHeaders) {
      shiftDown(sh, r.r0, r.c0, r.cols, 1);
      for (let j = 0; j < r.cols; j++) {
        sh.grid.values.set(r.r0, r.c0 + j, `Column${j + 1}`);
        sh.grid.formulas.set(r.r0, r.c0 + j, undefined);
      }
      r.rows += 1;
    } else {
      const raw: (CellValue | '')[] = [];
      for (let j = 0; j < r.cols; j++) raw.push(sh.valueOf(r.r0, r.c0 + j));
      const names = uniqueHeaders(raw);
      for (let j = 0; j < r.cols; j++) {
        sh.grid.values.set(r.r0, r.c0 + j, names[j]);
        sh.grid.formulas.set(r.r0, r.c0 + j, undefined);
      }
    }
    if (r.rows === 1) r.rows = 2; // a table always has at least one (possibly blank) data row
    if (r.r0 + r.rows > MAX_ROWS) throw err.arg(loc, 'table would extend past the last row');
    const t: TableModel = {
      id: String(this.tableList.length + 1),
      legacyId: String(this.tableList.length + 1),
      name: this.nextTableName(),
      sheet: sh,
      rect: r,
      showHeaders: true,
      showTotals: false,
      style: 'TableStyleMedium2',
      showFilterButton: true,
      showBandedRows: true,
      showBandedColumns: false,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      deleted: false,
    };
    this.tableList.push(t);
    return t;
  }
  renameTable(t: TableModel, name: unknown, loc: string): void {
    const n = validateTableName(name, loc);
    const other = this.findTable(n);
    if ((other && other !== t) || this.names.has(n.toLowerCase()))
      throw err.exists(loc, `name '${n}' is already used`);
    t.name = n;
  }
  /** Resolves an address string that may be sheet-qualified, or a defined name, relative to `sheet`. */
  resolveAddress(
    address: string,
    sheet: FakeSheet | null,
    loc: string,
  ): { sheet: FakeSheet; rect: Rect } {
    const p = parseAddress(address);
    if (p) {
      const sh = p.sheet !== undefined ? this.findSheet(p.sheet) : sheet;
      if (!sh)
        throw err.arg(
          loc,
          p.sheet !== undefined
            ? `unknown sheet '${p.sheet}'`
            : `address needs a sheet: '${address}'`,
        );
      if (sheet && p.sheet !== undefined && sh !== sheet)
        throw err.arg(loc, `address '${address}' is on another sheet`);
      return { sheet: sh, rect: p.rect };
    }
    const n = this.names.get(address.toLowerCase());
    if (n) {
      const target = parseAddress(n.formula.replace(/^=/, ''));
      const sh = target?.sheet !== undefined ? this.findSheet(target.sheet) : undefined;
      if (target && sh) return { sheet: sh, rect: target.rect };
    }
    throw err.arg(loc, `invalid address '${address}'`);
  }

  // ---- seeding (not counted) ---------------------------------------------------------------------------

  /** Adds an empty sheet (throws if the name is taken or invalid). */
  addSheet(name: string): FakeSheet {
    return this.createSheet(name, 'seed');
  }
  /**
   * Writes a block of values into a sheet (creating the sheet if needed). Not counted as a sync.
   * Default mode "raw": strings are stored as text verbatim; use { mode: "typed" } for Excel input coercion.
   */
  seedSheet(
    name: string,
    values: readonly (readonly unknown[])[],
    opts: SeedOptions = {},
  ): FakeSheet {
    const sh = this.findSheet(name) ?? this.createSheet(name, 'seed');
    let r0 = opts.startRow ?? 0;
    let c0 = opts.startCol ?? 0;
    if (opts.at) {
      const p = parseAddress(opts.at);
      if (!p) throw new Error(`fake: bad address '${opts.at}'`);
      r0 = p.rect.r0;
      c0 = p.rect.c0;
    }
    const g = sh.grid;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      const r = r0 + i;
      for (let j = 0; j < row.length; j++) {
        const c = c0 + j;
        const v = row[j];
        if (opts.numberFormat !== undefined)
          g.fmt<string>('numberFormat').set(r, c, opts.numberFormat);
        if (v === null || v === undefined || v === '') {
          g.values.set(r, c, undefined);
          g.formulas.set(r, c, undefined);
        } else if (opts.mode === 'typed') setCell(sh, r, c, v, 'seed');
        else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') {
          if (typeof v === 'number' && !Number.isFinite(v))
            throw new Error(`fake: cannot seed ${v}`);
          g.values.set(r, c, v);
          g.formulas.set(r, c, undefined);
        } else throw new Error(`fake: cannot seed value ${String(v)}`);
      }
    }
    return sh;
  }
  /** Puts a formula into one cell (with an optional cached value, else a trivial evaluation or 0). */
  seedFormula(sheetName: string, address: string, formula: string, cachedValue?: CellValue): void {
    const sh = this.sheet(sheetName);
    const p = parseAddress(address);
    if (!p) throw new Error(`fake: bad address '${address}'`);
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    sh.grid.formulas.set(p.rect.r0, p.rect.c0, f);
    sh.grid.values.set(
      p.rect.r0,
      p.rect.c0,
      cachedValue ?? sh.evalFormula(f, p.rect.r0, p.rect.c0),
    );
  }
  /** Makes an Excel table over `address` (header row first), e.g. seedTable("Data", "A1:L11", "Sales"). */
  seedTable(sheetName: string, address: string, name?: string): TableSnapshot {
    const p = parseAddress(address);
    if (!p) throw new Error(`fake: bad address '${address}'`);
    const t = this.createTable(this.sheet(sheetName), p.rect, true, 'seed');
    if (name !== undefined) this.renameTable(t, name, 'seed');
    return tableSnapshot(t);
  }
  /** Sets a worksheet custom property (worksheet.customProperties), as an earlier run of an add-in would have. */
  seedSheetProperty(sheetName: string, key: string, value: string): void {
    this.sheet(sheetName).customProps.set(key.toLowerCase(), { key, value, deleted: false });
  }
  setActiveSheet(name: string): void {
    this.active = this.sheet(name);
  }
  /** Sets the user's selection (what workbook.getSelectedRange() returns) and activates that sheet. */
  select(sheetName: string, address: string): void {
    const sh = this.sheet(sheetName);
    const p = parseAddress(address);
    if (!p) throw new Error(`fake: bad address '${address}'`);
    this.active = sh;
    this.selection = { sheet: sh, rect: p.rect };
  }
  /** Defines a workbook-scoped name, e.g. defineName("Data", "=Sheet1!$A$1:$C$10"). */
  defineName(name: string, formula: string): void {
    this.names.set(name.toLowerCase(), {
      name,
      formula: formula.startsWith('=') ? formula : `=${formula}`,
      comment: '',
      visible: true,
      deleted: false,
    });
  }

  // ---- inspectors --------------------------------------------------------------------------------------

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s)
      throw new Error(`fake: no sheet named '${name}' (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }
  hasSheet(name: string): boolean {
    return this.findSheet(name) !== undefined;
  }
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  get activeSheetName(): string | undefined {
    return this.active?.name;
  }
  get selectedAddress(): string | undefined {
    return this.selection
      ? qualifiedAddress(this.selection.sheet.name, this.selection.rect)
      : undefined;
  }
  tables(): TableSnapshot[] {
    return this.tableList.filter((t) => !t.deleted).map(tableSnapshot);
  }
  namedItems(): { name: string; formula: string; comment: string; scope: string }[] {
    return [...this.names.values()].map((n) => ({
      name: n.name,
      formula: n.formula,
      comment: n.comment,
      scope: n.scope?.name ?? 'Workbook',
    }));
  }
  /** Workbook-level custom document properties (workbook.properties.custom). */
  customProperties(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of this.customProps.values()) out[p.key] = p.value;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Request context, queue, proxy base classes
// ---------------------------------------------------------------------------------------------------------

const NOT_FOUND: unique symbol = Symbol('notFound');
type Resolution<M> = M | null | typeof NOT_FOUND;
type Resolver<M> = () => Resolution<M>;

interface Op {
  label: string;
  size: () => number;
  /** Applies the operation; may return a commit function that publishes loaded data after the sync succeeds. */
  // biome-ignore lint/suspicious/noConfusingVoidType: an operation returns nothing or a commit function
  run: () => void | (() => void);
}

export interface SyncRecord {
  actions: number;
  requestBytes: number;
  responseBytes: number;
  labels: string[];
}

export interface FakeStats {
  /** Every context.sync() call, including the implicit one at the end of Excel.run. */
  syncs: number;
  /** Round trips that actually carried queued actions (a sync with an empty queue sends nothing). */
  requests: number;
  /** Total queued actions (property sets, method calls, loads) sent. */
  actions: number;
  /** Syncs done implicitly by Excel.run because commands were still queued when the batch returned. */
  implicitSyncs: number;
  /** Excel.run calls. */
  runs: number;
  maxRequestBytes: number;
  lastRequestBytes: number;
  totalRequestBytes: number;
  maxResponseBytes: number;
  /** One entry per request (non-empty sync). Labels are capped at 50 per request. */
  log: SyncRecord[];
}

const newStats = (): FakeStats => ({
  syncs: 0,
  requests: 0,
  actions: 0,
  implicitSyncs: 0,
  runs: 0,
  maxRequestBytes: 0,
  lastRequestBytes: 0,
  totalRequestBytes: 0,
  maxResponseBytes: 0,
  log: [],
});

interface FakeState {
  workbook: FakeWorkbook;
  stats: FakeStats;
  requestLimit: number;
  responseLimit: number;
}

const REQUEST_BASE_BYTES = 200;
const ACTION_OVERHEAD_BYTES = 60;

export class RequestContext {
  /** @internal */ readonly _state: FakeState;
  /** @internal */ _queue: Op[] = [];
  /** @internal */ _responseBytes = 0;
  readonly workbook: Workbook;
  readonly application: Application;
  readonly trackedObjects = {
    add: (_o: unknown): void => undefined,
    remove: (_o: unknown): void => undefined,
  };
  readonly runtime = { enableEvents: true };

  constructor(state: FakeState) {
    this._state = state;
    this.workbook = new Workbook(this);
    this.application = this.workbook.application;
  }
  /** @internal */ _push(op: Op): void {
    this._queue.push(op);
  }
  /** @internal */ get _wb(): FakeWorkbook {
    return this._state.workbook;
  }
  load<T extends ClientObject<any>>(object: T, option?: LoadSpec): T {
    return object.load(option);
  }
  trace(message: string): void {
    this._push({ label: 'trace', size: () => 40 + message.length, run: () => undefined });
  }
  async sync<T = void>(passThroughValue?: T): Promise<T> {
    const ops = this._queue;
    this._queue = [];
    const st = this._state.stats;
    st.syncs++;
    await Promise.resolve();
    if (ops.length === 0) return passThroughValue as T;
    st.requests++;
    st.actions += ops.length;
    let bytes = REQUEST_BASE_BYTES;
    for (const op of ops) bytes += ACTION_OVERHEAD_BYTES + op.size();
    st.lastRequestBytes = bytes;
    st.totalRequestBytes += bytes;
    if (bytes > st.maxRequestBytes) st.maxRequestBytes = bytes;
    const rec: SyncRecord = {
      actions: ops.length,
      requestBytes: bytes,
      responseBytes: 0,
      labels: ops.slice(0, 50).map((o) => o.label),
    };
    st.log.push(rec);
    if (bytes > this._state.requestLimit)
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        MSG.requestPayload,
        `request of ~${bytes} bytes`,
      );
    this._responseBytes = REQUEST_BASE_BYTES;
    const commits: (() => void)[] = [];
    for (const op of ops) {
      try {
        const c = op.run();
        if (c) commits.push(c);
      } catch (e) {
        if (e instanceof FakeOfficeError && !e.debugInfo.errorLocation)
          e.debugInfo.errorLocation = op.label;
        if (e instanceof FakeOfficeError) e.debugInfo.statement = op.label;
        throw e;
      }
    }
    rec.responseBytes = this._responseBytes;
    if (this._responseBytes > st.maxResponseBytes) st.maxResponseBytes = this._responseBytes;
    if (this._responseBytes > this._state.responseLimit)
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        MSG.responsePayload,
        `response of ~${this._responseBytes} bytes`,
      );
    for (const c of commits) c();
    return passThroughValue as T;
  }
}

/** Mirrors OfficeExtension.ClientResult: `value` is readable only after the sync. */
export class ClientResult<T> {
  /** @internal */ _v: T | undefined = undefined;
  /** @internal */ _ok = false;
  get value(): T {
    if (!this._ok) throw new FakeOfficeError('ValueNotLoaded', MSG.valueNotLoaded);
    return this._v as T;
  }
  toJSON(): { value: T | undefined } {
    return { value: this._v };
  }
}

export type LoadSpec =
  | string
  | string[]
  | { select?: string; expand?: string; $top?: number; $skip?: number; [key: string]: unknown };

interface ParsedLoad {
  all: boolean;
  paths: string[];
  top?: number;
  skip?: number;
}
function parseLoadSpec(spec: LoadSpec | undefined): ParsedLoad {
  if (spec === undefined || spec === null) return { all: true, paths: [] };
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (typeof spec === 'string') return { all: false, paths: split(spec) };
  if (Array.isArray(spec)) return { all: false, paths: spec.flatMap(split) };
  const out: ParsedLoad = { all: false, paths: [] };
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '$top' && !prefix) out.top = v as number;
      else if (k === '$skip' && !prefix) out.skip = v as number;
      else if (k === 'select' && typeof v === 'string')
        out.paths.push(...split(v).map((p) => prefix + p));
      else if (k === 'expand' && typeof v === 'string')
        out.paths.push(...split(v).map((p) => prefix + p));
      else if (k.startsWith('$')) continue;
      else if (v === true) out.paths.push(prefix + k);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(spec as Record<string, unknown>, '');
  if (out.paths.length === 0) out.all = true;
  return out;
}

/** The worksheet an action's target lives on (a sheet, range, table, chart, series, conditional format). */
function sheetOfModel(m: unknown): FakeSheet | undefined {
  if (m instanceof FakeSheet) return m;
  const o = m as { sheet?: unknown; chart?: { sheet?: unknown } };
  if (o.sheet instanceof FakeSheet) return o.sheet;
  return o.chart?.sheet instanceof FakeSheet ? o.chart.sheet : undefined;
}

/** Base of every proxy object (Range, Worksheet, ...). */
export abstract class ClientObject<M = unknown> {
  /** @internal */ readonly _ctx: RequestContext;
  /** @internal */ readonly _type: string;
  /** @internal */ readonly _cache = new Map<string, unknown>();
  /** @internal */ readonly _nullable: boolean;
  /** @internal */ _isNull: boolean | undefined = undefined;
  /** @internal */ _memo: { m: M | null } | undefined = undefined;
  /** @internal */ readonly _resolver: Resolver<M>;

  constructor(
    ctx: RequestContext,
    type: string,
    resolver: Resolver<M>,
    nullable = false,
    instantiate = false,
  ) {
    this._ctx = ctx;
    this._type = type;
    this._resolver = resolver;
    this._nullable = nullable;
    if (instantiate) {
      ctx._push({
        label: `${type}.instantiate`,
        size: () => 40,
        run: () => {
          const m = this._model();
          return () => {
            this._isNull = m === null;
          };
        },
      });
    }
  }

  get context(): RequestContext {
    return this._ctx;
  }
  /** True when an *OrNullObject lookup found nothing. Readable after sync. */
  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._isNull === undefined) throw notLoaded('isNullObject', this._type);
    return this._isNull;
  }

  /** @internal Resolves the model at execution time (during sync). null = null object (ops are no-ops). */
  _model(): M | null {
    const memo = this._memo;
    if (memo) {
      if (memo.m !== null) this._checkAlive(memo.m);
      return memo.m;
    }
    const r = this._resolver();
    if (r === NOT_FOUND) {
      if (this._nullable) {
        this._memo = { m: null };
        return null;
      }
      throw err.notFound(this._type);
    }
    if (r !== null) this._checkAlive(r);
    this._memo = { m: r };
    return r;
  }
  /** @internal */ _checkAlive(_m: M): void {
    /* overridden */
  }
  /** @internal */ _modelOrThrow(): M {
    const m = this._model();
    if (m === null) throw err.notFound(this._type, 'null object');
    return m;
  }
  /** @internal Queues an action against this object. */
  // biome-ignore lint/suspicious/noConfusingVoidType: an operation returns nothing or a commit function
  _op(name: string, args: unknown, fn: (m: M, loc: string) => void | (() => void)): void {
    const label = `${this._type}.${name}`;
    this._ctx._push({
      label,
      size: () => label.length + jsonBytes(args),
      run: () => {
        const m = this._model();
        if (m === null) return;
        const sheet = sheetOfModel(m);
        if (sheet) {
          sheet.actionCount++;
          if (sheet.actions.length < 1000) sheet.actions.push(label);
        }
        return fn(m, label);
      },
    });
  }
  /** @internal Queues a method whose result is a ClientResult. */
  _result<T>(name: string, args: unknown, fn: (m: M, loc: string) => T): ClientResult<T> {
    const res = new ClientResult<T>();
    const label = `${this._type}.${name}`;
    const ctx = this._ctx;
    ctx._push({
      label,
      size: () => label.length + jsonBytes(args),
      run: () => {
        const m = this._model();
        const v = m === null ? (null as T) : fn(m, label);
        ctx._responseBytes += 20 + jsonBytes(v);
        return () => {
          res._v = v;
          res._ok = true;
        };
      },
    });
    return res;
  }
  /** @internal Property setter: remembers the value locally (as Office.js does) and queues the set. */
  _setProp(name: string, v: unknown, apply: (m: M, v: unknown, loc: string) => void): void {
    this._cache.set(name, v);
    this._op(name, v, (m, loc) => apply(m, v, loc));
  }
  /** @internal Property getter: throws PropertyNotLoaded unless loaded (or set) before. */
  _get<T>(name: string): T {
    if (this._cache.has(name)) return this._cache.get(name) as T;
    if (this._isNull === true) return undefined as T;
    throw notLoaded(name, this._type);
  }
  /** @internal */ abstract _read(name: string, m: M): unknown;
  /** @internal Scalar property names (loadable). */
  _scalars(): readonly string[] {
    return [];
  }
  /** @internal Navigation property names (child proxies). */
  _navs(): readonly string[] {
    return [];
  }

  /** Queues loading of properties: load(), load("a, b"), load(["a","b"]), load({ a: true, nav: { b: true } }), "nav/b". */
  load(option?: LoadSpec): this {
    const p = parseLoadSpec(option);
    const scalars = new Set<string>(p.all ? this._scalars() : []);
    const nav = new Map<string, string[]>();
    for (const path of p.paths) {
      const [head, ...rest] = path.split('/');
      if (this._navs().includes(head)) {
        const list = nav.get(head) ?? [];
        list.push(rest.length ? rest.join('/') : '*');
        nav.set(head, list);
      } else if (rest.length === 0 && this._scalars().includes(head)) scalars.add(head);
      else if (rest.length === 0 && head === 'isNullObject') continue;
      else
        throw new FakeNotImplementedError(
          `fake: ${this._type} has no loadable property '${path}' (not a real property, or not implemented by the fake)`,
        );
    }
    for (const [n, subs] of nav) {
      const child = (this as any)[n] as ClientObject<any>;
      child.load(subs.includes('*') ? undefined : subs);
    }
    if (scalars.size || nav.size === 0) this._queueLoad([...scalars]);
    return this;
  }
  /** @internal */ _queueLoad(names: string[]): void {
    const ctx = this._ctx;
    const label = `${this._type}.load`;
    ctx._push({
      label,
      size: () => label.length + names.join(',').length,
      run: () => {
        const m = this._model();
        if (m === null)
          return () => {
            this._isNull = true;
          };
        const vals = names.map((n) => this._read(n, m));
        ctx._responseBytes += 20 + jsonBytes(vals) + names.join(',').length;
        return () => {
          names.forEach((n, i) => {
            this._cache.set(n, vals[i]);
          });
          if (this._nullable) this._isNull = false;
        };
      },
    });
  }
  /** @internal Reads paths ("name", "worksheet/name") right now (during a sync); returns response bytes. */
  _loadNow(paths: readonly string[], commits: (() => void)[]): number {
    const m = this._model();
    if (m === null) {
      commits.push(() => {
        this._isNull = true;
      });
      return 4;
    }
    const scalars: string[] = [];
    const nav = new Map<string, string[]>();
    for (const path of paths) {
      const [head, ...rest] = path.split('/');
      if (this._navs().includes(head)) {
        const list = nav.get(head) ?? [];
        list.push(rest.length ? rest.join('/') : '*');
        nav.set(head, list);
      } else if (rest.length === 0 && this._scalars().includes(head)) scalars.push(head);
      else
        throw new FakeNotImplementedError(
          `fake: ${this._type} has no loadable property '${path}' (not a real property, or not implemented by the fake)`,
        );
    }
    const vals = scalars.map((n) => this._read(n, m));
    let bytes = 8 + jsonBytes(vals) + scalars.join(',').length;
    commits.push(() => {
      scalars.forEach((n, i) => {
        this._cache.set(n, vals[i]);
      });
      if (this._nullable) this._isNull = false;
    });
    for (const [n, subs] of nav) {
      const child = (this as any)[n] as ClientObject<any>;
      bytes += child._loadNow(subs.includes('*') ? child._scalars() : subs, commits);
    }
    return bytes;
  }
  /** Sets several properties at once, e.g. range.set({ values: [[1]], format: { fill: { color: "red" } } }). */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      if (this._navs().includes(k))
        ((this as any)[k] as ClientObject<any>).set(v as Record<string, unknown>);
      else if (this._scalars().includes(k)) (this as any)[k] = v;
      else throw new FakeNotImplementedError(`fake: ${this._type}.set: unknown property '${k}'`);
    }
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._cache);
  }
}

/** Base of collections: `items` after load; load names apply to the items ("name" or "items/name"). */
export abstract class ClientCollection<
  M,
  IM,
  IP extends ClientObject<any>,
> extends ClientObject<M> {
  /** @internal */ abstract _itemModels(m: M): IM[];
  /** @internal */ abstract _itemProxy(im: IM): IP;
  /** @internal */ abstract _itemScalars(): readonly string[];
  /** @internal */ _read(name: string, m: M): unknown {
    if (name === 'count') return this._itemModels(m).length;
    return undefined;
  }
  get items(): IP[] {
    return this._get<IP[]>('items');
  }
  override load(option?: LoadSpec): this {
    const p = parseLoadSpec(option);
    let all = p.all;
    const paths = new Set<string>();
    const own: string[] = [];
    for (const path of p.paths) {
      let q = path;
      if (q === 'items') {
        all = true;
        continue;
      }
      if (q.startsWith('items/')) q = q.slice(6);
      else if (this._scalars().includes(q)) {
        own.push(q);
        continue;
      }
      paths.add(q); // item scalar or item navigation path, validated at sync
    }
    if (all) for (const n of this._itemScalars()) paths.add(n);
    const list = [...paths];
    const ctx = this._ctx;
    const label = `${this._type}.load`;
    ctx._push({
      label,
      size: () => label.length + list.join(',').length,
      run: () => {
        const m = this._model();
        if (m === null)
          return () => {
            this._isNull = true;
          };
        const skip = p.skip ?? 0;
        const ims = this._itemModels(m).slice(skip, p.top !== undefined ? skip + p.top : undefined);
        const proxies = ims.map((im) => {
          const px = this._itemProxy(im);
          px._memo = { m: im };
          return px;
        });
        const commits: (() => void)[] = [];
        let bytes = 20;
        for (const px of proxies) bytes += px._loadNow(list, commits);
        const ownVals = own.map((n) => this._read(n, m));
        ctx._responseBytes += bytes + jsonBytes(ownVals);
        return () => {
          for (const c of commits) c();
          own.forEach((n, i) => {
            this._cache.set(n, ownVals[i]);
          });
          this._cache.set('items', proxies);
          if (this._nullable) this._isNull = false;
        };
      },
    });
    return this;
  }
  override toJSON(): Record<string, unknown> {
    const items = this._cache.get('items') as IP[] | undefined;
    return { items: items?.map((i) => i.toJSON()) ?? [] };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Generic spec-driven proxies (chart parts, conditional-format parts)
// ---------------------------------------------------------------------------------------------------------

interface BagSpec {
  type: string;
  props?: Record<string, unknown>;
  readonly?: readonly string[];
  coerce?: Record<string, (v: unknown, loc: string) => unknown>;
  nav?: Record<string, BagSpec>;
  methods?: Record<string, (p: BagProxy, ...args: any[]) => unknown>;
}

/** Proxy whose scalar properties / children / methods come from a BagSpec; state is a BagModel. */
export class BagProxy extends ClientObject<BagModel> {
  [key: string]: any;
  /** @internal */ readonly _spec: BagSpec;
  constructor(
    ctx: RequestContext,
    spec: BagSpec,
    resolver: Resolver<BagModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, spec.type, resolver, nullable, instantiate);
    this._spec = spec;
    for (const k of Object.keys(spec.props ?? {})) {
      const ro = spec.readonly?.includes(k);
      Object.defineProperty(this, k, {
        enumerable: true,
        configurable: true,
        get: () => this._get(k),
        set: ro
          ? undefined
          : (v: unknown) =>
              this._setProp(k, v, (m, val, loc) => {
                const c = spec.coerce?.[k];
                m.props[k] = c ? c(val, loc) : val;
              }),
      });
    }
    for (const [k, s] of Object.entries(spec.nav ?? {})) {
      let child: BagProxy | undefined;
      Object.defineProperty(this, k, {
        enumerable: true,
        configurable: true,
        get: () =>
          (child ??= new BagProxy(
            ctx,
            s,
            () => {
              const m = this._model();
              return m === null ? null : bagChild(m, k);
            },
            this._nullable,
          )),
      });
    }
    for (const [k, f] of Object.entries(spec.methods ?? {}))
      Object.defineProperty(this, k, {
        configurable: true,
        value: (...a: unknown[]) => f(this, ...a),
      });
  }
  /** @internal */ _read(name: string, m: BagModel): unknown {
    const v = name in m.props ? m.props[name] : this._spec.props?.[name];
    return v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
  }
  /** @internal */ override _scalars(): readonly string[] {
    return Object.keys(this._spec.props ?? {});
  }
  /** @internal */ override _navs(): readonly string[] {
    return Object.keys(this._spec.nav ?? {});
  }
}

const colorCoerce = (v: unknown, loc: string) => normalizeColor(v, loc);
const oneOf = (allowed: Record<string, string>) => (v: unknown, loc: string) => {
  if (typeof v !== 'string' || !Object.values(allowed).includes(v))
    throw err.arg(
      loc,
      `expected one of ${Object.values(allowed).join(', ')}; got ${JSON.stringify(v)}`,
    );
  return v;
};

const S_CHART_FONT: BagSpec = {
  type: 'ChartFont',
  props: {
    bold: false,
    color: '#000000',
    italic: false,
    name: 'Calibri',
    size: 10,
    underline: 'None',
    strikeThrough: false,
  },
  coerce: { color: colorCoerce },
};
const S_CHART_FILL: BagSpec = {
  type: 'ChartFill',
  methods: {
    setSolidColor: (p, color: string) =>
      p._op('setSolidColor', color, (m, loc) => void (m.props.color = normalizeColor(color, loc))),
    clear: (p) => p._op('clear', null, (m) => void delete m.props.color),
    getSolidColor: (p) => p._result('getSolidColor', null, (m) => (m.props.color as string) ?? ''),
  },
};
const S_CHART_LINE: BagSpec = {
  type: 'ChartLineFormat',
  props: { color: '', lineStyle: 'Continuous', weight: 0.75 },
  coerce: { color: colorCoerce },
  methods: { clear: (p) => p._op('clear', null, (m) => void (m.props = {})) },
};
const S_CHART_BORDER: BagSpec = { ...S_CHART_LINE, type: 'ChartBorder' };
const S_TEXT_FORMAT: BagSpec = {
  type: 'ChartTextFormat',
  nav: { font: S_CHART_FONT, fill: S_CHART_FILL, border: S_CHART_BORDER },
};
const S_AREA_FORMAT: BagSpec = {
  type: 'ChartAreaFormat',
  props: { roundedCorners: false, colorScheme: '' },
  nav: { font: S_CHART_FONT, fill: S_CHART_FILL, border: S_CHART_BORDER },
};
const S_CHART_TITLE: BagSpec = {
  type: 'ChartTitle',
  props: {
    text: '',
    visible: true,
    overlay: false,
    position: 'Automatic',
    horizontalAlignment: 'Center',
    verticalAlignment: 'Center',
    textOrientation: 0,
    showShadow: false,
    height: 0,
    width: 0,
    left: 0,
    top: 0,
  },
  readonly: ['height', 'width'],
  nav: { format: S_TEXT_FORMAT },
  methods: {
    setFormula: (p, formula: string) =>
      p._op('setFormula', formula, (m) => void (m.props.formula = formula)),
  },
};
const S_AXIS_TITLE: BagSpec = {
  type: 'ChartAxisTitle',
  props: { text: '', visible: false, textOrientation: 0 },
  nav: {
    format: {
      type: 'ChartAxisTitleFormat',
      nav: { font: S_CHART_FONT, fill: S_CHART_FILL, border: S_CHART_BORDER },
    },
  },
  methods: {
    setFormula: (p, formula: string) =>
      p._op('setFormula', formula, (m) => void (m.props.formula = formula)),
  },
};
const S_GRIDLINES: BagSpec = {
  type: 'ChartGridlines',
  props: { visible: false },
  nav: { format: { type: 'ChartGridlinesFormat', nav: { line: S_CHART_LINE } } },
};
const S_AXIS: BagSpec = {
  type: 'ChartAxis',
  props: {
    visible: true,
    minimum: null,
    maximum: null,
    majorUnit: null,
    minorUnit: null,
    numberFormat: 'General',
    displayUnit: 'None',
    customDisplayUnit: 0,
    logBase: 10,
    scaleType: 'Linear',
    reversePlotOrder: false,
    tickLabelPosition: 'NextToAxis',
    majorTickMark: 'Outside',
    minorTickMark: 'None',
    categoryType: 'Automatic',
    linkNumberFormat: true,
    showDisplayUnitLabel: true,
    textOrientation: 0,
    axisGroup: 'Primary',
    type: 'Value',
  },
  readonly: ['axisGroup', 'type'],
  nav: {
    title: S_AXIS_TITLE,
    majorGridlines: S_GRIDLINES,
    minorGridlines: S_GRIDLINES,
    format: {
      type: 'ChartAxisFormat',
      nav: { font: S_CHART_FONT, line: S_CHART_LINE, fill: S_CHART_FILL },
    },
  },
};
const axisSpec = (type: string): BagSpec => ({ ...S_AXIS, props: { ...S_AXIS.props, type } });
const S_AXES: BagSpec = {
  type: 'ChartAxes',
  nav: {
    categoryAxis: axisSpec('Category'),
    valueAxis: axisSpec('Value'),
    seriesAxis: axisSpec('Series'),
  },
  methods: {
    getItem: (p, type: string, _group?: string) => {
      const k =
        type === 'Category'
          ? 'categoryAxis'
          : type === 'Series'
            ? 'seriesAxis'
            : type === 'Value'
              ? 'valueAxis'
              : null;
      if (!k) throw new FakeNotImplementedError(`fake: ChartAxes.getItem('${type}')`);
      return p[k];
    },
  },
};
const S_LEGEND: BagSpec = {
  type: 'ChartLegend',
  props: {
    visible: true,
    position: 'Right',
    overlay: false,
    showShadow: false,
    height: 0,
    width: 0,
    left: 0,
    top: 0,
  },
  coerce: { position: oneOf(ExcelEnums.ChartLegendPosition) },
  nav: {
    format: {
      type: 'ChartLegendFormat',
      nav: { font: S_CHART_FONT, fill: S_CHART_FILL, border: S_CHART_BORDER },
    },
  },
};
const S_DATA_LABELS: BagSpec = {
  type: 'ChartDataLabels',
  props: {
    showValue: false,
    showCategoryName: false,
    showSeriesName: false,
    showPercentage: false,
    showLegendKey: false,
    showBubbleSize: false,
    position: 'BestFit',
    numberFormat: 'General',
    separator: ', ',
    linkNumberFormat: true,
    horizontalAlignment: 'Center',
    verticalAlignment: 'Center',
    textOrientation: 0,
    autoText: true,
  },
  nav: {
    format: {
      type: 'ChartDataLabelFormat',
      nav: { font: S_CHART_FONT, fill: S_CHART_FILL, border: S_CHART_BORDER },
    },
  },
};
const S_PLOT_AREA: BagSpec = {
  type: 'ChartPlotArea',
  props: {
    left: 0,
    top: 0,
    width: 0,
    height: 0,
    insideLeft: 0,
    insideTop: 0,
    insideWidth: 0,
    insideHeight: 0,
    position: 'Automatic',
  },
  nav: {
    format: { type: 'ChartPlotAreaFormat', nav: { fill: S_CHART_FILL, border: S_CHART_BORDER } },
  },
};

// Conditional format parts
const S_CF_FONT: BagSpec = {
  type: 'ConditionalRangeFont',
  props: { bold: null, italic: null, color: null, strikethrough: null, underline: null },
  coerce: { color: colorCoerce },
  methods: { clear: (p) => p._op('clear', null, (m) => void (m.props = {})) },
};
const S_CF_FILL: BagSpec = {
  type: 'ConditionalRangeFill',
  props: { color: null },
  coerce: { color: colorCoerce },
  methods: { clear: (p) => p._op('clear', null, (m) => void (m.props = {})) },
};
const S_CF_BORDER: BagSpec = {
  type: 'ConditionalRangeBorder',
  props: { color: null, style: null, sideIndex: 'EdgeTop' },
  coerce: { color: colorCoerce },
};
const S_CF_FORMAT: BagSpec = {
  type: 'ConditionalRangeFormat',
  props: { numberFormat: null },
  nav: {
    fill: S_CF_FILL,
    font: S_CF_FONT,
    borders: {
      type: 'ConditionalRangeBorderCollection',
      nav: { top: S_CF_BORDER, bottom: S_CF_BORDER, left: S_CF_BORDER, right: S_CF_BORDER },
      methods: {
        getItem: (p, index: string) => {
          const k = { EdgeTop: 'top', EdgeBottom: 'bottom', EdgeLeft: 'left', EdgeRight: 'right' }[
            index
          ];
          if (!k)
            throw new FakeNotImplementedError(
              `fake: ConditionalRangeBorderCollection.getItem('${index}')`,
            );
          return p[k];
        },
      },
    },
  },
};

function validateColorCriterion(c: unknown, which: string, loc: string): unknown {
  if (!c || typeof c !== 'object') throw err.arg(loc, `criteria.${which} is required`);
  const o = c as Record<string, unknown>;
  const types = Object.values(ExcelEnums.ConditionalFormatColorCriterionType).filter(
    (t) => t !== 'Invalid',
  ) as string[];
  if (!types.includes(o.type as string))
    throw err.arg(loc, `criteria.${which}.type must be one of ${types.join(', ')}`);
  if (
    ['Number', 'Percent', 'Formula', 'Percentile'].includes(o.type as string) &&
    (o.formula === undefined || o.formula === null || o.formula === '')
  )
    throw err.arg(loc, `criteria.${which}.formula is required for type ${o.type}`);
  return {
    ...o,
    color: o.color === undefined || o.color === null ? o.color : normalizeColor(o.color, loc),
  };
}
const S_COLOR_SCALE: BagSpec = {
  type: 'ColorScaleConditionalFormat',
  props: { criteria: null, threeColorScale: false },
  readonly: ['threeColorScale'],
  coerce: {
    criteria: (v, loc) => {
      if (!v || typeof v !== 'object') throw err.arg(loc, 'criteria must be an object');
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {
        minimum: validateColorCriterion(o.minimum, 'minimum', loc),
      };
      if (o.midpoint !== undefined && o.midpoint !== null)
        out.midpoint = validateColorCriterion(o.midpoint, 'midpoint', loc);
      out.maximum = validateColorCriterion(o.maximum, 'maximum', loc);
      return out;
    },
  },
};
const S_CELL_VALUE: BagSpec = {
  type: 'CellValueConditionalFormat',
  props: { rule: null },
  coerce: {
    rule: (v, loc) => {
      const o = v as Record<string, unknown> | null;
      const ops = Object.values(ExcelEnums.ConditionalCellValueOperator).filter(
        (t) => t !== 'Invalid',
      ) as string[];
      if (!o || !ops.includes(o.operator as string))
        throw err.arg(loc, `rule.operator must be one of ${ops.join(', ')}`);
      if (o.formula1 === undefined || o.formula1 === null || o.formula1 === '')
        throw err.arg(loc, 'rule.formula1 is required');
      if (
        (o.operator === 'Between' || o.operator === 'NotBetween') &&
        (o.formula2 === undefined || o.formula2 === '')
      )
        throw err.arg(loc, 'rule.formula2 is required for Between/NotBetween');
      return { ...o };
    },
  },
  nav: { format: S_CF_FORMAT },
};
const S_CUSTOM_CF: BagSpec = {
  type: 'CustomConditionalFormat',
  nav: {
    rule: {
      type: 'ConditionalFormatRule',
      props: { formula: '', formulaLocal: '', formulaR1C1: '' },
    },
    format: S_CF_FORMAT,
  },
};
const S_TEXT_CF: BagSpec = {
  type: 'TextConditionalFormat',
  props: { rule: null },
  coerce: {
    rule: (v, loc) => {
      const o = v as Record<string, unknown> | null;
      if (
        !o ||
        !(Object.values(ExcelEnums.ConditionalTextOperator) as string[]).includes(
          o.operator as string,
        ) ||
        o.operator === 'Invalid'
      )
        throw err.arg(loc, 'rule.operator is invalid');
      if (typeof o.text !== 'string') throw err.arg(loc, 'rule.text is required');
      return { ...o };
    },
  },
  nav: { format: S_CF_FORMAT },
};
const S_TOPBOTTOM_CF: BagSpec = {
  type: 'TopBottomConditionalFormat',
  props: { rule: null },
  nav: { format: S_CF_FORMAT },
};
const S_PRESET_CF: BagSpec = {
  type: 'PresetCriteriaConditionalFormat',
  props: { rule: null },
  nav: { format: S_CF_FORMAT },
};
const S_DATABAR: BagSpec = {
  type: 'DataBarConditionalFormat',
  props: {
    barDirection: 'Context',
    showDataBarOnly: false,
    axisColor: '#000000',
    axisFormat: 'Automatic',
    lowerBoundRule: { type: 'Automatic' },
    upperBoundRule: { type: 'Automatic' },
  },
  coerce: { axisColor: colorCoerce },
  nav: {
    positiveFormat: {
      type: 'ConditionalDataBarPositiveFormat',
      props: { fillColor: '#638EC6', gradientFill: true, borderColor: '' },
      coerce: { fillColor: colorCoerce, borderColor: colorCoerce },
    },
    negativeFormat: {
      type: 'ConditionalDataBarNegativeFormat',
      props: {
        fillColor: '#FF0000',
        borderColor: '',
        matchPositiveFillColor: false,
        matchPositiveBorderColor: false,
      },
      coerce: { fillColor: colorCoerce, borderColor: colorCoerce },
    },
  },
};
const S_ICONSET: BagSpec = {
  type: 'IconSetConditionalFormat',
  props: {
    style: 'ThreeTrafficLights1',
    reverseIconOrder: false,
    showIconOnly: false,
    criteria: [],
  },
  coerce: { style: oneOf(ExcelEnums.IconSet) },
};

/** ConditionalFormatType -> [navigation property name, spec]. */
const CF_PARTS: Record<string, [string, BagSpec]> = {
  ColorScale: ['colorScale', S_COLOR_SCALE],
  CellValue: ['cellValue', S_CELL_VALUE],
  Custom: ['custom', S_CUSTOM_CF],
  DataBar: ['dataBar', S_DATABAR],
  IconSet: ['iconSet', S_ICONSET],
  TopBottom: ['topBottom', S_TOPBOTTOM_CF],
  PresetCriteria: ['preset', S_PRESET_CF],
  ContainsText: ['textComparison', S_TEXT_CF],
};

// ---------------------------------------------------------------------------------------------------------
// Concrete proxies
// ---------------------------------------------------------------------------------------------------------

export interface RangeModel {
  sheet: FakeSheet;
  rect: Rect;
}

function absAddress(sheetName: string, r: Rect): string {
  const a = (c: number, row: number) => `$${columnLetters(c)}$${row + 1}`;
  const body =
    r.rows === 1 && r.cols === 1
      ? a(r.c0, r.r0)
      : `${a(r.c0, r.r0)}:${a(r.c0 + r.cols - 1, r.r0 + r.rows - 1)}`;
  return `${quoteSheetName(sheetName)}!${body}`;
}

/** Resolves a Range proxy or an address string argument (at execution time). */
function rangeArg(
  ctx: RequestContext,
  x: unknown,
  sheet: FakeSheet | null,
  loc: string,
): RangeModel {
  if (x instanceof Range) {
    if (x._ctx !== ctx)
      throw new FakeOfficeError(
        'InvalidRequestContext',
        'Cannot use the object across different request contexts.',
        loc,
      );
    return x._modelOrThrow();
  }
  if (typeof x === 'string') return ctx._wb.resolveAddress(x, sheet, loc);
  throw err.arg(loc, 'expected a Range or an address string');
}
const argLabel = (x: unknown) => (x instanceof Range ? '<Range>' : x);

function guardCells(ctx: RequestContext, rect: Rect, loc: string): void {
  if (rect.rows * rect.cols * 3 > ctx._state.responseLimit)
    throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', MSG.responsePayload, loc);
}
function grid2<T>(rect: Rect, fn: (r: number, c: number) => T): T[][] {
  const out: T[][] = new Array(rect.rows);
  for (let i = 0; i < rect.rows; i++) {
    const row: T[] = new Array(rect.cols);
    const r = rect.r0 + i;
    for (let j = 0; j < rect.cols; j++) row[j] = fn(r, rect.c0 + j);
    out[i] = row;
  }
  return out;
}
/** Uniform value of a per-cell format over a range (null when mixed), like Range.format reads. */
function uniform(sh: FakeSheet, rect: Rect, key: FormatKey, ctx: RequestContext): unknown {
  const g = sh.grid;
  const first = g.fget(key, rect.r0, rect.c0);
  const layer = g.formats.get(key);
  if (!layer) return first;
  if (isFullCols(rect) || isFullRows(rect)) {
    // Only inspect explicitly stored values (defaults + per-cell entries) for huge ranges.
    const seen = new Set<unknown>([first]);
    for (const [c, v] of layer.colDef) if (c >= rect.c0 && c < rect.c0 + rect.cols) seen.add(v);
    for (const [r, v] of layer.rowDef) if (r >= rect.r0 && r < rect.r0 + rect.rows) seen.add(v);
    layer.forEach((r, c, v) => {
      if (r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols)
        seen.add(v);
    });
    return seen.size === 1 ? first : null;
  }
  guardCells(ctx, { ...rect, rows: Math.ceil(rect.rows / 10) }, 'Range.format');
  for (let r = rect.r0; r < rect.r0 + rect.rows; r++)
    for (let c = rect.c0; c < rect.c0 + rect.cols; c++)
      if (g.fget(key, r, c) !== first) return null;
  return first;
}

function boundsWithin(layers: Layer<unknown>[], rect: Rect): Rect | null {
  let b: Rect | null = null;
  for (const l of layers) {
    const lb = l.bounds();
    if (!lb || !rectsIntersect(lb, rect)) continue;
    const r1 = Math.min(rect.r0 + rect.rows, l.rows.length);
    for (let r = rect.r0; r < r1; r++) {
      const a = l.rows[r];
      if (a === undefined) continue;
      const c1 = Math.min(rect.c0 + rect.cols, a.length);
      for (let c = rect.c0; c < c1; c++) {
        if (a[c] === undefined) continue;
        b = b
          ? rectUnion(b, { r0: r, c0: c, rows: 1, cols: 1 })
          : { r0: r, c0: c, rows: 1, cols: 1 };
      }
    }
  }
  return b;
}

function currentRegion(sh: FakeSheet, r: number, c: number): Rect {
  let r0 = r,
    r1 = r,
    c0 = c,
    c1 = c;
  const rowHas = (row: number, ca: number, cb: number) => {
    if (row < 0 || row >= MAX_ROWS) return false;
    for (let k = Math.max(ca, 0); k <= Math.min(cb, MAX_COLS - 1); k++)
      if (!sh.isBlank(row, k)) return true;
    return false;
  };
  const colHas = (col: number, ra: number, rb: number) => {
    if (col < 0 || col >= MAX_COLS) return false;
    for (let k = Math.max(ra, 0); k <= Math.min(rb, MAX_ROWS - 1); k++)
      if (!sh.isBlank(k, col)) return true;
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    while (r0 > 0 && rowHas(r0 - 1, c0 - 1, c1 + 1)) {
      r0--;
      changed = true;
    }
    while (r1 < MAX_ROWS - 1 && rowHas(r1 + 1, c0 - 1, c1 + 1)) {
      r1++;
      changed = true;
    }
    while (c0 > 0 && colHas(c0 - 1, r0 - 1, r1 + 1)) {
      c0--;
      changed = true;
    }
    while (c1 < MAX_COLS - 1 && colHas(c1 + 1, r0 - 1, r1 + 1)) {
      c1++;
      changed = true;
    }
  }
  return { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

function checkCount(n: unknown, loc: string, min = 0): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min)
    throw err.arg(loc, `expected an integer >= ${min}, got ${JSON.stringify(n)}`);
  return n;
}

// ---- Range ------------------------------------------------------------------------------------------

const RANGE_SCALARS = [
  'address',
  'addressLocal',
  'cellCount',
  'rowCount',
  'columnCount',
  'rowIndex',
  'columnIndex',
  'values',
  'formulas',
  'formulasLocal',
  'numberFormat',
  'numberFormatLocal',
  'text',
  'valueTypes',
  'isEntireColumn',
  'isEntireRow',
  'hidden',
  'rowHidden',
  'columnHidden',
  'hyperlink',
  'top',
  'left',
  'width',
  'height',
] as const;

export class Range extends ClientObject<RangeModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<RangeModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'Range', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(m: RangeModel): void {
    if (m.sheet.deleted) throw err.notFound('Range', 'the worksheet was deleted');
  }
  /** @internal */ override _scalars(): readonly string[] {
    return RANGE_SCALARS;
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['format', 'worksheet', 'conditionalFormats'];
  }
  /** @internal */ _read(name: string, m: RangeModel): unknown {
    const { sheet: sh, rect } = m;
    const g = sh.grid;
    const loc = `Range.${name}`;
    if (
      (isFullCols(rect) || isFullRows(rect)) &&
      [
        'values',
        'formulas',
        'formulasLocal',
        'numberFormat',
        'numberFormatLocal',
        'text',
        'valueTypes',
      ].includes(name)
    )
      return null; // documented: cell-level properties of unbounded ranges read back as null
    switch (name) {
      case 'address':
      case 'addressLocal':
        return qualifiedAddress(sh.name, rect);
      case 'cellCount': {
        const n = rect.rows * rect.cols;
        return n > 2147483647 ? -1 : n;
      }
      case 'rowCount':
        return rect.rows;
      case 'columnCount':
        return rect.cols;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'values':
        guardCells(this._ctx, rect, loc);
        return grid2(rect, (r, c) => sh.valueOf(r, c));
      case 'formulas':
      case 'formulasLocal':
        guardCells(this._ctx, rect, loc);
        return grid2(rect, (r, c) => g.formulas.cell(r, c) ?? sh.valueOf(r, c));
      case 'numberFormat':
      case 'numberFormatLocal':
        guardCells(this._ctx, rect, loc);
        return grid2(rect, (r, c) => g.numberFormat(r, c));
      case 'text':
        guardCells(this._ctx, rect, loc);
        return grid2(rect, (r, c) => formatCellText(g.values.cell(r, c), g.numberFormat(r, c)));
      case 'valueTypes':
        guardCells(this._ctx, rect, loc);
        return grid2(rect, (r, c) => valueType(g.values.cell(r, c)));
      case 'isEntireColumn':
        return isFullCols(rect);
      case 'isEntireRow':
        return isFullRows(rect);
      case 'rowHidden':
      case 'columnHidden':
      case 'hidden': {
        const rowsHidden = this._allIn(sh.hiddenRows, rect.r0, rect.rows);
        const colsHidden = this._allIn(sh.hiddenCols, rect.c0, rect.cols);
        if (name === 'rowHidden') return rowsHidden;
        if (name === 'columnHidden') return colsHidden;
        return rowsHidden === true || colsHidden === true;
      }
      case 'hyperlink':
        return g.hyperlinks.get(rect.r0, rect.c0) ?? null;
      case 'top':
        return sumTo(rect.r0, (r) => sh.rowHeight(r));
      case 'left':
        return sumTo(rect.c0, (c) => sh.colWidth(c));
      case 'height':
        return sumRange(rect.r0, rect.rows, (r) => sh.rowHeight(r));
      case 'width':
        return sumRange(rect.c0, rect.cols, (c) => sh.colWidth(c));
    }
    throw new FakeNotImplementedError(`fake: Range.${name}`);
  }
  private _allIn(set: Set<number>, start: number, n: number): boolean | null {
    if (set.size === 0) return false;
    let hidden = 0;
    for (const x of set) if (x >= start && x < start + n) hidden++;
    return hidden === 0 ? false : hidden === n ? true : null;
  }

  // scalar properties
  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get hidden(): boolean {
    return this._get('hidden');
  }
  get top(): number {
    return this._get('top');
  }
  get left(): number {
    return this._get('left');
  }
  get width(): number {
    return this._get('width');
  }
  get height(): number {
    return this._get('height');
  }

  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any) {
    this._setProp('values', v, (m, val, loc) => writeCells(m.sheet, m.rect, val, loc));
  }
  get formulas(): any[][] {
    return this._get('formulas');
  }
  set formulas(v: any) {
    this._setProp('formulas', v, (m, val, loc) => writeCells(m.sheet, m.rect, val, loc));
  }
  get formulasLocal(): any[][] {
    return this._get('formulasLocal');
  }
  set formulasLocal(v: any) {
    this._setProp('formulasLocal', v, (m, val, loc) => writeCells(m.sheet, m.rect, val, loc));
  }
  get numberFormat(): any[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: any) {
    this._setProp('numberFormat', v, (m, val, loc) =>
      writeFormatCells(m.sheet, m.rect, val, 'numberFormat', coerceNumberFormat(loc), loc),
    );
  }
  get numberFormatLocal(): any[][] {
    return this._get('numberFormatLocal');
  }
  set numberFormatLocal(v: any) {
    this._setProp('numberFormatLocal', v, (m, val, loc) =>
      writeFormatCells(m.sheet, m.rect, val, 'numberFormat', coerceNumberFormat(loc), loc),
    );
  }
  get rowHidden(): boolean {
    return this._get('rowHidden');
  }
  set rowHidden(v: boolean) {
    this._setProp('rowHidden', v, (m) => {
      for (let r = m.rect.r0; r < m.rect.r0 + m.rect.rows; r++)
        v ? m.sheet.hiddenRows.add(r) : m.sheet.hiddenRows.delete(r);
    });
  }
  get columnHidden(): boolean {
    return this._get('columnHidden');
  }
  set columnHidden(v: boolean) {
    this._setProp('columnHidden', v, (m) => {
      for (let c = m.rect.c0; c < m.rect.c0 + m.rect.cols; c++)
        v ? m.sheet.hiddenCols.add(c) : m.sheet.hiddenCols.delete(c);
    });
  }
  get hyperlink(): Hyperlink | null {
    return this._get('hyperlink');
  }
  set hyperlink(v: Hyperlink | null) {
    this._setProp('hyperlink', v, (m, val, loc) => {
      if (val !== null && typeof val !== 'object')
        throw err.arg(loc, 'hyperlink must be an object');
      const h = val as Hyperlink | null;
      m.sheet.grid.hyperlinks.setRect(
        m.rect,
        h && (h.address || h.documentReference) ? { ...h } : undefined,
      );
      if (h?.textToDisplay !== undefined) writeCells(m.sheet, m.rect, h.textToDisplay, loc);
      else if (h && (h.address || h.documentReference))
        for (let r = m.rect.r0; r < m.rect.r0 + m.rect.rows; r++)
          for (let c = m.rect.c0; c < m.rect.c0 + m.rect.cols; c++)
            if (m.sheet.isBlank(r, c))
              m.sheet.grid.values.set(r, c, h.address ?? h.documentReference ?? '');
    });
  }

  // navigation
  private _format?: RangeFormat;
  get format(): RangeFormat {
    return (this._format ??= new RangeFormat(this._ctx, () => this._model(), this._nullable));
  }
  private _worksheet?: Worksheet;
  get worksheet(): Worksheet {
    return (this._worksheet ??= new Worksheet(
      this._ctx,
      () => {
        const m = this._model();
        return m === null ? null : m.sheet;
      },
      this._nullable,
    ));
  }
  private _cfs?: ConditionalFormatCollection;
  get conditionalFormats(): ConditionalFormatCollection {
    return (this._cfs ??= new ConditionalFormatCollection(
      this._ctx,
      () => this._model(),
      this._nullable,
    ));
  }

  // derived ranges (resolved at sync time; invalid arguments surface there as InvalidArgument)
  /** @internal */ _derive(
    name: string,
    f: (m: RangeModel, loc: string) => Rect | typeof NOT_FOUND,
    nullable = this._nullable,
    instantiate = false,
  ): Range {
    return new Range(
      this._ctx,
      () => {
        const m = this._model();
        if (m === null) return null;
        const loc = `Range.${name}`;
        const r = f(m, loc);
        if (r === NOT_FOUND) return NOT_FOUND;
        if (!rectInSheet(r)) throw err.arg(loc, 'the resulting range is outside the worksheet');
        return { sheet: m.sheet, rect: r };
      },
      nullable,
      instantiate,
    );
  }
  getCell(row: number, column: number): Range {
    return this._derive('getCell', (m, loc) => ({
      r0: m.rect.r0 + checkCount(row, loc),
      c0: m.rect.c0 + checkCount(column, loc),
      rows: 1,
      cols: 1,
    }));
  }
  getRow(row: number): Range {
    return this._derive('getRow', (m, loc) => ({
      r0: m.rect.r0 + checkCount(row, loc),
      c0: m.rect.c0,
      rows: 1,
      cols: m.rect.cols,
    }));
  }
  getColumn(column: number): Range {
    return this._derive('getColumn', (m, loc) => ({
      r0: m.rect.r0,
      c0: m.rect.c0 + checkCount(column, loc),
      rows: m.rect.rows,
      cols: 1,
    }));
  }
  getLastRow(): Range {
    return this._derive('getLastRow', (m) => ({
      ...m.rect,
      r0: m.rect.r0 + m.rect.rows - 1,
      rows: 1,
    }));
  }
  getLastColumn(): Range {
    return this._derive('getLastColumn', (m) => ({
      ...m.rect,
      c0: m.rect.c0 + m.rect.cols - 1,
      cols: 1,
    }));
  }
  getLastCell(): Range {
    return this._derive('getLastCell', (m) => ({
      r0: m.rect.r0 + m.rect.rows - 1,
      c0: m.rect.c0 + m.rect.cols - 1,
      rows: 1,
      cols: 1,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derive('getResizedRange', (m, loc) => {
      if (!Number.isInteger(deltaRows) || !Number.isInteger(deltaColumns)) throw err.arg(loc);
      const r = { ...m.rect, rows: m.rect.rows + deltaRows, cols: m.rect.cols + deltaColumns };
      if (r.rows < 1 || r.cols < 1) throw err.arg(loc, 'the resized range would have no cells');
      return r;
    });
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this._derive('getAbsoluteResizedRange', (m, loc) => ({
      ...m.rect,
      rows: checkCount(numRows, loc, 1),
      cols: checkCount(numColumns, loc, 1),
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derive('getOffsetRange', (m, loc) => {
      if (!Number.isInteger(rowOffset) || !Number.isInteger(columnOffset)) throw err.arg(loc);
      return { ...m.rect, r0: m.rect.r0 + rowOffset, c0: m.rect.c0 + columnOffset };
    });
  }
  getEntireColumn(): Range {
    return this._derive('getEntireColumn', (m) => ({
      r0: 0,
      c0: m.rect.c0,
      rows: MAX_ROWS,
      cols: m.rect.cols,
    }));
  }
  getEntireRow(): Range {
    return this._derive('getEntireRow', (m) => ({
      r0: m.rect.r0,
      c0: 0,
      rows: m.rect.rows,
      cols: MAX_COLS,
    }));
  }
  getRowsAbove(count = 1): Range {
    return this._derive('getRowsAbove', (m, loc) => ({
      ...m.rect,
      r0: m.rect.r0 - checkCount(count, loc, 1),
      rows: count,
    }));
  }
  getRowsBelow(count = 1): Range {
    return this._derive('getRowsBelow', (m, loc) => ({
      ...m.rect,
      r0: m.rect.r0 + m.rect.rows,
      rows: checkCount(count, loc, 1),
    }));
  }
  getColumnsBefore(count = 1): Range {
    return this._derive('getColumnsBefore', (m, loc) => ({
      ...m.rect,
      c0: m.rect.c0 - checkCount(count, loc, 1),
      cols: count,
    }));
  }
  getColumnsAfter(count = 1): Range {
    return this._derive('getColumnsAfter', (m, loc) => ({
      ...m.rect,
      c0: m.rect.c0 + m.rect.cols,
      cols: checkCount(count, loc, 1),
    }));
  }
  getBoundingRect(anotherRange: Range | string): Range {
    return this._derive('getBoundingRect', (m, loc) => {
      const o = rangeArg(this._ctx, anotherRange, m.sheet, loc);
      if (o.sheet !== m.sheet) throw err.arg(loc, 'ranges are on different worksheets');
      return rectUnion(m.rect, o.rect);
    });
  }
  getIntersection(anotherRange: Range | string): Range {
    return this._intersection(anotherRange, false);
  }
  getIntersectionOrNullObject(anotherRange: Range | string): Range {
    return this._intersection(anotherRange, true);
  }
  private _intersection(other: Range | string, nullable: boolean): Range {
    return this._derive(
      nullable ? 'getIntersectionOrNullObject' : 'getIntersection',
      (m, loc) => {
        const o = rangeArg(this._ctx, other, m.sheet, loc);
        const r = o.sheet === m.sheet ? rectIntersection(m.rect, o.rect) : null;
        return r ?? NOT_FOUND;
      },
      nullable || this._nullable,
      nullable,
    );
  }
  /** The current region (contiguous non-blank block) around the top-left cell, like Ctrl+Shift+8. */
  getSurroundingRegion(): Range {
    return this._derive('getSurroundingRegion', (m) =>
      currentRegion(m.sheet, m.rect.r0, m.rect.c0),
    );
  }
  /** Tables overlapping the range (ExcelApi 1.9); fullyContained (default false) keeps only those inside it. */
  getTables(fullyContained = false): TableScopedCollection {
    return new TableScopedCollection(
      this._ctx,
      () => this._model(),
      !!fullyContained,
      this._nullable,
    );
  }
  getUsedRange(valuesOnly = false): Range {
    return this._usedRange(valuesOnly, false);
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._usedRange(valuesOnly, true);
  }
  private _usedRange(valuesOnly: boolean, nullable: boolean): Range {
    return this._derive(
      nullable ? 'getUsedRangeOrNullObject' : 'getUsedRange',
      (m) => {
        const g = m.sheet.grid;
        const layers: Layer<unknown>[] = [g.values, g.formulas];
        if (!valuesOnly) layers.push(...g.formats.values(), g.hyperlinks);
        return boundsWithin(layers, m.rect) ?? NOT_FOUND;
      },
      nullable || this._nullable,
      nullable,
    );
  }

  // actions
  clear(applyTo: string = 'All'): void {
    this._op('clear', applyTo, (m, loc) => {
      const g = m.sheet.grid;
      if (!(Object.values(ExcelEnums.ClearApplyTo) as string[]).includes(applyTo))
        throw err.arg(loc, `bad applyTo '${applyTo}'`);
      if (applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents') {
        g.values.clearCells(m.rect);
        g.formulas.clearCells(m.rect);
      }
      if (applyTo === 'All' || applyTo === 'Formats') {
        for (const l of g.formats.values()) l.setRect(m.rect, undefined);
        m.sheet.borderList.splice(
          0,
          m.sheet.borderList.length,
          ...m.sheet.borderList.filter((b) => !rectsIntersect(b.rect, m.rect)),
        );
      }
      if (applyTo === 'All' || applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks')
        g.hyperlinks.setRect(m.rect, undefined);
    });
  }
  select(): void {
    this._op('select', null, (m, loc) => {
      if (m.sheet.visibility !== 'Visible') throw err.op(loc, 'cannot select on a hidden sheet');
      const wb = this._ctx._wb;
      wb.active = m.sheet;
      wb.selection = { sheet: m.sheet, rect: { ...m.rect } };
    });
  }
  activate(): void {
    this.select();
  }
  merge(across = false): void {
    this._op('merge', across, (m) => {
      const sh = m.sheet;
      const areas: Rect[] = across
        ? Array.from({ length: m.rect.rows }, (_, i) => ({ ...m.rect, r0: m.rect.r0 + i, rows: 1 }))
        : [{ ...m.rect }];
      for (const a of areas) {
        for (let i = sh.merges.length - 1; i >= 0; i--)
          if (rectsIntersect(sh.merges[i], a)) sh.merges.splice(i, 1);
        for (let r = a.r0; r < a.r0 + a.rows; r++)
          for (let c = a.c0; c < a.c0 + a.cols; c++)
            if (r !== a.r0 || c !== a.c0) {
              sh.grid.values.set(r, c, undefined);
              sh.grid.formulas.set(r, c, undefined);
            }
        if (a.rows * a.cols > 1) sh.merges.push(a);
      }
    });
  }
  unmerge(): void {
    this._op('unmerge', null, (m) => {
      const sh = m.sheet;
      for (let i = sh.merges.length - 1; i >= 0; i--)
        if (rectsIntersect(sh.merges[i], m.rect)) sh.merges.splice(i, 1);
    });
  }
  calculate(): void {
    this._op('calculate', null, () => undefined);
  }
  getMergedAreasOrNullObject(): never {
    throw new FakeNotImplementedError('fake: Range.getMergedAreasOrNullObject');
  }
}

function sumTo(n: number, f: (i: number) => number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += f(i);
  return s;
}
function sumRange(start: number, n: number, f: (i: number) => number): number {
  let s = 0;
  for (let i = start; i < start + n; i++) s += f(i);
  return s;
}

// ---- Range formatting --------------------------------------------------------------------------------

function fmtProp(key: FormatKey, coerce?: (v: unknown, loc: string) => unknown) {
  return {
    read: (m: RangeModel, ctx: RequestContext) => {
      const v = uniform(m.sheet, m.rect, key, ctx);
      return key === 'fill' && v === undefined ? '#FFFFFF' : v;
    },
    write: (m: RangeModel, v: unknown, loc: string) => {
      const x = coerce ? coerce(v, loc) : v;
      const layer = m.sheet.grid.fmt<unknown>(key);
      const hasDefaults =
        layer.colDef.size > 0 || layer.rowDef.size > 0 || layer.allDef !== undefined;
      layer.setRect(m.rect, x === FORMAT_DEFAULTS[key] && !hasDefaults ? undefined : x);
    },
  };
}
const boolCoerce = (v: unknown, loc: string) => {
  if (typeof v !== 'boolean') throw err.arg(loc, `expected a boolean, got ${JSON.stringify(v)}`);
  return v;
};
const numCoerce = (v: unknown, loc: string) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw err.arg(loc, `expected a non-negative number, got ${JSON.stringify(v)}`);
  return v;
};
const strCoerce = (v: unknown, loc: string) => {
  if (typeof v !== 'string') throw err.arg(loc, `expected a string, got ${JSON.stringify(v)}`);
  return v;
};

abstract class RangePart extends ClientObject<RangeModel> {
  /** @internal */ abstract readonly _props: Record<string, ReturnType<typeof fmtProp>>;
  /** @internal */ _read(name: string, m: RangeModel): unknown {
    const p = this._props[name];
    if (!p) throw new FakeNotImplementedError(`fake: ${this._type}.${name}`);
    return p.read(m, this._ctx);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return Object.keys(this._props);
  }
  /** @internal */ override _checkAlive(m: RangeModel): void {
    if (m.sheet.deleted) throw err.notFound(this._type, 'the worksheet was deleted');
  }
  /** @internal */ _w(name: string, v: unknown): void {
    const p = this._props[name];
    this._setProp(name, v, (m, val, loc) => p.write(m, val, loc));
  }
}

export class RangeFill extends RangePart {
  /** @internal */ readonly _props = {
    color: fmtProp('fill', (v, loc) => (v === '' ? undefined : normalizeColor(v, loc))),
  };
  constructor(ctx: RequestContext, resolver: Resolver<RangeModel>, nullable: boolean) {
    super(ctx, 'RangeFill', resolver, nullable);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._w('color', v);
  }
  clear(): void {
    this._cache.delete('color');
    this._op('clear', null, (m) => m.sheet.grid.fmt('fill').setRect(m.rect, undefined));
  }
}

export class RangeFont extends RangePart {
  /** @internal */ readonly _props = {
    bold: fmtProp('bold', boolCoerce),
    italic: fmtProp('italic', boolCoerce),
    color: fmtProp('fontColor', (v, loc) => normalizeColor(v, loc)),
    name: fmtProp('fontName', strCoerce),
    size: fmtProp('fontSize', numCoerce),
    underline: fmtProp('underline', (v, loc) => oneOf(ExcelEnums.RangeUnderlineStyle)(v, loc)),
    strikethrough: fmtProp('strikethrough', boolCoerce),
  };
  constructor(ctx: RequestContext, resolver: Resolver<RangeModel>, nullable: boolean) {
    super(ctx, 'RangeFont', resolver, nullable);
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._w('bold', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._w('italic', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._w('color', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._w('name', v);
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._w('size', v);
  }
  get underline(): string {
    return this._get('underline');
  }
  set underline(v: string) {
    this._w('underline', v);
  }
  get strikethrough(): boolean {
    return this._get('strikethrough');
  }
  set strikethrough(v: boolean) {
    this._w('strikethrough', v);
  }
}

export class RangeBorder extends ClientObject<RangeModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<RangeModel>,
    nullable: boolean,
    readonly _side: string,
  ) {
    super(ctx, 'RangeBorder', resolver, nullable);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['sideIndex', 'style', 'color', 'weight'];
  }
  /** @internal */ _read(name: string, m: RangeModel): unknown {
    if (name === 'sideIndex') return this._side;
    const recs = m.sheet.borderList.filter(
      (b) => b.side === this._side && rectsIntersect(b.rect, m.rect),
    );
    const last = recs[recs.length - 1];
    if (name === 'style') return last?.style ?? 'None';
    if (name === 'color') return last?.color ?? '#000000';
    if (name === 'weight') return last?.weight ?? 'Thin';
    return undefined;
  }
  private _w(name: 'style' | 'color' | 'weight', v: unknown): void {
    this._setProp(name, v, (m, val, loc) => {
      let x = val as string;
      if (name === 'color') x = normalizeColor(val, loc);
      if (name === 'style') x = oneOf(ExcelEnums.BorderLineStyle)(val, loc) as string;
      if (name === 'weight') x = oneOf(ExcelEnums.BorderWeight)(val, loc) as string;
      const list = m.sheet.borderList;
      let rec = list.find(
        (b) =>
          b.side === this._side &&
          b.rect.r0 === m.rect.r0 &&
          b.rect.c0 === m.rect.c0 &&
          b.rect.rows === m.rect.rows &&
          b.rect.cols === m.rect.cols,
      );
      if (!rec) {
        rec = { rect: { ...m.rect }, side: this._side };
        list.push(rec);
      }
      rec[name] = x;
    });
  }
  get sideIndex(): string {
    return this._get('sideIndex');
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._w('style', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._w('color', v);
  }
  get weight(): string {
    return this._get('weight');
  }
  set weight(v: string) {
    this._w('weight', v);
  }
}

export class RangeBorderCollection extends ClientObject<RangeModel> {
  private _items = new Map<string, RangeBorder>();
  constructor(ctx: RequestContext, resolver: Resolver<RangeModel>, nullable: boolean) {
    super(ctx, 'RangeBorderCollection', resolver, nullable);
  }
  /** @internal */ _read(name: string): unknown {
    return name === 'count' ? 8 : undefined;
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  getItem(index: string): RangeBorder {
    if (!(Object.values(ExcelEnums.BorderIndex) as string[]).includes(index))
      throw new FakeNotImplementedError(`fake: unknown border index '${index}'`);
    let b = this._items.get(index);
    if (!b) {
      b = new RangeBorder(this._ctx, () => this._model(), this._nullable, index);
      this._items.set(index, b);
    }
    return b;
  }
}

function autofitWidth(sh: FakeSheet, c: number, r0: number, rows: number): number | undefined {
  let max = 0;
  const g = sh.grid;
  const end = Math.min(r0 + rows, g.values.rows.length);
  for (let r = r0; r < end; r++) {
    const v = g.values.cell(r, c);
    if (v === undefined) continue;
    let len = formatCellText(v, g.numberFormat(r, c)).length;
    if (g.fget('bold', r, c) === true) len *= 1.1;
    if (len > max) max = len;
  }
  if (max === 0) return undefined;
  return Math.round((max * 7 + 10) * 0.75 * 100) / 100;
}

export class RangeFormat extends RangePart {
  /** @internal */ readonly _props = {
    horizontalAlignment: fmtProp('horizontalAlignment', (v, loc) =>
      oneOf(ExcelEnums.HorizontalAlignment)(v, loc),
    ),
    verticalAlignment: fmtProp('verticalAlignment', (v, loc) =>
      oneOf(ExcelEnums.VerticalAlignment)(v, loc),
    ),
    wrapText: fmtProp('wrapText', boolCoerce),
    indentLevel: fmtProp('indentLevel', numCoerce),
    columnWidth: {
      read: (m: RangeModel) => {
        const w = m.sheet.colWidth(m.rect.c0);
        for (let c = m.rect.c0 + 1; c < m.rect.c0 + Math.min(m.rect.cols, 10000); c++)
          if (m.sheet.colWidth(c) !== w) return null;
        return w;
      },
      write: (m: RangeModel, v: unknown, loc: string) => {
        const w = numCoerce(v, loc);
        for (let c = m.rect.c0; c < m.rect.c0 + m.rect.cols; c++) m.sheet.colWidths.set(c, w);
      },
    },
    rowHeight: {
      read: (m: RangeModel) => {
        const h = m.sheet.rowHeight(m.rect.r0);
        for (let r = m.rect.r0 + 1; r < m.rect.r0 + Math.min(m.rect.rows, 100000); r++)
          if (m.sheet.rowHeight(r) !== h) return null;
        return h;
      },
      write: (m: RangeModel, v: unknown, loc: string) => {
        const h = numCoerce(v, loc);
        if (isFullRows(m.rect) && m.rect.rows > 100000) throw err.arg(loc, 'fake: too many rows');
        for (let r = m.rect.r0; r < m.rect.r0 + m.rect.rows; r++) m.sheet.rowHeights.set(r, h);
      },
    },
  };
  constructor(ctx: RequestContext, resolver: Resolver<RangeModel>, nullable: boolean) {
    super(ctx, 'RangeFormat', resolver, nullable);
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['fill', 'font', 'borders'];
  }
  private _fill?: RangeFill;
  get fill(): RangeFill {
    return (this._fill ??= new RangeFill(this._ctx, () => this._model(), this._nullable));
  }
  private _font?: RangeFont;
  get font(): RangeFont {
    return (this._font ??= new RangeFont(this._ctx, () => this._model(), this._nullable));
  }
  private _borders?: RangeBorderCollection;
  get borders(): RangeBorderCollection {
    return (this._borders ??= new RangeBorderCollection(
      this._ctx,
      () => this._model(),
      this._nullable,
    ));
  }
  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this._w('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this._w('verticalAlignment', v);
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._w('wrapText', v);
  }
  get indentLevel(): number {
    return this._get('indentLevel');
  }
  set indentLevel(v: number) {
    this._w('indentLevel', v);
  }
  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._w('columnWidth', v);
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._w('rowHeight', v);
  }
  /** Approximates Excel: width from the longest displayed text in each column (~7px per char). */
  autofitColumns(): void {
    this._op('autofitColumns', null, (m) => {
      const sh = m.sheet;
      const full = isFullCols(m.rect);
      const cEnd = m.rect.c0 + Math.min(m.rect.cols, 16384);
      for (let c = m.rect.c0; c < cEnd; c++) {
        const w = autofitWidth(sh, c, full ? 0 : m.rect.r0, full ? MAX_ROWS : m.rect.rows);
        if (w === undefined) {
          if (!isFullRows(m.rect)) sh.colWidths.delete(c);
        } else sh.colWidths.set(c, w);
        if (!isFullRows(m.rect) || w !== undefined) sh.autofitColumnSet.add(c);
      }
    });
  }
  autofitRows(): void {
    this._op('autofitRows', null, (m) => {
      m.sheet.autofitRowsCalls++;
    });
  }
}

// ---- Worksheets ---------------------------------------------------------------------------------------

const WORKSHEET_SCALARS = [
  'name',
  'id',
  'position',
  'visibility',
  'tabColor',
  'showGridlines',
  'showHeadings',
  'standardWidth',
  'standardHeight',
  'enableCalculation',
] as const;

function readWorksheet(name: string, s: FakeSheet): unknown {
  switch (name) {
    case 'name':
      return s.name;
    case 'id':
      return s.id;
    case 'position':
      return s.position;
    case 'visibility':
      return s.visibility;
    case 'tabColor':
      return s.tabColor;
    case 'showGridlines':
      return s.showGridlines;
    case 'showHeadings':
      return s.showHeadings;
    case 'standardWidth':
      return s.standardWidth;
    case 'standardHeight':
      return 15;
    case 'enableCalculation':
      return s.enableCalculation;
  }
  return undefined;
}

export class Worksheet extends ClientObject<FakeSheet> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<FakeSheet>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'Worksheet', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(m: FakeSheet): void {
    if (m.deleted) throw err.notFound('Worksheet', `worksheet '${m.name}' was deleted`);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return WORKSHEET_SCALARS;
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['freezePanes', 'tables', 'charts', 'customProperties', 'names'];
  }
  /** @internal */ _read(name: string, m: FakeSheet): unknown {
    return readWorksheet(name, m);
  }
  get id(): string {
    return this._get('id');
  }
  get standardHeight(): number {
    return this._get('standardHeight');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setProp('name', v, (s, val, loc) => {
      const n = validateSheetName(val, loc);
      const other = s.workbook.findSheet(n);
      if (other && other !== s) throw err.exists(loc, `a sheet named '${n}' already exists`);
      s.name = n;
    });
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._setProp('position', v, (s, val, loc) => {
      const list = s.workbook.sheets;
      const p = checkCount(val, loc);
      if (p >= list.length) throw err.arg(loc, `position ${p} is out of range`);
      list.splice(list.indexOf(s), 1);
      list.splice(p, 0, s);
    });
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._setProp('visibility', v, (s, val, loc) => {
      const vis = oneOf(ExcelEnums.SheetVisibility)(val, loc) as string;
      const wb = s.workbook;
      if (vis !== 'Visible' && s.visibility === 'Visible' && wb.visibleSheets().length <= 1)
        throw err.op(loc, 'a workbook must keep at least one visible worksheet');
      s.visibility = vis;
      if (vis !== 'Visible' && wb.active === s) wb.active = wb.visibleSheets()[0] ?? null;
    });
  }
  get tabColor(): string {
    return this._get('tabColor');
  }
  set tabColor(v: string) {
    this._setProp(
      'tabColor',
      v,
      (s, val, loc) => void (s.tabColor = val === '' ? '' : normalizeColor(val, loc)),
    );
  }
  get showGridlines(): boolean {
    return this._get('showGridlines');
  }
  set showGridlines(v: boolean) {
    this._setProp(
      'showGridlines',
      v,
      (s, val, loc) => void (s.showGridlines = boolCoerce(val, loc)),
    );
  }
  get showHeadings(): boolean {
    return this._get('showHeadings');
  }
  set showHeadings(v: boolean) {
    this._setProp('showHeadings', v, (s, val, loc) => void (s.showHeadings = boolCoerce(val, loc)));
  }
  get standardWidth(): number {
    return this._get('standardWidth');
  }
  set standardWidth(v: number) {
    this._setProp(
      'standardWidth',
      v,
      (s, val, loc) => void (s.standardWidth = numCoerce(val, loc)),
    );
  }
  get enableCalculation(): boolean {
    return this._get('enableCalculation');
  }
  set enableCalculation(v: boolean) {
    this._setProp(
      'enableCalculation',
      v,
      (s, val, loc) => void (s.enableCalculation = boolCoerce(val, loc)),
    );
  }

  private _fp?: WorksheetFreezePanes;
  get freezePanes(): WorksheetFreezePanes {
    return (this._fp ??= new WorksheetFreezePanes(this._ctx, () => this._model(), this._nullable));
  }
  private _tables?: TableCollection;
  get tables(): TableCollection {
    return (this._tables ??= new TableCollection(this._ctx, () => this._model(), this._nullable));
  }
  private _charts?: ChartCollection;
  get charts(): ChartCollection {
    return (this._charts ??= new ChartCollection(this._ctx, () => this._model(), this._nullable));
  }
  private _cp?: WorksheetCustomPropertyCollection;
  get customProperties(): WorksheetCustomPropertyCollection {
    return (this._cp ??= new WorksheetCustomPropertyCollection(
      this._ctx,
      () => this._model(),
      this._nullable,
    ));
  }
  private _names?: NamedItemCollection;
  get names(): NamedItemCollection {
    return (this._names ??= new NamedItemCollection(
      this._ctx,
      () => {
        const m = this._model();
        return m === null ? null : { wb: m.workbook, scope: m };
      },
      this._nullable,
    ));
  }

  activate(): void {
    this._op('activate', null, (s, loc) => {
      if (s.visibility !== 'Visible') throw err.op(loc, 'a hidden worksheet cannot be activated');
      s.workbook.active = s;
      s.workbook.selection = { sheet: s, rect: { r0: 0, c0: 0, rows: 1, cols: 1 } };
    });
  }
  delete(): void {
    this._op('delete', null, (s, loc) => s.workbook.deleteSheet(s, loc));
  }
  calculate(_markAllDirty?: boolean): void {
    this._op('calculate', null, () => undefined);
  }
  /** @internal */ _range(
    name: string,
    f: (s: FakeSheet, loc: string) => Rect | typeof NOT_FOUND,
    nullable = this._nullable,
    instantiate = false,
  ): Range {
    return new Range(
      this._ctx,
      () => {
        const s = this._model();
        if (s === null) return null;
        const loc = `Worksheet.${name}`;
        const r = f(s, loc);
        if (r === NOT_FOUND) return NOT_FOUND;
        if (!rectInSheet(r)) throw err.arg(loc, 'the range is outside the worksheet');
        return { sheet: s, rect: r };
      },
      nullable,
      instantiate,
    );
  }
  /** getRange("A1:C10"), getRange("B2"), getRange("A:C"), getRange() = whole sheet. */
  getRange(address?: string): Range {
    return this._range('getRange', (s, loc) => {
      if (address === undefined || address === null || address === '')
        return { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS };
      return s.workbook.resolveAddress(address, s, loc).rect;
    });
  }
  /** 0-based indexes, like the real API. */
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): Range {
    return this._range('getRangeByIndexes', (_s, loc) => ({
      r0: checkCount(startRow, loc),
      c0: checkCount(startColumn, loc),
      rows: checkCount(rowCount, loc, 1),
      cols: checkCount(columnCount, loc, 1),
    }));
  }
  getCell(row: number, column: number): Range {
    return this._range('getCell', (_s, loc) => ({
      r0: checkCount(row, loc),
      c0: checkCount(column, loc),
      rows: 1,
      cols: 1,
    }));
  }
  /** Blank sheet -> "A1" (the real API does not throw here). */
  getUsedRange(valuesOnly = false): Range {
    return this._range(
      'getUsedRange',
      (s) => s.usedRect(valuesOnly) ?? { r0: 0, c0: 0, rows: 1, cols: 1 },
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._range(
      'getUsedRangeOrNullObject',
      (s) => s.usedRect(valuesOnly) ?? NOT_FOUND,
      true,
      true,
    );
  }
  private _sibling(_name: string, dir: 1 | -1, visibleOnly: boolean, nullable: boolean): Worksheet {
    return new Worksheet(
      this._ctx,
      () => {
        const s = this._model();
        if (s === null) return null;
        const list = visibleOnly ? s.workbook.visibleSheets() : s.workbook.sheets;
        const i = list.indexOf(s);
        return (i < 0 ? undefined : list[i + dir]) ?? NOT_FOUND;
      },
      nullable || this._nullable,
      nullable,
    );
  }
  getNext(visibleOnly = false): Worksheet {
    return this._sibling('getNext', 1, visibleOnly, false);
  }
  getNextOrNullObject(visibleOnly = false): Worksheet {
    return this._sibling('getNext', 1, visibleOnly, true);
  }
  getPrevious(visibleOnly = false): Worksheet {
    return this._sibling('getPrevious', -1, visibleOnly, false);
  }
  getPreviousOrNullObject(visibleOnly = false): Worksheet {
    return this._sibling('getPrevious', -1, visibleOnly, true);
  }
}

export class WorksheetCollection extends ClientCollection<FakeWorkbook, FakeSheet, Worksheet> {
  constructor(ctx: RequestContext) {
    super(ctx, 'WorksheetCollection', () => ctx._wb);
  }
  /** @internal */ _itemModels(m: FakeWorkbook): FakeSheet[] {
    return m.sheets;
  }
  /** @internal */ _itemProxy(s: FakeSheet): Worksheet {
    return new Worksheet(this._ctx, () => s);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return WORKSHEET_SCALARS;
  }
  /** Adds a sheet at the end (not activated). Duplicate name -> ItemAlreadyExists at sync. */
  add(name?: string): Worksheet {
    const holder: { s?: FakeSheet } = {};
    this._op('add', name ?? null, (wb, loc) => void (holder.s = wb.createSheet(name, loc)));
    return new Worksheet(this._ctx, () => holder.s ?? NOT_FOUND);
  }
  /** By name (case-insensitive) or id. Missing -> ItemNotFound when used at sync. */
  getItem(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this._ctx._wb.findSheet(key) ?? NOT_FOUND);
  }
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this._ctx, () => this._ctx._wb.findSheet(key) ?? NOT_FOUND, true, true);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this._ctx, () =>
      this._ctx._wb.activeSheet('WorksheetCollection.getActiveWorksheet'),
    );
  }
  getFirst(visibleOnly = false): Worksheet {
    return new Worksheet(
      this._ctx,
      () => (visibleOnly ? this._ctx._wb.visibleSheets() : this._ctx._wb.sheets)[0] ?? NOT_FOUND,
    );
  }
  getLast(visibleOnly = false): Worksheet {
    return new Worksheet(
      this._ctx,
      () =>
        (visibleOnly ? this._ctx._wb.visibleSheets() : this._ctx._wb.sheets).at(-1) ?? NOT_FOUND,
    );
  }
  getCount(visibleOnly = false): ClientResult<number> {
    return this._result(
      'getCount',
      visibleOnly,
      (wb) => (visibleOnly ? wb.visibleSheets() : wb.sheets).length,
    );
  }
}

export class WorksheetFreezePanes extends ClientObject<FakeSheet> {
  constructor(ctx: RequestContext, resolver: Resolver<FakeSheet>, nullable: boolean) {
    super(ctx, 'WorksheetFreezePanes', resolver, nullable);
  }
  /** @internal */ _read(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this._op('freezeRows', count, (s, loc) => {
      s.frozenRows = checkCount(count, loc);
      s.frozenColumns = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._op('freezeColumns', count, (s, loc) => {
      s.frozenColumns = checkCount(count, loc);
      s.frozenRows = 0;
    });
  }
  freezeAt(frozenRange: Range | string): void {
    this._op('freezeAt', argLabel(frozenRange), (s, loc) => {
      const r = rangeArg(this._ctx, frozenRange, s, loc);
      s.frozenRows = r.rect.r0 + (isFullRows(r.rect) || !isFullCols(r.rect) ? r.rect.rows : 0);
      s.frozenColumns = r.rect.c0 + (isFullCols(r.rect) || !isFullRows(r.rect) ? r.rect.cols : 0);
      if (isFullCols(r.rect)) s.frozenRows = 0;
      if (isFullRows(r.rect)) s.frozenColumns = 0;
    });
  }
  unfreeze(): void {
    this._op('unfreeze', null, (s) => {
      s.frozenRows = 0;
      s.frozenColumns = 0;
    });
  }
  private _loc(nullable: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const s = this._model();
        if (s === null) return null;
        if (!s.frozenRows && !s.frozenColumns) return NOT_FOUND;
        return {
          sheet: s,
          rect: { r0: 0, c0: 0, rows: s.frozenRows || MAX_ROWS, cols: s.frozenColumns || MAX_COLS },
        };
      },
      nullable,
      nullable,
    );
  }
  getLocation(): Range {
    return this._loc(false);
  }
  getLocationOrNullObject(): Range {
    return this._loc(true);
  }
}

// ---- Custom properties -----------------------------------------------------------------------------

function checkCustomKey(key: unknown, loc: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 255)
    throw err.arg(loc, 'custom property keys must be 1-255 characters');
  return key;
}

export class WorksheetCustomProperty extends ClientObject<CustomPropertyModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<CustomPropertyModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'WorksheetCustomProperty', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(m: CustomPropertyModel): void {
    if (m.deleted) throw err.notFound(this._type, 'the custom property was deleted');
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['key', 'value'];
  }
  /** @internal */ _read(name: string, m: CustomPropertyModel): unknown {
    return name === 'key' ? m.key : name === 'value' ? m.value : undefined;
  }
  get key(): string {
    return this._get('key');
  }
  get value(): string {
    return this._get('value');
  }
  set value(v: string) {
    this._setProp('value', v, (m, val, loc) => {
      if (typeof val !== 'string')
        throw err.arg(loc, 'worksheet custom property values are strings');
      m.value = val;
    });
  }
  delete(): void {
    this._op('delete', null, (m) => {
      m.deleted = true;
      for (const s of this._ctx._wb.sheets)
        if (s.customProps.get(m.key.toLowerCase()) === m) s.customProps.delete(m.key.toLowerCase());
    });
  }
}

export class WorksheetCustomPropertyCollection extends ClientCollection<
  FakeSheet,
  CustomPropertyModel,
  WorksheetCustomProperty
> {
  constructor(ctx: RequestContext, resolver: Resolver<FakeSheet>, nullable: boolean) {
    super(ctx, 'WorksheetCustomPropertyCollection', resolver, nullable);
  }
  /** @internal */ override _checkAlive(m: FakeSheet): void {
    if (m.deleted) throw err.notFound(this._type, 'the worksheet was deleted');
  }
  /** @internal */ _itemModels(s: FakeSheet): CustomPropertyModel[] {
    return [...s.customProps.values()];
  }
  /** @internal */ _itemProxy(im: CustomPropertyModel): WorksheetCustomProperty {
    return new WorksheetCustomProperty(this._ctx, () => im);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['key', 'value'];
  }
  /** Adds (or overwrites; keys are case-insensitive) a custom property. */
  add(key: string, value: string): WorksheetCustomProperty {
    const holder: { p?: CustomPropertyModel } = {};
    this._op('add', { key, value }, (s, loc) => {
      const k = checkCustomKey(key, loc);
      if (typeof value !== 'string')
        throw err.arg(loc, 'worksheet custom property values are strings');
      const existing = s.customProps.get(k.toLowerCase());
      if (existing) {
        existing.value = value;
        holder.p = existing;
      } else {
        holder.p = { key: k, value, deleted: false };
        s.customProps.set(k.toLowerCase(), holder.p);
      }
    });
    return new WorksheetCustomProperty(this._ctx, () => holder.p ?? NOT_FOUND);
  }
  getItem(key: string): WorksheetCustomProperty {
    return new WorksheetCustomProperty(this._ctx, () => this._find(key));
  }
  getItemOrNullObject(key: string): WorksheetCustomProperty {
    return new WorksheetCustomProperty(this._ctx, () => this._find(key), true, true);
  }
  private _find(key: string): Resolution<CustomPropertyModel> {
    const s = this._model();
    if (s === null) return null;
    return s.customProps.get(String(key).toLowerCase()) ?? NOT_FOUND;
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (s) => s.customProps.size);
  }
}

export class CustomProperty extends ClientObject<CustomPropertyModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<CustomPropertyModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'CustomProperty', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(m: CustomPropertyModel): void {
    if (m.deleted) throw err.notFound(this._type, 'the custom property was deleted');
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['key', 'value', 'type'];
  }
  /** @internal */ _read(name: string, m: CustomPropertyModel): unknown {
    if (name === 'type')
      return typeof m.value === 'number'
        ? 'Number'
        : typeof m.value === 'boolean'
          ? 'Boolean'
          : m.value instanceof Date
            ? 'Date'
            : 'String';
    return name === 'key' ? m.key : name === 'value' ? m.value : undefined;
  }
  get key(): string {
    return this._get('key');
  }
  get type(): string {
    return this._get('type');
  }
  get value(): any {
    return this._get('value');
  }
  set value(v: any) {
    this._setProp('value', v, (m, val) => void (m.value = val));
  }
  delete(): void {
    this._op('delete', null, (m) => {
      m.deleted = true;
      this._ctx._wb.customProps.delete(m.key.toLowerCase());
    });
  }
}

export class CustomPropertyCollection extends ClientCollection<
  FakeWorkbook,
  CustomPropertyModel,
  CustomProperty
> {
  constructor(ctx: RequestContext) {
    super(ctx, 'CustomPropertyCollection', () => ctx._wb);
  }
  /** @internal */ _itemModels(wb: FakeWorkbook): CustomPropertyModel[] {
    return [...wb.customProps.values()];
  }
  /** @internal */ _itemProxy(im: CustomPropertyModel): CustomProperty {
    return new CustomProperty(this._ctx, () => im);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['key', 'value', 'type'];
  }
  add(key: string, value: unknown): CustomProperty {
    const holder: { p?: CustomPropertyModel } = {};
    this._op('add', { key, value }, (wb, loc) => {
      const k = checkCustomKey(key, loc);
      const existing = wb.customProps.get(k.toLowerCase());
      if (existing) {
        existing.value = value;
        holder.p = existing;
      } else {
        holder.p = { key: k, value, deleted: false };
        wb.customProps.set(k.toLowerCase(), holder.p);
      }
    });
    return new CustomProperty(this._ctx, () => holder.p ?? NOT_FOUND);
  }
  getItem(key: string): CustomProperty {
    return new CustomProperty(
      this._ctx,
      () => this._ctx._wb.customProps.get(key.toLowerCase()) ?? NOT_FOUND,
    );
  }
  getItemOrNullObject(key: string): CustomProperty {
    return new CustomProperty(
      this._ctx,
      () => this._ctx._wb.customProps.get(key.toLowerCase()) ?? NOT_FOUND,
      true,
      true,
    );
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (wb) => wb.customProps.size);
  }
  deleteAll(): void {
    this._op('deleteAll', null, (wb) => {
      for (const p of wb.customProps.values()) p.deleted = true;
      wb.customProps.clear();
    });
  }
}

// ---- Tables ------------------------------------------------------------------------------------------

const TABLE_SCALARS = [
  'name',
  'id',
  'legacyId',
  'style',
  'showFilterButton',
  'showHeaders',
  'showTotals',
  'showBandedRows',
  'showBandedColumns',
  'highlightFirstColumn',
  'highlightLastColumn',
] as const;

type TableScope = FakeSheet | FakeWorkbook;

export class TableCollection extends ClientCollection<TableScope, TableModel, Table> {
  constructor(ctx: RequestContext, resolver: Resolver<TableScope>, nullable = false) {
    super(ctx, 'TableCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(m: TableScope): TableModel[] {
    return m instanceof FakeSheet ? m.tableList : m.tableList.filter((t) => !t.deleted);
  }
  /** @internal */ _itemProxy(t: TableModel): Table {
    return new Table(this._ctx, () => t);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return TABLE_SCALARS;
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  get count(): number {
    return this._get('count');
  }
  /**
   * Creates a table. `address` is a Range or an address string ("A1:D20"; on workbook.tables it may be
   * "Sheet1!A1:D20", otherwise the active sheet is used). hasHeaders=false inserts a "Column1..N" header row.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    const holder: { t?: TableModel } = {};
    this._op('add', { address: argLabel(address), hasHeaders }, (scope, loc) => {
      const wb = scope instanceof FakeSheet ? scope.workbook : scope;
      let target: RangeModel;
      if (typeof address === 'string' && !(scope instanceof FakeSheet)) {
        const p = parseAddress(address);
        target = wb.resolveAddress(
          address,
          p?.sheet !== undefined ? null : wb.activeSheet(loc),
          loc,
        );
      } else target = rangeArg(this._ctx, address, scope instanceof FakeSheet ? scope : null, loc);
      if (scope instanceof FakeSheet && target.sheet !== scope)
        throw err.arg(loc, 'the range is on another worksheet');
      holder.t = wb.createTable(target.sheet, target.rect, !!hasHeaders, loc);
    });
    return new Table(this._ctx, () => holder.t ?? NOT_FOUND);
  }
  getItem(key: string): Table {
    return new Table(this._ctx, () => this._find(key));
  }
  getItemOrNullObject(key: string): Table {
    return new Table(this._ctx, () => this._find(key), true, true);
  }
  getItemAt(index: number): Table {
    return new Table(this._ctx, () => {
      const m = this._model();
      return m === null ? null : (this._itemModels(m)[index] ?? NOT_FOUND);
    });
  }
  private _find(key: string): Resolution<TableModel> {
    const m = this._model();
    if (m === null) return null;
    return m instanceof FakeSheet
      ? (m.workbook.findTable(key, m) ?? NOT_FOUND)
      : (m.findTable(key) ?? NOT_FOUND);
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (m) => this._itemModels(m).length);
  }
}

/** Range.getTables(): the tables overlapping a range, top-left first (Office.js's TableScopedCollection). */
export class TableScopedCollection extends ClientCollection<RangeModel, TableModel, Table> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<RangeModel>,
    private readonly _fully: boolean,
    nullable = false,
  ) {
    super(ctx, 'TableScopedCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(m: RangeModel): TableModel[] {
    const inside = (t: TableModel) =>
      t.rect.r0 >= m.rect.r0 &&
      t.rect.c0 >= m.rect.c0 &&
      t.rect.r0 + t.rect.rows <= m.rect.r0 + m.rect.rows &&
      t.rect.c0 + t.rect.cols <= m.rect.c0 + m.rect.cols;
    return m.sheet.tableList
      .filter((t) => (this._fully ? inside(t) : rectsIntersect(t.rect, m.rect)))
      .sort((a, b) => a.rect.r0 - b.rect.r0 || a.rect.c0 - b.rect.c0);
  }
  /** @internal */ _itemProxy(t: TableModel): Table {
    return new Table(this._ctx, () => t);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return TABLE_SCALARS;
  }
  getFirst(): Table {
    return new Table(this._ctx, () => {
      const m = this._model();
      return m === null ? null : (this._itemModels(m)[0] ?? NOT_FOUND);
    });
  }
  getItem(key: string): Table {
    return new Table(this._ctx, () => this._find(key));
  }
  getItemOrNullObject(key: string): Table {
    return new Table(this._ctx, () => this._find(key), true, true);
  }
  private _find(key: string): Resolution<TableModel> {
    const m = this._model();
    if (m === null) return null;
    const k = key.toLowerCase();
    return this._itemModels(m).find((t) => t.name.toLowerCase() === k || t.id === key) ?? NOT_FOUND;
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (m) => this._itemModels(m).length);
  }
}

export class Table extends ClientObject<TableModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<TableModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'Table', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(t: TableModel): void {
    if (t.deleted) throw err.notFound('Table', `table '${t.name}' was deleted`);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return TABLE_SCALARS;
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['worksheet', 'rows', 'columns'];
  }
  /** @internal */ _read(name: string, t: TableModel): unknown {
    return (t as unknown as Record<string, unknown>)[name];
  }
  get id(): string {
    return this._get('id');
  }
  get legacyId(): string {
    return this._get('legacyId');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setProp('name', v, (t, val, loc) => this._ctx._wb.renameTable(t, val, loc));
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._setProp('style', v, (t, val, loc) => void (t.style = strCoerce(val, loc) as string));
  }
  private _flag(
    name:
      | 'showFilterButton'
      | 'showHeaders'
      | 'showBandedRows'
      | 'showBandedColumns'
      | 'highlightFirstColumn'
      | 'highlightLastColumn',
    v: boolean,
  ): void {
    this._setProp(name, v, (t, val, loc) => void (t[name] = boolCoerce(val, loc) as boolean));
  }
  get showFilterButton(): boolean {
    return this._get('showFilterButton');
  }
  set showFilterButton(v: boolean) {
    this._flag('showFilterButton', v);
  }
  get showHeaders(): boolean {
    return this._get('showHeaders');
  }
  set showHeaders(v: boolean) {
    this._flag('showHeaders', v);
  }
  get showBandedRows(): boolean {
    return this._get('showBandedRows');
  }
  set showBandedRows(v: boolean) {
    this._flag('showBandedRows', v);
  }
  get showBandedColumns(): boolean {
    return this._get('showBandedColumns');
  }
  set showBandedColumns(v: boolean) {
    this._flag('showBandedColumns', v);
  }
  get highlightFirstColumn(): boolean {
    return this._get('highlightFirstColumn');
  }
  set highlightFirstColumn(v: boolean) {
    this._flag('highlightFirstColumn', v);
  }
  get highlightLastColumn(): boolean {
    return this._get('highlightLastColumn');
  }
  set highlightLastColumn(v: boolean) {
    this._flag('highlightLastColumn', v);
  }
  get showTotals(): boolean {
    return this._get('showTotals');
  }
  set showTotals(v: boolean) {
    this._setProp('showTotals', v, (t, val, loc) => {
      const on = boolCoerce(val, loc) as boolean;
      if (on === t.showTotals) return;
      if (on) {
        const r = t.rect.r0 + t.rect.rows;
        shiftDown(t.sheet, r, t.rect.c0, t.rect.cols, 1);
        t.sheet.grid.values.set(r, t.rect.c0, 'Total');
        t.rect.rows += 1;
      } else {
        const r = t.rect.r0 + t.rect.rows - 1;
        t.sheet.grid.values.clearCells({ r0: r, c0: t.rect.c0, rows: 1, cols: t.rect.cols });
        t.sheet.grid.formulas.clearCells({ r0: r, c0: t.rect.c0, rows: 1, cols: t.rect.cols });
        t.rect.rows -= 1;
      }
      t.showTotals = on;
    });
  }
  /** @internal */ _part(name: string, f: (t: TableModel) => Rect | null): Range {
    return new Range(
      this._ctx,
      () => {
        const t = this._model();
        if (t === null) return null;
        const r = f(t);
        if (!r) throw err.notFound(`Table.${name}`);
        return { sheet: t.sheet, rect: { ...r } };
      },
      this._nullable,
    );
  }
  getRange(): Range {
    return this._part('getRange', (t) => t.rect);
  }
  getHeaderRowRange(): Range {
    return this._part('getHeaderRowRange', tableHeaderRect);
  }
  getDataBodyRange(): Range {
    return this._part('getDataBodyRange', tableBodyRect);
  }
  getTotalRowRange(): Range {
    return this._part('getTotalRowRange', tableTotalsRect);
  }
  private _ws?: Worksheet;
  get worksheet(): Worksheet {
    return (this._ws ??= new Worksheet(
      this._ctx,
      () => {
        const t = this._model();
        return t === null ? null : t.sheet;
      },
      this._nullable,
    ));
  }
  private _rows?: TableRowCollection;
  get rows(): TableRowCollection {
    return (this._rows ??= new TableRowCollection(this._ctx, () => this._model(), this._nullable));
  }
  private _cols?: TableColumnCollection;
  get columns(): TableColumnCollection {
    return (this._cols ??= new TableColumnCollection(
      this._ctx,
      () => this._model(),
      this._nullable,
    ));
  }
  /** Deletes the table and its cells' contents. */
  delete(): void {
    this._op('delete', null, (t) => {
      t.sheet.grid.values.clearCells(t.rect);
      t.sheet.grid.formulas.clearCells(t.rect);
      t.deleted = true;
    });
  }
  /** Removes the table object, keeping the cells. */
  convertToRange(): Range {
    const r = this.getRange();
    this._op('convertToRange', null, (t) => void (t.deleted = true));
    return r;
  }
  clearFilters(): void {
    this._op('clearFilters', null, () => undefined);
  }
  reapplyFilters(): void {
    this._op('reapplyFilters', null, () => undefined);
  }
}

interface TableRowModel {
  t: TableModel;
  index: number;
}

export class TableRow extends ClientObject<TableRowModel> {
  constructor(ctx: RequestContext, resolver: Resolver<TableRowModel>) {
    super(ctx, 'TableRow', resolver);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['index', 'values'];
  }
  /** @internal */ _read(name: string, m: TableRowModel): unknown {
    if (name === 'index') return m.index;
    const b = tableBodyRect(m.t);
    return grid2({ ...b, r0: b.r0 + m.index, rows: 1 }, (r, c) => m.t.sheet.valueOf(r, c));
  }
  get index(): number {
    return this._get('index');
  }
  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any) {
    this._setProp('values', v, (m, val, loc) => {
      const b = tableBodyRect(m.t);
      writeCells(m.t.sheet, { ...b, r0: b.r0 + m.index, rows: 1 }, val, loc);
    });
  }
  getRange(): Range {
    return new Range(this._ctx, () => {
      const m = this._model();
      if (m === null) return null;
      const b = tableBodyRect(m.t);
      return { sheet: m.t.sheet, rect: { ...b, r0: b.r0 + m.index, rows: 1 } };
    });
  }
}

export class TableRowCollection extends ClientCollection<TableModel, TableRowModel, TableRow> {
  constructor(ctx: RequestContext, resolver: Resolver<TableModel>, nullable: boolean) {
    super(ctx, 'TableRowCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(t: TableModel): TableRowModel[] {
    const n = tableBodyRect(t).rows;
    return Array.from({ length: n }, (_, index) => ({ t, index }));
  }
  /** @internal */ _itemProxy(im: TableRowModel): TableRow {
    return new TableRow(this._ctx, () => im);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['index', 'values'];
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  get count(): number {
    return this._get('count');
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (t) => tableBodyRect(t).rows);
  }
  /**
   * Adds rows (index null/undefined = append after the last data row). Cells below shift down within the
   * table's columns. Note: a table created from a header-only range keeps its initial blank data row.
   */
  add(index?: number | null, values?: unknown[][] | unknown, _alwaysInsert?: boolean): TableRow {
    const holder: { m?: TableRowModel } = {};
    this._op('add', { index: index ?? null, values: values ?? null }, (t, loc) => {
      const body = tableBodyRect(t);
      let n = 1;
      if (values !== undefined && values !== null) {
        if (!Array.isArray(values) || values.length === 0)
          throw err.arg(loc, 'values must be a non-empty 2-D array');
        n = values.length;
        checkDims(values, { r0: 0, c0: 0, rows: n, cols: t.rect.cols }, loc);
      }
      const bodyEnd = body.r0 + body.rows;
      let at = bodyEnd;
      if (index !== undefined && index !== null) {
        if (!Number.isInteger(index) || index < 0 || index > body.rows)
          throw err.arg(loc, `row index ${index} is out of range`);
        at = body.r0 + index;
      }
      if (t.rect.r0 + t.rect.rows + n > MAX_ROWS)
        throw err.arg(loc, 'the table would extend past the last row');
      shiftDown(t.sheet, at, t.rect.c0, t.rect.cols, n);
      t.rect.rows += n;
      if (values !== undefined && values !== null)
        writeCells(t.sheet, { r0: at, c0: t.rect.c0, rows: n, cols: t.rect.cols }, values, loc);
      holder.m = { t, index: at - body.r0 };
    });
    return new TableRow(this._ctx, () => holder.m ?? NOT_FOUND);
  }
  getItemAt(index: number): TableRow {
    return new TableRow(this._ctx, () => {
      const t = this._model();
      if (t === null) return null;
      return index >= 0 && index < tableBodyRect(t).rows ? { t, index } : NOT_FOUND;
    });
  }
}

interface TableColumnModel {
  t: TableModel;
  index: number;
}

export class TableColumn extends ClientObject<TableColumnModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<TableColumnModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'TableColumn', resolver, nullable, instantiate);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['id', 'index', 'name', 'values'];
  }
  /** @internal */ _read(name: string, m: TableColumnModel): unknown {
    const { t, index } = m;
    if (name === 'id') return String(index + 1);
    if (name === 'index') return index;
    if (name === 'name') return String(t.sheet.valueOf(t.rect.r0, t.rect.c0 + index));
    return grid2({ r0: t.rect.r0, c0: t.rect.c0 + index, rows: t.rect.rows, cols: 1 }, (r, c) =>
      t.sheet.valueOf(r, c),
    );
  }
  get id(): string {
    return this._get('id');
  }
  get index(): number {
    return this._get('index');
  }
  get values(): any[][] {
    return this._get('values');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setProp('name', v, ({ t, index }, val, loc) => {
      const n = strCoerce(val, loc) as string;
      const others = tableHeaders(t)
        .filter((_, j) => j !== index)
        .map((h) => h.toLowerCase());
      if (!n || others.includes(n.toLowerCase()))
        throw err.arg(loc, `invalid or duplicate column name '${n}'`);
      t.sheet.grid.values.set(t.rect.r0, t.rect.c0 + index, n);
    });
  }
  private _r(name: string, f: (m: TableColumnModel) => Rect | null): Range {
    return new Range(
      this._ctx,
      () => {
        const m = this._model();
        if (m === null) return null;
        const r = f(m);
        if (!r) throw err.notFound(`TableColumn.${name}`);
        return { sheet: m.t.sheet, rect: { ...r, c0: m.t.rect.c0 + m.index, cols: 1 } };
      },
      this._nullable,
    );
  }
  getRange(): Range {
    return this._r('getRange', (m) => m.t.rect);
  }
  getHeaderRowRange(): Range {
    return this._r('getHeaderRowRange', (m) => tableHeaderRect(m.t));
  }
  getDataBodyRange(): Range {
    return this._r('getDataBodyRange', (m) => tableBodyRect(m.t));
  }
  getTotalRowRange(): Range {
    return this._r('getTotalRowRange', (m) => tableTotalsRect(m.t));
  }
}

export class TableColumnCollection extends ClientCollection<
  TableModel,
  TableColumnModel,
  TableColumn
> {
  constructor(ctx: RequestContext, resolver: Resolver<TableModel>, nullable: boolean) {
    super(ctx, 'TableColumnCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(t: TableModel): TableColumnModel[] {
    return Array.from({ length: t.rect.cols }, (_, index) => ({ t, index }));
  }
  /** @internal */ _itemProxy(im: TableColumnModel): TableColumn {
    return new TableColumn(this._ctx, () => im);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['id', 'index', 'name', 'values'];
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  get count(): number {
    return this._get('count');
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (t) => t.rect.cols);
  }
  private _find(key: string | number): Resolution<TableColumnModel> {
    const t = this._model();
    if (t === null) return null;
    const hs = tableHeaders(t);
    let i = hs.findIndex((h) => h.toLowerCase() === String(key).toLowerCase());
    if (i < 0 && /^\d+$/.test(String(key))) i = Number(key) - 1; // ids are 1-based here
    return i >= 0 && i < t.rect.cols ? { t, index: i } : NOT_FOUND;
  }
  getItem(key: string | number): TableColumn {
    return new TableColumn(this._ctx, () => this._find(key));
  }
  getItemOrNullObject(key: string | number): TableColumn {
    return new TableColumn(this._ctx, () => this._find(key), true, true);
  }
  getItemAt(index: number): TableColumn {
    return new TableColumn(this._ctx, () => {
      const t = this._model();
      if (t === null) return null;
      return index >= 0 && index < t.rect.cols ? { t, index } : NOT_FOUND;
    });
  }
  /** Appends a column at the right edge (inserting in the middle is not supported by the fake). */
  add(index?: number | null, values?: unknown[][], name?: string): TableColumn {
    const holder: { m?: TableColumnModel } = {};
    this._op(
      'add',
      { index: index ?? null, values: values ?? null, name: name ?? null },
      (t, loc) => {
        if (index !== undefined && index !== null && index !== t.rect.cols)
          throw new FakeNotImplementedError(
            'fake: TableColumnCollection.add only supports appending',
          );
        const c = t.rect.c0 + t.rect.cols;
        if (c >= MAX_COLS) throw err.arg(loc);
        for (const o of t.sheet.tableList)
          if (o !== t && rectsIntersect(o.rect, { ...t.rect, c0: c, cols: 1 }))
            throw err.arg(loc, 'would overlap another table');
        if (values !== undefined && values !== null)
          writeCells(t.sheet, { r0: t.rect.r0, c0: c, rows: t.rect.rows, cols: 1 }, values, loc);
        const hs = tableHeaders(t);
        const header =
          name ??
          (t.sheet.isBlank(t.rect.r0, c)
            ? `Column${t.rect.cols + 1}`
            : String(t.sheet.valueOf(t.rect.r0, c)));
        t.sheet.grid.values.set(t.rect.r0, c, uniqueHeaders([...hs, header]).at(-1)!);
        t.rect.cols += 1;
        holder.m = { t, index: t.rect.cols - 1 };
      },
    );
    return new TableColumn(this._ctx, () => holder.m ?? NOT_FOUND);
  }
}

// ---- Charts ------------------------------------------------------------------------------------------

const CHART_SCALARS = ['name', 'id', 'chartType', 'top', 'left', 'width', 'height'] as const;
const CHART_TYPES = Object.values(ExcelEnums.ChartType).filter((t) => t !== 'Invalid') as string[];

function buildSeries(chart: ChartModel, src: RangeModel): void {
  const { sheet: sh, rect } = src;
  const isText = (r: number, c: number) => typeof sh.grid.values.cell(r, c) === 'string';
  const byCols =
    chart.seriesBy === 'Columns' || (chart.seriesBy === 'Auto' && rect.rows >= rect.cols);
  let headerRow = false;
  let headerCol = false;
  if (rect.rows > 1)
    for (let j = 0; j < rect.cols; j++)
      if (isText(rect.r0, rect.c0 + j) && (j > 0 || rect.cols === 1)) headerRow = true;
  if (rect.cols > 1)
    for (let i = 1; i < rect.rows; i++) if (isText(rect.r0 + i, rect.c0)) headerCol = true;
  const dr0 = rect.r0 + (headerRow ? 1 : 0);
  const dc0 = rect.c0 + (headerCol ? 1 : 0);
  const dRows = rect.r0 + rect.rows - dr0;
  const dCols = rect.c0 + rect.cols - dc0;
  chart.series = [];
  const q = (r: Rect) => absAddress(sh.name, r);
  const n = byCols ? dCols : dRows;
  for (let k = 0; k < n; k++) {
    const s: SeriesModel = { props: { chartType: chart.type }, kids: {}, chart, deleted: false };
    if (byCols) {
      const c = dc0 + k;
      s.props.name = headerRow ? String(sh.valueOf(rect.r0, c)) : `Series${k + 1}`;
      s.values = q({ r0: dr0, c0: c, rows: Math.max(dRows, 1), cols: 1 });
      if (headerCol) s.xValues = q({ r0: dr0, c0: rect.c0, rows: Math.max(dRows, 1), cols: 1 });
    } else {
      const r = dr0 + k;
      s.props.name = headerCol ? String(sh.valueOf(r, rect.c0)) : `Series${k + 1}`;
      s.values = q({ r0: r, c0: dc0, rows: 1, cols: Math.max(dCols, 1) });
      if (headerRow) s.xValues = q({ r0: rect.r0, c0: dc0, rows: 1, cols: Math.max(dCols, 1) });
    }
    chart.series.push(s);
  }
}

function seriesValues(wb: FakeWorkbook, address: string | undefined): CellValue[] {
  if (!address) return [];
  const p = parseAddress(address);
  const sh = p?.sheet !== undefined ? wb.findSheet(p.sheet) : undefined;
  if (!p || !sh) return [];
  const out: CellValue[] = [];
  for (let r = p.rect.r0; r < p.rect.r0 + p.rect.rows; r++)
    for (let c = p.rect.c0; c < p.rect.c0 + p.rect.cols; c++) out.push(sh.valueOf(r, c));
  return out;
}

const seriesRangeSetter =
  (field: 'values' | 'xValues' | 'bubbleSizes', method: string) =>
  (p: BagProxy, source: Range | string) =>
    p._op(method, argLabel(source), (m, loc) => {
      const s = m as SeriesModel;
      const r = rangeArg(p._ctx, source, s.chart.sheet, loc);
      s[field] = absAddress(r.sheet.name, r.rect);
    });

const S_SERIES: BagSpec = {
  type: 'ChartSeries',
  props: {
    name: '',
    chartType: 'ColumnClustered',
    hasDataLabels: false,
    markerStyle: 'Automatic',
    markerSize: 7,
    markerBackgroundColor: '',
    markerForegroundColor: '',
    smooth: false,
    axisGroup: 'Primary',
    gapWidth: 150,
    overlap: 0,
    filtered: false,
    showShadow: false,
    explosion: 0,
    doughnutHoleSize: 50,
    invertIfNegative: false,
    varyByCategories: false,
    plotOrder: 0,
  },
  coerce: {
    chartType: (v, loc) => {
      if (!CHART_TYPES.includes(v as string))
        throw err.arg(loc, `unknown chart type ${JSON.stringify(v)}`);
      return v;
    },
    markerStyle: oneOf(ExcelEnums.ChartMarkerStyle),
  },
  nav: {
    format: { type: 'ChartSeriesFormat', nav: { fill: S_CHART_FILL, line: S_CHART_LINE } },
    dataLabels: S_DATA_LABELS,
  },
  methods: {
    setValues: seriesRangeSetter('values', 'setValues'),
    setXAxisValues: seriesRangeSetter('xValues', 'setXAxisValues'),
    setBubbleSizes: seriesRangeSetter('bubbleSizes', 'setBubbleSizes'),
    delete: (p) =>
      p._op('delete', null, (m) => {
        const s = m as SeriesModel;
        s.deleted = true;
        const i = s.chart.series.indexOf(s);
        if (i >= 0) s.chart.series.splice(i, 1);
      }),
    getDimensionValues: (p, dimension: string) =>
      p._result('getDimensionValues', dimension, (m) => {
        const s = m as SeriesModel;
        const wb = s.chart.sheet.workbook;
        const addr =
          dimension === 'Values' || dimension === 'YValues'
            ? s.values
            : dimension === 'BubbleSizes'
              ? s.bubbleSizes
              : s.xValues;
        return seriesValues(wb, addr).map(String);
      }),
  },
};

function seriesProxy(
  ctx: RequestContext,
  resolver: Resolver<SeriesModel>,
  nullable = false,
): BagProxy {
  const p = new BagProxy(ctx, S_SERIES, resolver as Resolver<BagModel>, nullable);
  const base = p._checkAlive.bind(p);
  p._checkAlive = (m: BagModel) => {
    base(m);
    if ((m as SeriesModel).deleted || (m as SeriesModel).chart.deleted)
      throw err.notFound('ChartSeries', 'deleted');
  };
  return p;
}

export class ChartSeriesCollection extends ClientCollection<ChartModel, SeriesModel, BagProxy> {
  constructor(ctx: RequestContext, resolver: Resolver<ChartModel>, nullable: boolean) {
    super(ctx, 'ChartSeriesCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(c: ChartModel): SeriesModel[] {
    return c.series;
  }
  /** @internal */ _itemProxy(s: SeriesModel): BagProxy {
    return seriesProxy(this._ctx, () => s);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return Object.keys(S_SERIES.props ?? {});
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  /** @internal */ override _read(name: string, c: ChartModel): unknown {
    return name === 'count' ? c.series.length : undefined;
  }
  get count(): number {
    return this._get('count');
  }
  add(name?: string, index?: number): BagProxy {
    const holder: { s?: SeriesModel } = {};
    this._op('add', { name: name ?? null, index: index ?? null }, (c) => {
      const s: SeriesModel = {
        props: { chartType: c.type, name: name ?? `Series${c.series.length + 1}` },
        kids: {},
        chart: c,
        deleted: false,
      };
      if (index !== undefined && index !== null && index >= 0 && index < c.series.length)
        c.series.splice(index, 0, s);
      else c.series.push(s);
      holder.s = s;
    });
    return seriesProxy(this._ctx, () => holder.s ?? NOT_FOUND);
  }
  getItemAt(index: number): BagProxy {
    return seriesProxy(this._ctx, () => {
      const c = this._model();
      return c === null ? null : (c.series[index] ?? NOT_FOUND);
    });
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (c) => c.series.length);
  }
}

export class Chart extends ClientObject<ChartModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<ChartModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'Chart', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(c: ChartModel): void {
    if (c.deleted || c.sheet.deleted) throw err.notFound('Chart', `chart '${c.name}' was deleted`);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return CHART_SCALARS;
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['title', 'legend', 'axes', 'dataLabels', 'format', 'plotArea', 'series', 'worksheet'];
  }
  /** @internal */ _read(name: string, c: ChartModel): unknown {
    if (name === 'chartType') return c.type;
    return (c as unknown as Record<string, unknown>)[name];
  }
  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setProp('name', v, (c, val, loc) => {
      const n = strCoerce(val, loc) as string;
      if (!n) throw err.arg(loc, 'chart name cannot be empty');
      c.name = n;
    });
  }
  get chartType(): string {
    return this._get('chartType');
  }
  set chartType(v: string) {
    this._setProp('chartType', v, (c, val, loc) => {
      if (!CHART_TYPES.includes(val as string))
        throw err.arg(loc, `unknown chart type ${JSON.stringify(val)}`);
      c.type = val as string;
      for (const s of c.series) s.props.chartType = c.type;
    });
  }
  private _num(name: 'top' | 'left' | 'width' | 'height', v: number): void {
    this._setProp(name, v, (c, val, loc) => void (c[name] = numCoerce(val, loc) as number));
  }
  get top(): number {
    return this._get('top');
  }
  set top(v: number) {
    this._num('top', v);
  }
  get left(): number {
    return this._get('left');
  }
  set left(v: number) {
    this._num('left', v);
  }
  get width(): number {
    return this._get('width');
  }
  set width(v: number) {
    this._num('width', v);
  }
  get height(): number {
    return this._get('height');
  }
  set height(v: number) {
    this._num('height', v);
  }

  private _bags = new Map<string, BagProxy>();
  private _bag(name: string, spec: BagSpec): BagProxy {
    let b = this._bags.get(name);
    if (!b) {
      b = new BagProxy(
        this._ctx,
        spec,
        () => {
          const c = this._model();
          return c === null ? null : bagChild(c.bag, name);
        },
        this._nullable,
      );
      this._bags.set(name, b);
    }
    return b;
  }
  get title(): BagProxy {
    return this._bag('title', S_CHART_TITLE);
  }
  get legend(): BagProxy {
    return this._bag('legend', S_LEGEND);
  }
  get axes(): BagProxy {
    return this._bag('axes', S_AXES);
  }
  get dataLabels(): BagProxy {
    return this._bag('dataLabels', S_DATA_LABELS);
  }
  get format(): BagProxy {
    return this._bag('format', S_AREA_FORMAT);
  }
  get plotArea(): BagProxy {
    return this._bag('plotArea', S_PLOT_AREA);
  }
  private _series?: ChartSeriesCollection;
  get series(): ChartSeriesCollection {
    return (this._series ??= new ChartSeriesCollection(
      this._ctx,
      () => this._model(),
      this._nullable,
    ));
  }
  private _ws?: Worksheet;
  get worksheet(): Worksheet {
    return (this._ws ??= new Worksheet(
      this._ctx,
      () => {
        const c = this._model();
        return c === null ? null : c.sheet;
      },
      this._nullable,
    ));
  }
  /** Positions the chart over a cell range (top/left/width/height are recomputed from cell sizes). */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._op(
      'setPosition',
      { startCell: argLabel(startCell), endCell: argLabel(endCell ?? null) },
      (c, loc) => {
        const a = rangeArg(this._ctx, startCell, c.sheet, loc);
        const b =
          endCell !== undefined && endCell !== null
            ? rangeArg(this._ctx, endCell, c.sheet, loc)
            : null;
        if (a.sheet !== c.sheet || (b && b.sheet !== c.sheet))
          throw err.arg(loc, "cells must be on the chart's worksheet");
        const sh = c.sheet;
        c.top = sumTo(a.rect.r0, (r) => sh.rowHeight(r));
        c.left = sumTo(a.rect.c0, (col) => sh.colWidth(col));
        if (b) {
          const u = rectUnion(a.rect, b.rect);
          c.height = sumRange(u.r0, u.rows, (r) => sh.rowHeight(r));
          c.width = sumRange(u.c0, u.cols, (col) => sh.colWidth(col));
        }
        c.position = {
          startCell: rectAddress(a.rect),
          endCell: b ? rectAddress(b.rect) : undefined,
        };
      },
    );
  }
  setData(sourceData: Range | string, seriesBy = 'Auto'): void {
    this._op('setData', { sourceData: argLabel(sourceData), seriesBy }, (c, loc) => {
      const src = rangeArg(this._ctx, sourceData, c.sheet, loc);
      c.seriesBy = oneOf(ExcelEnums.ChartSeriesBy)(seriesBy, loc) as string;
      c.sourceAddress = absAddress(src.sheet.name, src.rect);
      buildSeries(c, src);
    });
  }
  delete(): void {
    this._op('delete', null, (c) => {
      c.deleted = true;
      const i = c.sheet.chartList.indexOf(c);
      if (i >= 0) c.sheet.chartList.splice(i, 1);
    });
  }
  activate(): void {
    this._op('activate', null, () => undefined);
  }
  /** Returns a tiny placeholder PNG (base64). */
  getImage(_width?: number, _height?: number, _fittingMode?: string): ClientResult<string> {
    return this._result(
      'getImage',
      null,
      () =>
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    );
  }
}

export class ChartCollection extends ClientCollection<FakeSheet, ChartModel, Chart> {
  constructor(ctx: RequestContext, resolver: Resolver<FakeSheet>, nullable: boolean) {
    super(ctx, 'ChartCollection', resolver, nullable);
  }
  /** @internal */ override _checkAlive(m: FakeSheet): void {
    if (m.deleted) throw err.notFound(this._type, 'the worksheet was deleted');
  }
  /** @internal */ _itemModels(s: FakeSheet): ChartModel[] {
    return s.chartList.filter((c) => !c.deleted);
  }
  /** @internal */ _itemProxy(c: ChartModel): Chart {
    return new Chart(this._ctx, () => c);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return CHART_SCALARS;
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['count'];
  }
  get count(): number {
    return this._get('count');
  }
  /** Adds a chart; series are derived from the source range like Excel (header row/column detection). */
  add(type: string, sourceData: Range | string, seriesBy: string = 'Auto'): Chart {
    const holder: { c?: ChartModel } = {};
    this._op('add', { type, sourceData: argLabel(sourceData), seriesBy }, (sh, loc) => {
      if (!CHART_TYPES.includes(type))
        throw err.arg(loc, `unknown chart type ${JSON.stringify(type)}`);
      const by = oneOf(ExcelEnums.ChartSeriesBy)(seriesBy, loc) as string;
      const src = rangeArg(this._ctx, sourceData, sh, loc);
      const n = sh.workbook.nextChartId();
      const c: ChartModel = {
        id: `{00000000-0002-0000-0000-${String(n).padStart(12, '0')}}`,
        name: `Chart ${n}`,
        type,
        sheet: sh,
        sourceAddress: absAddress(src.sheet.name, src.rect),
        seriesBy: by,
        top: 30,
        left: 200,
        width: 360,
        height: 216,
        bag: newBag(),
        series: [],
        deleted: false,
      };
      buildSeries(c, src);
      sh.chartList.push(c);
      holder.c = c;
    });
    return new Chart(this._ctx, () => holder.c ?? NOT_FOUND);
  }
  private _find(name: string): Resolution<ChartModel> {
    const s = this._model();
    if (s === null) return null;
    return s.chartList.find((c) => !c.deleted && (c.name === name || c.id === name)) ?? NOT_FOUND;
  }
  getItem(name: string): Chart {
    return new Chart(this._ctx, () => this._find(name));
  }
  getItemOrNullObject(name: string): Chart {
    return new Chart(this._ctx, () => this._find(name), true, true);
  }
  getItemAt(index: number): Chart {
    return new Chart(this._ctx, () => {
      const s = this._model();
      return s === null ? null : (this._itemModels(s)[index] ?? NOT_FOUND);
    });
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (s) => this._itemModels(s).length);
  }
}

// ---- Conditional formats -----------------------------------------------------------------------------

const CF_TYPES = Object.values(ExcelEnums.ConditionalFormatType) as string[];

export class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  constructor(ctx: RequestContext, resolver: Resolver<ConditionalFormatModel>, nullable = false) {
    super(ctx, 'ConditionalFormat', resolver, nullable);
  }
  /** @internal */ override _checkAlive(m: ConditionalFormatModel): void {
    if (m.deleted || m.sheet.deleted) throw err.notFound('ConditionalFormat', 'deleted');
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }
  /** @internal */ _read(name: string, m: ConditionalFormatModel): unknown {
    return (m as unknown as Record<string, unknown>)[name];
  }
  get id(): string {
    return this._get('id');
  }
  get type(): string {
    return this._get('type');
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this._setProp(
      'stopIfTrue',
      v,
      (m, val, loc) => void (m.stopIfTrue = boolCoerce(val, loc) as boolean),
    );
  }
  get priority(): number {
    return this._get('priority');
  }
  set priority(v: number) {
    this._setProp('priority', v, (m, val, loc) => {
      const p = checkCount(val, loc);
      const list = m.sheet.cfList
        .filter((c) => !c.deleted && c !== m)
        .sort((a, b) => a.priority - b.priority);
      list.splice(Math.min(p, list.length), 0, m);
      list.forEach((c, i) => {
        c.priority = i;
      });
    });
  }
  private _parts = new Map<string, BagProxy>();
  /** @internal */ _part(type: string, nullable: boolean): BagProxy {
    const key = `${type}:${nullable}`;
    let b = this._parts.get(key);
    if (!b) {
      const [nav, spec] = CF_PARTS[type];
      b = new BagProxy(
        this._ctx,
        spec,
        () => {
          const m = this._model();
          if (m === null) return null;
          return m.type === type ? bagChild(m.bag, nav) : NOT_FOUND;
        },
        nullable || this._nullable,
        nullable,
      );
      this._parts.set(key, b);
    }
    return b;
  }
  get colorScale(): BagProxy {
    return this._part('ColorScale', false);
  }
  get colorScaleOrNullObject(): BagProxy {
    return this._part('ColorScale', true);
  }
  get cellValue(): BagProxy {
    return this._part('CellValue', false);
  }
  get cellValueOrNullObject(): BagProxy {
    return this._part('CellValue', true);
  }
  get custom(): BagProxy {
    return this._part('Custom', false);
  }
  get customOrNullObject(): BagProxy {
    return this._part('Custom', true);
  }
  get dataBar(): BagProxy {
    return this._part('DataBar', false);
  }
  get dataBarOrNullObject(): BagProxy {
    return this._part('DataBar', true);
  }
  get iconSet(): BagProxy {
    return this._part('IconSet', false);
  }
  get iconSetOrNullObject(): BagProxy {
    return this._part('IconSet', true);
  }
  get topBottom(): BagProxy {
    return this._part('TopBottom', false);
  }
  get topBottomOrNullObject(): BagProxy {
    return this._part('TopBottom', true);
  }
  get preset(): BagProxy {
    return this._part('PresetCriteria', false);
  }
  get presetOrNullObject(): BagProxy {
    return this._part('PresetCriteria', true);
  }
  get textComparison(): BagProxy {
    return this._part('ContainsText', false);
  }
  get textComparisonOrNullObject(): BagProxy {
    return this._part('ContainsText', true);
  }
  getRange(): Range {
    return new Range(
      this._ctx,
      () => {
        const m = this._model();
        return m === null ? null : { sheet: m.sheet, rect: { ...m.rect } };
      },
      this._nullable,
    );
  }
  getRangeOrNullObject(): Range {
    return new Range(
      this._ctx,
      () => {
        const m = this._model();
        return m === null ? null : { sheet: m.sheet, rect: { ...m.rect } };
      },
      true,
      true,
    );
  }
  delete(): void {
    this._op('delete', null, (m) => {
      m.deleted = true;
      const i = m.sheet.cfList.indexOf(m);
      if (i >= 0) m.sheet.cfList.splice(i, 1);
    });
  }
}

export class ConditionalFormatCollection extends ClientCollection<
  RangeModel,
  ConditionalFormatModel,
  ConditionalFormat
> {
  constructor(ctx: RequestContext, resolver: Resolver<RangeModel>, nullable: boolean) {
    super(ctx, 'ConditionalFormatCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(m: RangeModel): ConditionalFormatModel[] {
    return m.sheet.cfList
      .filter((c) => !c.deleted && rectsIntersect(c.rect, m.rect))
      .sort((a, b) => a.priority - b.priority);
  }
  /** @internal */ _itemProxy(cf: ConditionalFormatModel): ConditionalFormat {
    return new ConditionalFormat(this._ctx, () => cf);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }
  /** Adds a conditional format over the range with the highest priority (0). */
  add(type: string): ConditionalFormat {
    const holder: { cf?: ConditionalFormatModel } = {};
    this._op('add', type, (m, loc) => {
      if (!CF_TYPES.includes(type))
        throw err.arg(loc, `unknown conditional format type ${JSON.stringify(type)}`);
      for (const c of m.sheet.cfList) c.priority++;
      holder.cf = {
        id: m.sheet.workbook.nextCfId(),
        type,
        sheet: m.sheet,
        rect: { ...m.rect },
        priority: 0,
        stopIfTrue: false,
        bag: newBag(),
        deleted: false,
      };
      m.sheet.cfList.push(holder.cf);
    });
    return new ConditionalFormat(this._ctx, () => holder.cf ?? NOT_FOUND);
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this._ctx, () => {
      const m = this._model();
      return m === null
        ? null
        : (m.sheet.cfList.find((c) => !c.deleted && c.id === id) ?? NOT_FOUND);
    });
  }
  getItemAt(index: number): ConditionalFormat {
    return new ConditionalFormat(this._ctx, () => {
      const m = this._model();
      return m === null ? null : (this._itemModels(m)[index] ?? NOT_FOUND);
    });
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (m) => this._itemModels(m).length);
  }
  /** Removes every conditional format intersecting the range. */
  clearAll(): void {
    this._op('clearAll', null, (m) => {
      for (const c of this._itemModels(m)) {
        c.deleted = true;
        m.sheet.cfList.splice(m.sheet.cfList.indexOf(c), 1);
      }
    });
  }
}

// ---- Names -------------------------------------------------------------------------------------------

interface NameScope {
  wb: FakeWorkbook;
  scope?: FakeSheet;
}

export class NamedItem extends ClientObject<NameModel> {
  constructor(
    ctx: RequestContext,
    resolver: Resolver<NameModel>,
    nullable = false,
    instantiate = false,
  ) {
    super(ctx, 'NamedItem', resolver, nullable, instantiate);
  }
  /** @internal */ override _checkAlive(m: NameModel): void {
    if (m.deleted) throw err.notFound('NamedItem', 'deleted');
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['name', 'type', 'value', 'formula', 'comment', 'visible', 'scope'];
  }
  /** @internal */ _read(name: string, m: NameModel): unknown {
    switch (name) {
      case 'name':
        return m.name;
      case 'formula':
        return m.formula;
      case 'comment':
        return m.comment;
      case 'visible':
        return m.visible;
      case 'scope':
        return m.scope ? 'Worksheet' : 'Workbook';
      case 'type': {
        const body = m.formula.replace(/^=/, '');
        if (parseAddress(body)) return 'Range';
        if (/^-?\d+(\.\d+)?$/.test(body)) return 'Double';
        if (/^(TRUE|FALSE)$/i.test(body)) return 'Boolean';
        return 'String';
      }
      case 'value':
        return m.formula.replace(/^=/, '');
    }
    return undefined;
  }
  get name(): string {
    return this._get('name');
  }
  get type(): string {
    return this._get('type');
  }
  get value(): any {
    return this._get('value');
  }
  get scope(): string {
    return this._get('scope');
  }
  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._setProp('formula', v, (m, val, loc) => {
      const f = strCoerce(val, loc) as string;
      m.formula = f.startsWith('=') ? f : `=${f}`;
    });
  }
  get comment(): string {
    return this._get('comment');
  }
  set comment(v: string) {
    this._setProp('comment', v, (m, val, loc) => void (m.comment = strCoerce(val, loc) as string));
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._setProp(
      'visible',
      v,
      (m, val, loc) => void (m.visible = boolCoerce(val, loc) as boolean),
    );
  }
  private _range(nullable: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const m = this._model();
        if (m === null) return null;
        const p = parseAddress(m.formula.replace(/^=/, ''));
        const sh = p?.sheet !== undefined ? this._ctx._wb.findSheet(p.sheet) : m.scope;
        if (!p || !sh) return NOT_FOUND;
        return { sheet: sh, rect: p.rect };
      },
      nullable || this._nullable,
      nullable,
    );
  }
  getRange(): Range {
    return this._range(false);
  }
  getRangeOrNullObject(): Range {
    return this._range(true);
  }
  delete(): void {
    this._op('delete', null, (m) => {
      m.deleted = true;
      const wb = this._ctx._wb;
      for (const [k, n] of wb.names) if (n === m) wb.names.delete(k);
    });
  }
}

export class NamedItemCollection extends ClientCollection<NameScope, NameModel, NamedItem> {
  constructor(ctx: RequestContext, resolver: Resolver<NameScope>, nullable = false) {
    super(ctx, 'NamedItemCollection', resolver, nullable);
  }
  /** @internal */ _itemModels(m: NameScope): NameModel[] {
    return [...m.wb.names.values()].filter((n) => n.scope === m.scope);
  }
  /** @internal */ _itemProxy(n: NameModel): NamedItem {
    return new NamedItem(this._ctx, () => n);
  }
  /** @internal */ _itemScalars(): readonly string[] {
    return ['name', 'type', 'value', 'formula', 'comment', 'visible', 'scope'];
  }
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    const holder: { n?: NameModel } = {};
    this._op(
      'add',
      { name, reference: argLabel(reference), comment: comment ?? null },
      (m, loc) => {
        validateTableName(name, loc);
        if (m.wb.names.has(name.toLowerCase()) || m.wb.findTable(name))
          throw err.exists(loc, `name '${name}' already exists`);
        let formula: string;
        if (reference instanceof Range) {
          const r = rangeArg(this._ctx, reference, m.scope ?? null, loc);
          formula = `=${absAddress(r.sheet.name, r.rect)}`;
        } else formula = String(reference).startsWith('=') ? String(reference) : `=${reference}`;
        holder.n = {
          name,
          formula,
          comment: comment ?? '',
          visible: true,
          scope: m.scope,
          deleted: false,
        };
        m.wb.names.set(name.toLowerCase(), holder.n);
      },
    );
    return new NamedItem(this._ctx, () => holder.n ?? NOT_FOUND);
  }
  private _find(name: string): Resolution<NameModel> {
    const m = this._model();
    if (m === null) return null;
    const n = m.wb.names.get(name.toLowerCase());
    return n && n.scope === m.scope ? n : NOT_FOUND;
  }
  getItem(name: string): NamedItem {
    return new NamedItem(this._ctx, () => this._find(name));
  }
  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(this._ctx, () => this._find(name), true, true);
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', null, (m) => this._itemModels(m).length);
  }
}

// ---- Workbook, application, document properties ------------------------------------------------------

export class Application extends ClientObject<FakeWorkbook> {
  constructor(ctx: RequestContext) {
    super(ctx, 'Application', () => ctx._wb);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['calculationMode'];
  }
  /** @internal */ _read(name: string, wb: FakeWorkbook): unknown {
    return name === 'calculationMode' ? wb.calculationMode : undefined;
  }
  get calculationMode(): string {
    return this._get('calculationMode');
  }
  set calculationMode(v: string) {
    this._setProp(
      'calculationMode',
      v,
      (wb, val, loc) =>
        void (wb.calculationMode = oneOf(ExcelEnums.CalculationMode)(val, loc) as string),
    );
  }
  calculate(calculationType: string = 'Recalculate'): void {
    this._op('calculate', calculationType, () => undefined);
  }
  suspendApiCalculationUntilNextSync(): void {
    this._op('suspendApiCalculationUntilNextSync', null, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._op('suspendScreenUpdatingUntilNextSync', null, () => undefined);
  }
}

const DOC_PROPS = [
  'title',
  'subject',
  'author',
  'keywords',
  'comments',
  'category',
  'manager',
  'company',
  'revisionNumber',
] as const;

export class DocumentProperties extends ClientObject<FakeWorkbook> {
  constructor(ctx: RequestContext) {
    super(ctx, 'DocumentProperties', () => ctx._wb);
    for (const k of DOC_PROPS)
      Object.defineProperty(this, k, {
        enumerable: true,
        get: () => this._get(k),
        set: (v: unknown) => this._setProp(k, v, (wb, val) => void (wb.docProps[k] = val)),
      });
  }
  /** @internal */ override _scalars(): readonly string[] {
    return DOC_PROPS;
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['custom'];
  }
  /** @internal */ _read(name: string, wb: FakeWorkbook): unknown {
    return wb.docProps[name] ?? (name === 'revisionNumber' ? 1 : '');
  }
  private _custom?: CustomPropertyCollection;
  get custom(): CustomPropertyCollection {
    return (this._custom ??= new CustomPropertyCollection(this._ctx));
  }
}

export class Workbook extends ClientObject<FakeWorkbook> {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  readonly application: Application;
  readonly properties: DocumentProperties;
  constructor(ctx: RequestContext) {
    super(ctx, 'Workbook', () => ctx._wb);
    this.worksheets = new WorksheetCollection(ctx);
    this.tables = new TableCollection(ctx, () => ctx._wb);
    this.names = new NamedItemCollection(ctx, () => ({ wb: ctx._wb }));
    this.application = new Application(ctx);
    this.properties = new DocumentProperties(ctx);
  }
  /** @internal */ override _scalars(): readonly string[] {
    return ['name', 'readOnly'];
  }
  /** @internal */ override _navs(): readonly string[] {
    return ['worksheets', 'tables', 'names', 'application', 'properties'];
  }
  /** @internal */ _read(name: string, wb: FakeWorkbook): unknown {
    return name === 'name' ? wb.name : name === 'readOnly' ? false : undefined;
  }
  get name(): string {
    return this._get('name');
  }
  get readOnly(): boolean {
    return this._get('readOnly');
  }
  /** The user's selection (seed it with workbook.select(sheet, address); default A1 of the active sheet). */
  getSelectedRange(): Range {
    return new Range(this._ctx, () => {
      const s = this._ctx._wb.selected('Workbook.getSelectedRange');
      return { sheet: s.sheet, rect: { ...s.rect } };
    });
  }
  getActiveCell(): Range {
    return new Range(this._ctx, () => {
      const s = this._ctx._wb.selected('Workbook.getActiveCell');
      return { sheet: s.sheet, rect: { r0: s.rect.r0, c0: s.rect.c0, rows: 1, cols: 1 } };
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------

type Batch<T> = (context: RequestContext) => Promise<T>;

export interface FakeExcelNamespace {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(object: unknown, batch: Batch<T>): Promise<T>;
  RequestContext: new () => RequestContext;
  [enumName: string]: unknown;
}

export interface ExcelFake {
  /** Drop-in for the global `Excel` namespace: run() plus the string enums (ChartType, ...). */
  Excel: FakeExcelNamespace & typeof ExcelEnums;
  /** Minimal `OfficeExtension` (Error class for instanceof checks, ErrorCodes). */
  OfficeExtension: {
    Error: typeof FakeOfficeError;
    ErrorCodes: typeof ExcelEnums.ErrorCodes;
    ClientResult: typeof ClientResult;
  };
  /** Minimal `Office` (onReady, context.requirements.isSetSupported). */
  Office: {
    onReady: (
      cb?: (info: { host: string; platform: string }) => void,
    ) => Promise<{ host: string; platform: string }>;
    context: { requirements: { isSetSupported: (name: string, version?: string) => boolean } };
    HostType: { Excel: string };
  };
  /** The workbook state: seed it and inspect it (never counted). */
  workbook: FakeWorkbook;
  /** Live counters (mutated in place). */
  stats: FakeStats;
  resetStats(): void;
  /** A context outside Excel.run (e.g. to test helpers that take a RequestContext). */
  newContext(): RequestContext;
  /** Sets globalThis.Excel / OfficeExtension / Office to this fake; returns a function restoring the old values. */
  install(): () => void;
}

const versionLE = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return true;
};

/** Creates an independent fake Excel host with a fresh workbook (one sheet "Sheet1" by default). */
export function createExcelFake(options: FakeExcelOptions = {}): ExcelFake {
  const workbook = new FakeWorkbook(options);
  const stats = newStats();
  const state: FakeState = {
    workbook,
    stats,
    requestLimit: options.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES,
    responseLimit: options.responseLimitBytes ?? PAYLOAD_LIMIT_BYTES,
  };
  async function run<T>(a: unknown, b?: Batch<T>): Promise<T> {
    const batch = (typeof a === 'function' ? a : b) as Batch<T> | undefined;
    if (typeof batch !== 'function') throw err.arg('Excel.run', 'a batch function is required');
    stats.runs++;
    const ctx = new RequestContext(state);
    const p = batch(ctx) as unknown;
    if (!p || typeof (p as Promise<T>).then !== 'function')
      throw new FakeOfficeError('RunMustReturnPromise', MSG.runMustReturnPromise, 'Excel.run');
    const result = await (p as Promise<T>);
    if (ctx._queue.length > 0) {
      stats.implicitSyncs++;
      await ctx.sync();
    }
    return result;
  }
  const RequestContextCtor = function (this: unknown) {
    return new RequestContext(state);
  } as unknown as new () => RequestContext;
  const Excel = {
    ...ExcelEnums,
    run,
    RequestContext: RequestContextCtor,
  } as unknown as ExcelFake['Excel'];
  const OfficeExtension = {
    Error: FakeOfficeError,
    ErrorCodes: ExcelEnums.ErrorCodes,
    ClientResult,
  };
  const apiVersion = options.excelApiVersion ?? '1.17';
  const Office: ExcelFake['Office'] = {
    onReady: async (cb) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return info;
    },
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === 'ExcelApi' && (version === undefined || versionLE(version, apiVersion)),
      },
    },
    HostType: { Excel: 'Excel' },
  };
  return {
    Excel,
    OfficeExtension,
    Office,
    workbook,
    stats,
    resetStats() {
      Object.assign(stats, newStats());
    },
    newContext: () => new RequestContext(state),
    install() {
      const g = globalThis as Record<string, unknown>;
      const prev = { Excel: g.Excel, OfficeExtension: g.OfficeExtension, Office: g.Office };
      g.Excel = Excel;
      g.OfficeExtension = OfficeExtension;
      g.Office = Office;
      return () => {
        for (const [k, v] of Object.entries(prev)) {
          if (v === undefined) delete g[k];
          else g[k] = v;
        }
      };
    },
  };
}
