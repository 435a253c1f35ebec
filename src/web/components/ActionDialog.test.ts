import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { z } from 'zod';
import { ASSIGN_EVALUATION_INSTITUTION_INPUT, ASSIGN_INSTITUTION_INPUT, CONFLICT_DECLARATION_INPUT, DIAGNOSIS_REPORT_INPUT, EVALUATION_REPORT_INPUT, RATE_PROVIDER_INPUT, REQUEST_EVIDENCE_INPUT } from '../../core/workflow/inputs';
import {
  fieldErrorsFor,
  fieldsFromSchema,
  initialValues,
  inputFromValues,
  institutionOptions,
  REASON_FIELD,
  rowsForKinds,
  rulesFor,
  splitTitle,
  suggestedInstitution,
  type RuleMessages,
} from './actionForm';

/** The JSON Schema exactly as the server sends it with an action (server/workflow/runtime.ts inputJsonSchema). */
const asSent = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

const M: RuleMessages = {
  required: (l) => `required:${l}`,
  minLength: (l, n) => `min:${l}:${n}`,
  maxLength: (l, n) => `max:${l}:${n}`,
  minItems: (l, n) => `minItems:${l}:${n}`,
  maxItems: (l, n) => `maxItems:${l}:${n}`,
  range: (l, a, b) => `range:${l}:${a}:${b}`,
};

describe('titles written "中文 / English"', () => {
  it('picks the language half', () => {
    expect(splitTitle('服务机构 / Institution', 'zh-CN')).toBe('服务机构');
    expect(splitTitle('服务机构 / Institution', 'en')).toBe('Institution');
    expect(splitTitle('只有中文', 'en')).toBe('只有中文');
    expect(splitTitle('待改进事项（未达二级时必填）/ What still falls short', 'zh-CN')).toBe('待改进事项（未达二级时必填）');
    expect(splitTitle('待改进事项（未达二级时必填）/ What still falls short', 'en')).toBe('What still falls short');
    expect(splitTitle(undefined, 'zh-CN')).toBe('');
  });
});

describe('assigning an institution', () => {
  const fields = fieldsFromSchema(asSent(ASSIGN_INSTITUTION_INPUT), 'zh-CN');

  it('draws the institution picker, a date and a textarea, in the schema order', () => {
    expect(fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['institutionId', 'institution', true],
      ['dueOn', 'date', false],
      ['note', 'textarea', false],
    ]);
    expect(fields[0]?.label).toBe('服务机构');
    expect(fields[1]?.description).toBe('不填则按工作日规则计算');
    expect(fields[2]?.maxLength).toBe(500);
    expect(fieldsFromSchema(asSent(ASSIGN_INSTITUTION_INPUT), 'en').map((f) => f.label)).toEqual(['Institution', 'Due date', 'Note to the institution']);
  });

  it('preselects the suggested institution and lists it first, marked', () => {
    const rows = [
      { id: 'a', name: '中国质量认证中心', kind: 'diagnostic', open: 5, overdue: 1, suggested: false },
      { id: 'b', name: '中国信息通信研究院', kind: 'comprehensive', open: 1, overdue: 0, suggested: true },
    ];
    expect(suggestedInstitution(rows)).toBe('b');
    expect(suggestedInstitution([])).toBeNull();
    const opts = institutionOptions(rows, (r) => `${r.name} · 在办 ${r.open} 项（超期 ${r.overdue}）`);
    expect(opts[0]).toEqual({ value: 'b', label: '中国信息通信研究院 · 在办 1 项（超期 0）', suggested: true, disabled: false });
    expect(opts[1]?.label).toBe('中国质量认证中心 · 在办 5 项（超期 1）');
    expect(initialValues(fields, 'b')).toEqual({ institutionId: 'b' });
    expect(initialValues(fields, null)).toEqual({});
    // The diagnosis assignment offers both kinds of institution (the schema names them).
    expect(fields[0]?.kinds).toEqual(['comprehensive', 'diagnostic']);
    expect(rowsForKinds(rows, []).map((r) => r.id)).toEqual(['a', 'b']);
    expect(rowsForKinds(rows, ['comprehensive']).map((r) => r.id)).toEqual(['b']);
    expect(fields[0]?.assignment).toBe('diagnosis');
  });

  it('offers an evaluation institution with a conflict of interest last and disabled', () => {
    const evaluation = fieldsFromSchema(asSent(ASSIGN_EVALUATION_INSTITUTION_INPUT), 'zh-CN');
    expect([evaluation[0]?.assignment, evaluation[0]?.kinds]).toEqual(['evaluation', ['comprehensive']]);
    const rows = [
      { id: 'p', name: '广东省工业和信息化研究院', kind: 'comprehensive', open: 0, overdue: 0, suggested: false, conflict: { zh: '该机构诊断过本项目', en: 'It diagnosed this project' } },
      { id: 'q', name: '中国电子信息产业发展研究院', kind: 'comprehensive', open: 3, overdue: 0, suggested: true, conflict: null },
    ];
    const opts = institutionOptions(rows, (r) => r.name);
    expect(opts.map((o) => [o.value, o.disabled])).toEqual([
      ['q', false],
      ['p', true],
    ]);
  });

  it('sends the date as YYYY-MM-DD and leaves empty optional fields out', () => {
    const input = inputFromValues(fields, { institutionId: 'b', dueOn: dayjs('2026-12-18'), note: '   ', extra: 'dropped' });
    expect(input).toEqual({ institutionId: 'b', dueOn: '2026-12-18' });
    expect(ASSIGN_INSTITUTION_INPUT.safeParse({ ...input, institutionId: '00000000-0000-4000-8000-000000000000' }).success).toBe(true);
  });

  it('requires the institution with a choice message', () => {
    expect(rulesFor(fields[0]!, M)).toEqual([{ required: true, message: 'required:服务机构' }]);
    expect(rulesFor(fields[2]!, M)).toEqual([{ type: 'string', max: 500, message: 'max:给机构的说明:500' }]);
  });
});

