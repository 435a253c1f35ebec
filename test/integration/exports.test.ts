/**
 * The Excel export read back with exceljs: numbers are numbers (yuan, #,##0.00), filing times are date cells in
 * Asia/Shanghai time, a totals row sums exactly, the header is frozen and filterable, columns have widths.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, nextSeq, orgWithUser } from '../support/fixtures';
import { makeEnterprise, makeProject } from '../../src/db/factories';
import { makeUscc } from '../../src/core/identity/uscc';
import { fenToYuanNumber } from '../../src/server/modules/projects/export';

let t: TestApp;
let reviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  reviewer = new Client(t.app);
  await reviewer.login(r.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

async function readBack(c: Client, qs: string, lang?: 'en'): Promise<ExcelJS.Worksheet> {
  const res = await c.request('GET', `/api/v1/projects/export.xlsx?${qs}`, undefined, lang ? { 'x-lang': 'en' } : {});
  expect(res.status).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(1);
  for (let i = 1; i <= row.cellCount; i++) if (row.getCell(i).value === header) return i;
  throw new Error(`no column ${header}`);
}

describe('Excel export', () => {
  it('has numeric yuan amounts, Shanghai date cells, an exact totals row, frozen header, auto-filter and widths', async () => {
    const seq = nextSeq();
    const e = await makeEnterprise(t.db, seq, { townCode: 'shaxi', name: `中山市导出${seq}服饰有限公司` });
    // Amounts chosen so that adding them as binary fractions would drift: 0.10 + 0.20 + 1234567.89 …
    const amounts = [10, 20, 123_456_789, 99_999_999_999, 1];
    const times = ['2026-03-01T16:30:00Z', '2026-03-02T01:05:00Z', '2026-03-02T15:59:00Z', '2026-03-03T00:00:00Z', '2026-03-04T08:45:00Z'];
    for (let i = 0; i < amounts.length; i++) {
      await makeProject(t.db, { enterprise: e, state: 'selfDiagnosis', plannedInvestmentFen: amounts[i]!, submittedAt: new Date(times[i]!) });
    }
    const ws = await readBack(reviewer, 'townCode=shaxi');
    const invCol = columnOf(ws, '计划投资（元）');
    const atCol = columnOf(ws, '备案时间（北京时间）');
    const n = amounts.length;
    expect(ws.rowCount).toBe(n + 2);

    // Newest filing first, like the list.
    const rowsDesc = [...amounts.keys()].reverse();
    let sum = 0;
    for (let r = 2; r <= n + 1; r++) {
      const i = rowsDesc[r - 2]!;
      const inv = ws.getRow(r).getCell(invCol);
      expect(inv.type).toBe(ExcelJS.ValueType.Number);
      expect(inv.value).toBe(fenToYuanNumber(amounts[i]!));
      expect(inv.numFmt).toBe('#,##0.00');
      sum += amounts[i]!;
      const at = ws.getRow(r).getCell(atCol);
      expect(at.type).toBe(ExcelJS.ValueType.Date);
      expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
      // The cell's wall clock is Beijing time: UTC + 8 h.
      const shown = (at.value as Date).toISOString().slice(0, 16).replace('T', ' ');
      const expected = new Date(new Date(times[i]!).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(shown).toBe(expected);
    }
    // 2026-03-01T16:30Z is 2026-03-02 00:30 in Zhongshan.
    expect((ws.getRow(n + 1).getCell(atCol).value as Date).toISOString().slice(0, 16)).toBe('2026-03-02T00:30');

    const total = ws.getRow(n + 2);
    expect(String(total.getCell(1).value)).toContain('合计');
    const totalCell = total.getCell(invCol);
    expect(totalCell.type).toBe(ExcelJS.ValueType.Formula);
    const letter = ws.getColumn(invCol).letter;
    const f = totalCell.value as ExcelJS.CellFormulaValue;
    expect(f.formula).toBe(`SUM(${letter}2:${letter}${n + 1})`);
    expect(f.result).toBe(fenToYuanNumber(sum));
    expect(f.result).toBe(1_001_234_568.19);
    expect(totalCell.numFmt).toBe('#,##0.00');

    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    expect(view.state).toBe('frozen');
    expect(view.ySplit).toBe(1);
    // The filter covers the header and the data rows, not the totals row.
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(ws.columnCount).letter}${n + 1}`);
    for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(columnOf(ws, '企业名称')).width).toBeGreaterThan(ws.getColumn(columnOf(ws, '镇街')).width ?? 0);
  });

  it('is in English for an English reader, and an empty result still has a zero total', async () => {
    const ws = await readBack(reviewer, 'townCode=shaxi&from=2030-01-01', 'en');
    expect(ws.getRow(1).getCell(1).value).toBe('Filing no.');
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(1).value)).toContain('Total (0 projects)');
    const inv = ws.getRow(2).getCell(columnOf(ws, 'Planned investment (yuan)'));
    expect(inv.type).toBe(ExcelJS.ValueType.Number);
    expect(inv.value).toBe(0);
  });

  it('names the other credit codes of a 同名企业 for the bureau; a town office gets no such column', async () => {
    const seq = nextSeq();
    const name = `中山市导出同名${seq}有限公司`;
    const a = await makeEnterprise(t.db, seq, { townCode: 'fusha', name, uscc: makeUscc(seq) });
    const b = await makeEnterprise(t.db, seq + 1, { townCode: 'fusha', name, uscc: makeUscc(seq + 1) });
    await makeProject(t.db, { enterprise: a, state: 'selfDiagnosis' });
    const ws = await readBack(reviewer, 'townCode=fusha');
    const col = columnOf(ws, '同名企业（其他信用代码）');
    expect(ws.getRow(2).getCell(col).value).toBe(b.uscc);
    const town = await orgWithUser(t.db, 'town', { townCode: 'fusha' });
    const tc = new Client(t.app);
    await tc.login(town.account, PASSWORD);
    const tws = await readBack(tc, '');
    expect(() => columnOf(tws, '同名企业（其他信用代码）')).toThrow();
    expect(tws.rowCount).toBe(3);
  });

  it('refuses an export to other roles and bad filters with a 400', async () => {
    const inst = await orgWithUser(t.db, 'institution_diagnostic');
    const ic = new Client(t.app);
    await ic.login(inst.account, PASSWORD);
    expect((await ic.request('GET', '/api/v1/projects/export.xlsx')).status).toBe(403);
    expect((await reviewer.request('GET', '/api/v1/projects/export.xlsx?from=2026-13-01')).status).toBe(400);
  });
});

describe('fen to yuan', () => {
  it('is the exact decimal for every fen value the platform stores', () => {
    for (const fen of [0, 1, 10, 99, 100, 12_345, 100_000_000_000, 99_999_999_999]) {
      const s = fenToYuanNumber(fen).toFixed(2);
      expect(s.replace('.', '').replace(/^0+(?=\d)/, '')).toBe(String(fen));
    }
    expect(fenToYuanNumber(-5)).toBe(-0.05);
  });
});
