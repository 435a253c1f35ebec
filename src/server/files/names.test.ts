import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from './names';

describe('sanitizeFileName', () => {
  it('keeps ordinary and Chinese names as they are', () => {
    expect(sanitizeFileName('report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('中山市明辉灯饰有限公司 诊断报告（2026）.pdf')).toBe('中山市明辉灯饰有限公司 诊断报告（2026）.pdf');
    expect(sanitizeFileName('财务报表.v2.xlsx')).toBe('财务报表.v2.xlsx');
  });

  it('strips directories of either separator and traversal', () => {
    expect(sanitizeFileName('C:\\Users\\张三\\Desktop\\制度文件.docx')).toBe('制度文件.docx');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('/')).toBe('file');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
  });

  it('removes control characters, bidi overrides and zero-width marks', () => {
    expect(sanitizeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    // "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf" in a bidi-aware list
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('\ufeff报\u200b告.pdf')).toBe('报告.pdf');
  });

  it('replaces characters Windows forbids and trims what it would drop', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
    expect(sanitizeFileName('  报告   终稿 .pdf. . ')).toBe('报告 终稿.pdf');
  });

  it('defuses reserved Windows device names', () => {
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitizeFileName('com1.tar.gz')).toBe('_com1.tar.gz');
    expect(sanitizeFileName('LPT9.pdf')).toBe('_LPT9.pdf');
    expect(sanitizeFileName('console.pdf')).toBe('console.pdf');
  });

  it('limits the length in UTF-8 bytes, keeping the extension and whole characters', () => {
    const long = '数'.repeat(200) + '.pdf';
    const s = sanitizeFileName(long);
    expect(s.endsWith('.pdf')).toBe(true);
    expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(180);
    expect(s).toMatch(/^数+\.pdf$/);
    const emoji = sanitizeFileName('😀'.repeat(100));
    expect(emoji).toMatch(/^(😀)+$/u);
    expect(sanitizeFileName('a.' + 'x'.repeat(40)).length).toBeLessThanOrEqual(180);
  });

  it('falls back when nothing is left', () => {
    expect(sanitizeFileName('')).toBe('file');
    expect(sanitizeFileName('\u0000\u0001', '材料')).toBe('材料');
  });
});

describe('contentDisposition', () => {
  it('offers an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('诊断报告.pdf', 'inline')).toBe("inline; filename=\"____.pdf\"; filename*=UTF-8''%E8%AF%8A%E6%96%AD%E6%8A%A5%E5%91%8A.pdf");
    expect(contentDisposition('a"b;c.pdf')).toBe("attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a_b%3Bc.pdf");
  });
});
