/**
 * Reading and writing the roster as `.xlsx` or `.csv` with exceljs (never a hand-written parser).
 * Written cells are guarded against formula injection; read cells come back as the text shown.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { guardCell } from '../../domain/roster/roster-columns.js';
import type { SheetRow } from '../../domain/roster/import-rows.js';
import { DomainError, invalid } from '../errors.js';
import { checkUnzippedSize } from './unzipped-size.js';

/** exceljs takes ~0.4 s to load: loaded when a roster is first read or written, not at start. */
const excel = async () => (await import('exceljs')).default;

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetData {
  name: string;
  rows: string[][];
}

export interface ReadSheet {
  headers: string[];
  rows: SheetRow[];
}

/** The first sheet named `name` (else the first), its header row and every row below it by sheet row number. */
export async function readSheet(bytes: Uint8Array, format: SheetFormat, name: string): Promise<ReadSheet> {
  const workbook = new (await excel()).Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await checkUnzippedSize(bytes);
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      sheet = workbook.getWorksheet(name) ?? workbook.worksheets[0];
    } else {
      const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
      sheet = await workbook.csv.read(Readable.from([text]), { parserOptions: { delimiter: ',' } } as never);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw invalid('无法读取该文件，请上传由模板填写的 .xlsx 或 .csv 文件', [{ field: 'file', message: '文件无法读取' }]);
  }
  if (!sheet) throw invalid('文件中没有工作表', [{ field: 'file', message: '文件中没有工作表' }]);
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = cellText(cell).trim()));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = cellText(row.getCell(i + 1));
    });
    rows.push({ row: number, cells });
  });
  return { headers, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // A formula is never run: what was typed is what is checked, and it fails the check.
  if (typeof v === 'object' && 'formula' in v) return `=${(v as { formula: string }).formula}`;
  return cell.text ?? String(v);
}

/** A workbook of the given sheets; every cell is text, guarded so no spreadsheet evaluates it. */
export async function writeSheets(sheets: SheetData[], format: SheetFormat): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = '联防';
  for (const s of format === 'csv' ? sheets.slice(0, 1) : sheets) {
    const sheet = workbook.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      const row = sheet.addRow(r.map(guardCell));
      if (i === 0) row.font = { bold: true };
    });
    sheet.columns.forEach((c) => {
      c.width = 18;
      // Text cells, so a phone number keeps its digits and a leading +86.
      c.numFmt = '@';
    });
  }
  if (format === 'xlsx') return new Uint8Array(await workbook.xlsx.writeBuffer());
  const body = Buffer.from(await workbook.csv.writeBuffer());
  // A byte-order mark, so Excel opens the Chinese as UTF-8.
  return new Uint8Array(Buffer.concat([Buffer.from('\uFEFF', 'utf8'), body]));
}
