import { describe, expect, it } from 'vitest';
import { buttonPropsOf, editRevisions, reportPdfHref, reportsByKind, valueText, whyNot } from './projectView';
import type { ProjectAction, ProjectReport, RevisionItem } from '../api/types';

const tx = (t: { zh: string }) => t.zh;
const t = (_k: 'workflow.actions.missingMaterials', o: { list: string }) => `尚缺材料：${o.list}`;

const action = (over: Partial<ProjectAction>): ProjectAction => ({
  event: 'submitDiagnosisReport',
  label: { zh: '提交诊断报告', en: 'Submit the report' },
  kind: 'primary',
  allowed: false,
  reasons: [],
  missingMaterials: [],
  needsReason: false,
  confirm: null,
  input: null,
  ...over,
});

describe('action buttons follow the table’s kind, never the event name', () => {
  it('primary → primary, danger → danger, neutral → default', () => {
    expect(buttonPropsOf('primary')).toEqual({ type: 'primary', danger: false });
    expect(buttonPropsOf('danger')).toEqual({ type: 'default', danger: true });
    expect(buttonPropsOf('neutral')).toEqual({ type: 'default', danger: false });
  });

  it('a disabled action says why: its reasons, which name the missing materials, or else the materials by name', () => {
    const names = new Map([['diagnosis.report', '诊断报告（PDF）']]);
    const why = whyNot(
      action({ reasons: [{ zh: '尚缺必需材料：诊断报告（PDF）、现场照片', en: 'x' }], missingMaterials: ['diagnosis.report', 'diagnosis.photos'] }),
      tx,
      (k) => names.get(k) ?? k,
      t,
    );
    // Said once, not twice.
    expect(why).toEqual(['尚缺必需材料：诊断报告（PDF）、现场照片']);
    expect(whyNot(action({ missingMaterials: ['diagnosis.report', 'diagnosis.photos'] }), tx, (k) => names.get(k) ?? k, t)).toEqual(['尚缺材料：诊断报告（PDF）、diagnosis.photos']);
    expect(whyNot(action({}), tx, (k) => k, t)).toEqual([]);
  });
});

describe('report card', () => {
  const r = (id: string, kind: string, version: number): ProjectReport => ({ id, kind, version, state: 's', stateLabel: { zh: 's', en: 's' }, institutionName: null, data: {} });

  it('groups reports by kind, newest version first', () => {
    const by = reportsByKind([r('a', 'diagnosis', 1), r('b', 'evaluation', 1), r('c', 'diagnosis', 2)]);
    expect(by.get('diagnosis')?.map((x) => x.id)).toEqual(['c', 'a']);
    expect(by.get('evaluation')?.map((x) => x.id)).toEqual(['b']);
    expect(reportsByKind([]).size).toBe(0);
  });

  it('opens the PDF inline', () => {
    expect(reportPdfHref('m-1')).toBe('/api/v1/materials/m-1/download?inline=1');
  });
});

describe('revisions card', () => {
  const rev = (revision: number, kind: string, diff: RevisionItem['diff']): RevisionItem => ({ revision, kind, submittedAt: '2026-12-01T02:00:00Z', submittedBy: null, changedFields: diff.map((d) => d.field), diff });

  it('lists the edit revisions that changed something, newest first', () => {
    const d = [{ field: 'scope', label: { zh: '改造范围', en: 'Scope' }, before: 'a', after: 'b' }];
    expect(editRevisions([rev(2, 'edit', d), rev(1, 'submit', d), rev(3, 'edit', []), rev(4, 'edit', d)]).map((x) => x.revision)).toEqual([4, 2]);
  });

  it('shows values readably: amounts in yuan, empty as such', () => {
    expect(valueText('scope', '', '（空）', '元')).toBe('（空）');
    expect(valueText('plannedEnd', null, '（空）', '元')).toBe('（空）');
    expect(valueText('plannedEnd', '2027-06-30', '（空）', '元')).toBe('2027-06-30');
    expect(valueText('plannedInvestmentFen', 123_456, '（空）', '元')).toMatch(/1,234\.56/);
  });
});
