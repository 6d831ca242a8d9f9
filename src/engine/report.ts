import type { Issue, Severity } from './findings';
import type { DataColumnRole, Indicator, TwoPlanColumnRole } from './template/schema';

export type Quarter = 1 | 2 | 3 | 4;

export interface Period {
  readonly year: number;
  readonly quarter: Quarter;
}

/** Columns a data sheet is not read without: its layout always has them. */
export type RequiredDataColumn = 'code' | 'plan' | 'q1' | 'q2' | 'q3' | 'q4';
/** Columns 两纲监测 is not read without. */
export type RequiredTwoPlanColumn = 'code' | 'direction' | 'finalTarget' | 'value';

/** Where the engine found a sheet's parts (a data sheet's, 两纲监测's); hosts use it to address tool-owned cells. */
export interface SheetLayout<Role extends string, Required extends Role> {
  readonly sheet: string;
  /** 1-based row of the header row. */
  readonly headerRow: number;
  /** 1-based column of each column role found by its header label: the required ones always, the others where present. */
  readonly columns: Readonly<Record<Required, number>> & Readonly<Partial<Record<Role, number>>>;
  /** 1-based row of each indicator code (first occurrence). */
  readonly rows: Readonly<Record<string, number>>;
}

/** A data sheet's layout: code, name, …, q1..q4, cumulative, … */
export type DataSheetLayout = SheetLayout<DataColumnRole, RequiredDataColumn>;
/** 两纲监测's layout. */
export type TwoPlanLayout = SheetLayout<TwoPlanColumnRole, RequiredTwoPlanColumn>;

export interface IndicatorFigures {
  readonly indicator: Indicator;
  /** Row on its sheet, or null when the code has no row. */
  readonly row: number | null;
  /** 年计划 as read, or null when blank or unreadable. */
  readonly plan: number | null;
  /** The four quarter values as read (null = blank or unreadable). */
  readonly quarters: readonly [number | null, number | null, number | null, number | null];
  /** 累计 by kind up to the report quarter (rates: numerator 累计 ÷ denominator 累计, as a fraction). */
  readonly cumulative: number | null;
  /** 累计 ÷ 年计划 as a fraction, or null (no plan, or plan 0). */
  readonly percentOfPlan: number | null;
  /** Report quarter ÷ 4 as a fraction. */
  readonly timeProgress: number | null;
  /** The template's progress status label (无计划 / 超额完成 / 达到序时进度 / 滞后序时进度). */
  readonly progressStatus: string;
}

export type Direction = 'higher' | 'lower';

export interface TwoPlanRowFigures {
  readonly code: string;
  readonly row: number;
  readonly plan: string;
  readonly domain: string;
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction | null;
  readonly baseline: number | null;
  /** The targets as numbers once resolved against 基期值 (`比2020年降20%` → 基期值 × 0.8); null for a qualitative one. */
  readonly midTarget: number | null;
  readonly finalTarget: number | null;
  /** 终期目标 as the sheet shows it (`比2020年降20%`, `50%左右`, `12`). */
  readonly finalTargetText?: string;
  readonly value: number | null;
  /** The optional 责任单位 and 统计年度 columns, as typed ('' when absent). */
  readonly department?: string;
  readonly year?: string;
  /** The template's status label (无数据 / 已实现终期目标 / 达到中期目标 / 未达标). */
  readonly status: string;
}

export interface TwoPlanCounts {
  /** 妇女, 儿童 or the total label 合计. */
  readonly plan: string;
  readonly total: number;
  readonly final: number;
  readonly mid: number;
  readonly below: number;
  readonly noData: number;
}

export interface SheetCompleteness {
  readonly sheet: string;
  readonly requiredCells: number;
  readonly filledCells: number;
  /** Indicators that have required cells (汇总 block 2 应填指标数). */
  readonly requiredIndicators: number;
  /** Indicators whose required cells are all filled (已填指标数). */
  readonly filledIndicators: number;
  /** filledCells ÷ requiredCells; 1 when nothing is required. */
  readonly fraction: number;
}

/** The template a return says it was made from: its 封面 stamp row (`<id> <version>`, e.g. `fulian-quarterly 2026.1`). */
export interface TemplateStamp {
  readonly id: string;
  /** Empty when the stamp holds one word only. */
  readonly version: string;
}

/** Everything one check of a return yields. Pure data; formatting to messages happens apart. */
export interface ReturnReport {
  /** The template in force (the one checked against). */
  readonly template: { readonly id: string; readonly version: string };
  /**
   * The return's own stamp (封面 row labelled `cover.stampLabel`), or null when it has none (older returns, or a
   * template without a stamp label). Never a finding. Optional so hosts' hand-made reports stay valid.
   */
  readonly stamp?: TemplateStamp | null;
  readonly unit: string | null;
  /** 行政区划代码 when it reads as 6 digits (报送情况 matches by it). Optional so hosts' hand-made reports stay valid. */
  readonly divisionCode?: string | null;
  /** 报告期 as typed, or null when blank or the label is absent. */
  readonly periodText: string | null;
  readonly period: Period | null;
  /**
   * The report quarter the checks and figures used: the period's, or (报告期 unreadable) the last quarter holding any
   * data-sheet value. Optional so hosts' hand-made reports stay valid; the engine always sets it.
   */
  readonly quarter?: Quarter;
  readonly issues: readonly Issue[];
  readonly counts: Readonly<Record<Severity, number>>;
  readonly completeness: {
    readonly overall: number;
    readonly sheets: Readonly<Record<string, number>>;
    readonly detail: readonly SheetCompleteness[];
  };
  readonly indicators: readonly IndicatorFigures[];
  readonly twoPlan: {
    readonly rows: readonly TwoPlanRowFigures[];
    readonly counts: readonly TwoPlanCounts[];
  };
  readonly layout: {
    readonly dataSheets: readonly DataSheetLayout[];
    readonly twoPlan: TwoPlanLayout | null;
  };
}