describe('requesting evidence', () => {
  const fields = fieldsFromSchema(asSent(REQUEST_EVIDENCE_INPUT), 'zh-CN');

  it('draws the slots as checkboxes from their options, at least one', () => {
    const slots = fields.find((f) => f.name === 'slots');
    expect(slots?.widget).toBe('slots');
    expect(slots?.options.map((o) => o.value)).toEqual(['diagnosis.policies', 'diagnosis.systems', 'diagnosis.photos', 'diagnosis.financials']);
    expect(slots?.options[0]?.label).toBe('相关制度文件、组织架构文件');
    expect(rulesFor(slots!, M)).toEqual([
      { required: true, message: 'required:需要企业提供的材料' },
      { type: 'array', min: 1, message: 'minItems:需要企业提供的材料:1' },
    ]);
  });

  it('takes the note default of the schema only when it says something', () => {
    expect(initialValues(fields, null)).toEqual({});
    const input = inputFromValues(fields, { slots: ['diagnosis.photos'], note: '请补充现场照片' });
    expect(REQUEST_EVIDENCE_INPUT.parse(input)).toEqual({ slots: ['diagnosis.photos'], note: '请补充现场照片' });
  });
});

describe('the diagnosis report summary', () => {
  const fields = fieldsFromSchema(asSent(DIAGNOSIS_REPORT_INPUT), 'zh-CN');

  it('draws the level as a select of the five levels and the texts with their lengths', () => {
    expect(fields.map((f) => [f.name, f.widget])).toEqual([
      ['levelBefore', 'level'],
      ['painPoints', 'textarea'],
      ['recommendations', 'textarea'],
    ]);
    expect(fields[0]?.options).toEqual([
      { value: 0, label: '未达一级' },
      { value: 1, label: '一级' },
      { value: 2, label: '二级' },
      { value: 3, label: '三级' },
      { value: 4, label: '四级' },
    ]);
    expect(rulesFor(fields[0]!, M)).toEqual([
      { required: true, message: 'required:改造前数字化水平' },
      { type: 'number', min: 0, max: 4, message: 'range:改造前数字化水平:0:4' },
    ]);
    expect(rulesFor(fields[1]!, M)).toEqual([
      { required: true, whitespace: true, message: 'required:主要痛点' },
      { type: 'string', min: 10, message: 'min:主要痛点:10' },
      { type: 'string', max: 4000, message: 'max:主要痛点:4000' },
    ]);
  });

  it('a filled form is what the server accepts', () => {
    const input = inputFromValues(fields, { levelBefore: 2, painPoints: '  排产依靠人工，设备数据未采集  ', recommendations: '建设MES系统并联网采集设备数据' });
    expect(DIAGNOSIS_REPORT_INPUT.safeParse(input).success).toBe(true);
    expect(input.painPoints).toBe('排产依靠人工，设备数据未采集');
  });
});

