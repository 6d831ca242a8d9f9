/**
 * The subset of WPS 表格's JavaScript API (WPS加载项, `window.Application`) the host uses, typed by us.
 *
 * Sources: the object model WPS mirrors from Excel VBA, as its own type declarations give it (npm `wps-jsapi` 1.0.5,
 * `src/lib.et.d.ts`: EtApplication, EtWorkbook, EtSheets, EtWorksheet, EtRange, EtFormatConditions,
 * EtFormatCondition, EtInterior, EtFont; vendored in github.com/wpsoa/wpsoa.github.io `ts/wps-jsapi`), WPS's ET API
 * pages (Worksheet / Sheets / FormatCondition 对象, open.wps.cn) and Kingsoft's sample add-in (wpsoa/wpsoa.github.io
 * `js/ribbon.js`: CreateTaskPane, GetTaskPane, PluginStorage). Every call is synchronous and crosses into WPS.
 * Collections are VBA-style: `Item(1)` is the first, `Item(name)` finds by name.
 *
 * Where WPS's pages say nothing, the behaviour is Excel VBA's, which WPS's object model copies member for member
 * (learn.microsoft.com/office/vba/api): Range.Value2 (no Date/Currency), Range.Formula (a 2-D array may be assigned to a
 * range of the same size), Range.NumberFormat ("returns Null if all cells in the specified range don't have the same
 * number format"), FormatConditions.Add(Type, Operator, Formula1), Interior.Color (BGR), Range.Select (on the active
 * sheet only), Worksheet.Delete and Application.DisplayAlerts. Whether WPS's JavaScript bridge hands these over the
 * same way (arrays, null, error values) is not established: src/wps/host.ts reads every shape, and the self-test
 * reports what a real WPS answers.
 */

/** A cell value as `Range.Value2` gives it: no Date or Currency (VBA Range.Value2), errors as COM error codes or text. */
export type WpsScalar = string | number | boolean | null | undefined;
/** A multi-cell range's Value2 / Formula / NumberFormat: rows of cells; a single cell's is the bare value. */
export type WpsGrid = WpsScalar | readonly (readonly WpsScalar[])[];

export interface WpsInterior {
  /** BGR as a number, as VBA's `RGB(r, g, b)` gives it (r + g·256 + b·65536). */
  Color: number;
}

export interface WpsFont {
  /** Null when the cells differ (VBA Font.Bold). */
  Bold: boolean | null;
}

export interface WpsFormatCondition {
  /** XlFormatConditionType: 2 = xlExpression. */
  readonly Type: number;
  readonly Formula1: string;
  readonly Interior: WpsInterior;
  Delete(): void;
}

export interface WpsFormatConditions {
  readonly Count: number;
  Item(index: number): WpsFormatCondition;
  /** `Add(Type, Operator, Formula1)`: a custom rule is `Add(xlExpression, null, "=…")` (VBA FormatConditions.Add). */
  Add(type: number, operator?: number | null, formula1?: string): WpsFormatCondition;
}

export interface WpsRange {
  /** `Address(RowAbsolute, ColumnAbsolute)`; with no arguments `$A$1:$L$60`. */
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  Value2: WpsGrid;
  Formula: WpsGrid;
  NumberFormat: WpsGrid;
  readonly Font: WpsFont;
  ColumnWidth: number;
  readonly FormatConditions: WpsFormatConditions;
  Select(): void;
}

export interface WpsWorksheet {
  Name: string;
  readonly UsedRange: WpsRange;
  readonly Cells: WpsRange;
  Range(address: string): WpsRange;
  Activate(): void;
  /** Shows a confirmation unless Application.DisplayAlerts is false (WPS ET Worksheet.Delete). */
  Delete(): void;
  /** `Move(Before, After)` within the workbook (WPS ET Worksheet.Move). */
  Move(before?: WpsWorksheet | null, after?: WpsWorksheet | null): void;
}

export interface WpsSheets {
  readonly Count: number;
  Item(index: number | string): WpsWorksheet;
  /** `Add(Before, After, Count, Type)`: the new sheet becomes the active one (ET Sheets.Add). */
  Add(before?: WpsWorksheet | null, after?: WpsWorksheet | null, count?: number, type?: number): WpsWorksheet;
}

export interface WpsWorkbook {
  readonly Name: string;
  readonly Worksheets: WpsSheets;
  readonly ActiveSheet?: WpsWorksheet | null;
}

export interface WpsPluginStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: unknown): void;
}

export interface WpsTaskPane {
  readonly ID: string | number;
  Visible: boolean;
}

export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  /** The application's version, e.g. "12.1.0.16910" (EtApplication.Version). */
  readonly Version: string;
  /** The build number (EtApplication.Build); may be absent. */
  readonly Build?: string | number;
  /** e.g. "WPS 表格" (EtApplication.Name). */
  readonly Name?: string;
  /** EtApplication.OperatingSystem. */
  readonly OperatingSystem?: string;
  /** XlCalculation: -4105 automatic, -4135 manual (EtApplication.Calculation). */
  Calculation?: number;
  /** Recalculates open workbooks (EtApplication.Calculate). */
  Calculate?(): void;
  /** Whether WPS asks before, e.g., deleting a sheet (EtApplication.DisplayAlerts). */
  DisplayAlerts?: boolean;
  readonly PluginStorage?: WpsPluginStorage;
  CreateTaskPane?(url: string, title?: string): WpsTaskPane;
  GetTaskPane?(id: string | number): WpsTaskPane;
}

/** XlFormatConditionType.xlExpression (VBA; lib.et.d.ts EtXlFormatConditionType). */
export const XL_EXPRESSION = 2;
