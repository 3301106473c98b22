/** Roster spreadsheets as an office would fill them in, built with exceljs, and uploading them. */
import ExcelJS from 'exceljs';
import type { TestServer } from './server.js';

export const HEADERS = ['单位名称', '姓名', '用户名', '角色', '手机号码', '短信通道', '在岗'];

export async function rosterXlsx(rows: string[][], headers = HEADERS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员名册');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function rosterCsv(rows: string[][]): Uint8Array {
  const line = (r: string[]) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return new TextEncoder().encode([HEADERS, ...rows].map(line).join('\r\n') + '\r\n');
}

export async function uploadRoster(server: TestServer, token: string, step: 'preview' | 'import', bytes: Uint8Array, fileName = '名册.xlsx', jurisdictionId = 'xinyang') {
  const res = await fetch(`${server.url}/api/v1/admin/jurisdictions/${jurisdictionId}/roster/${step}?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
