// Types of js/sheet.js (workbooks and CSV in and out).
import type { ResultSet, TargetTable } from './types.js';

/** Anything that holds a JSON document: the plain object, a handle with toJSON(), or JSON text. */
type Json = object | string;

export interface SheetDiagnostic {
  severity: 'info' | 'warning' | 'error';
  code: string;
  message: string;
  cell: { sheet: string; row: number; col: number } | null;
  /** `'Kết quả'!C7`, or `workbook`. */
  location: string;
}

export interface SheetTable {
  sheet: string;
  layout: 'long' | 'report' | 'wide';
  header_rows: [number, number];
  columns: [string, string, string | null][];
  units: string[];
  period: string | null;
  rows_read: number;
  legacy_encoding: 'tcvn3' | 'vni' | null;
}

export interface ReadExcelOptions {
  directive?: Json;
  sheet?: string;
  unit?: string;
  period?: string;
  columns?: Record<string, string>;
  headerRow?: number;
  legacyEncoding?: 'auto' | 'off' | 'tcvn3' | 'vni';
  numberStyle?: 'auto' | 'vietnamese' | 'plain' | 'mixed';
}

export function readExcel(
  data: ArrayBuffer | Uint8Array,
  options?: ReadExcelOptions,
): { results: ResultSet; diagnostics: SheetDiagnostic[]; tables: SheetTable[] };
export function resultsFromExcel(data: ArrayBuffer | Uint8Array, options?: ReadExcelOptions): ResultSet;
/** A per-unit target table (giao chỉ tiêu, đăng ký thi đua) read from a workbook or CSV file. */
export function readTargetsExcel(
  data: ArrayBuffer | Uint8Array,
  options?: ReadExcelOptions,
): { targets: TargetTable; diagnostics: SheetDiagnostic[]; tables: SheetTable[] };
export function targetsFromExcel(data: ArrayBuffer | Uint8Array, options?: ReadExcelOptions): TargetTable;
export function evaluationToExcel(evaluation: Json, options?: { directive?: Json; perUnit?: boolean }): Uint8Array;
export function scoreReportToExcel(report: Json, options?: { directive?: Json }): Uint8Array;
export function resultsToExcel(results: Json, options?: { directive?: Json; layout?: 'long' | 'wide' }): Uint8Array;
export function excelTemplate(
  directive: Json,
  options?: { units?: string[]; period?: string; estimate?: boolean },
): Uint8Array;