describe('schemas without widgets and no schema', () => {
  it('falls back by type: enum → select, integer → number, array → checkboxes, string → text', () => {
    const fields = fieldsFromSchema(
      {
        type: 'object',
        properties: { a: { type: 'string', enum: ['x', 'y'] }, b: { type: 'integer', minimum: 1 }, c: { type: 'array', items: { enum: ['p'] } }, d: { type: 'string' } },
        required: ['d'],
      },
      'en',
    );
    expect(fields.map((f) => [f.name, f.widget, f.required, f.label])).toEqual([
      ['a', 'select', false, 'a'],
      ['b', 'number', false, 'b'],
      ['c', 'checkboxes', false, 'c'],
      ['d', 'text', true, 'd'],
    ]);
    expect(inputFromValues(fields, { b: '3', d: 'ok' })).toEqual({ b: 3, d: 'ok' });
    expect(rulesFor(fields[1]!, M)).toEqual([{ type: 'number', min: 1, message: 'range:b:1:null' }]);
  });

  it('an action without input has no fields', () => {
    expect(fieldsFromSchema(null, 'zh-CN')).toEqual([]);
    expect(fieldsFromSchema({ type: 'object' }, 'zh-CN')).toEqual([]);
  });
});

describe('server field errors', () => {
  const fields = fieldsFromSchema(asSent(DIAGNOSIS_REPORT_INPUT), 'zh-CN');

  it('land on the fields they name (input.x → x, reason → the reason field); the rest are listed apart', () => {
    const r = fieldErrorsFor(fields, [
      { path: 'input.painPoints', message: '请填写主要痛点（至少10个字）' },
      { path: 'input.painPoints', message: '第二条' },
      { path: 'reason', message: '请填写原因' },
      { path: 'input.unknown', message: '未知字段' },
      { path: 'input', message: '此操作不需要填写附加信息' },
    ]);
    expect(r.byField).toEqual([
      { name: 'painPoints', errors: ['请填写主要痛点（至少10个字）', '第二条'] },
      { name: REASON_FIELD, errors: ['请填写原因'] },
    ]);
    expect(r.rest).toEqual(['未知字段', '此操作不需要填写附加信息']);
  });
});

describe('rating the provider (stage 5)', () => {
  const fields = fieldsFromSchema(asSent(RATE_PROVIDER_INPUT), 'zh-CN');
  it('draws four required star ratings of 1–5 and an optional comment', () => {
    expect(fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['timeliness', 'rate', true],
      ['quality', 'rate', true],
      ['service', 'rate', true],
      ['price', 'rate', true],
      ['comment', 'textarea', false],
    ]);
    const timeliness = fields[0]!;
    expect([timeliness.minimum, timeliness.maximum]).toEqual([1, 5]);
    expect(rulesFor(timeliness, M)).toEqual([
      { required: true, message: 'required:实施及时性' },
      { type: 'number', min: 1, max: 5, message: 'range:实施及时性:1:5' },
    ]);
  });
});

describe('declaring no conflict of interest (stage 6)', () => {
  const fields = fieldsFromSchema(asSent(CONFLICT_DECLARATION_INPUT), 'zh-CN');
  it('is a checkbox that only a tick satisfies, with the declaration as its text', () => {
    const consent = fields.find((f) => f.name === 'noConflict')!;
    expect(consent.widget).toBe('consent');
    expect(consent.description).toContain('无隶属');
    expect(rulesFor(consent, M)).toEqual([{ required: true, type: 'enum', enum: [true], message: 'required:无利益冲突声明' }]);
  });
  it('is refused by the server schema unless ticked', () => {
    expect(CONFLICT_DECLARATION_INPUT.safeParse({ noConflict: false }).success).toBe(false);
    expect(CONFLICT_DECLARATION_INPUT.safeParse({ noConflict: true }).success).toBe(true);
  });
});

describe('the evaluation report summary (stage 6)', () => {
  it('needs the gaps below level 2 and reasons with a benchmark, and no benchmark below level 2', () => {
    const base = { levelAfter: 1, summary: '评估结论：整体达到一级水平。' };
    const paths = (v: unknown) => (EVALUATION_REPORT_INPUT.safeParse(v).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths(base)).toEqual(['gaps']);
    expect(paths({ ...base, gaps: '设备联网率不足，需补充数据采集。' })).toEqual([]);
    expect(paths({ ...base, levelAfter: 3, benchmark: 'smart' })).toEqual(['benchmarkReasons']);
    expect(paths({ ...base, levelAfter: 1, gaps: '设备联网率不足，需补充数据采集。', benchmark: 'workshop', benchmarkReasons: '产线数字化程度高，示范性强。' })).toEqual(['benchmark']);
    expect(fieldsFromSchema(asSent(EVALUATION_REPORT_INPUT), 'zh-CN').map((f) => f.widget)).toEqual(['level', 'textarea', 'textarea', 'select', 'textarea']);
  });
});
