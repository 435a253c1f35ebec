import { describe, expect, it } from 'vitest';
import { makeGuardContext } from './context';
import { availableEvents, checkMaterialFile, decide, eventLabel, validateTable } from './engine';
import { MB, slot } from './materials';
import type { GuardRef, StateDef, WorkflowTable } from './types';

/** A small table exercising routing, materials, reasons and delegation. */
function toyTable(): WorkflowTable {
  const hint = { zh: '提示', en: 'Hint' };
  const state = (id: string, rest: Partial<StateDef>): StateDef => ({
    id,
    stage: 1,
    label: { zh: `状态${id}`, en: `State ${id}` },
    publicLabel: { zh: '公开', en: 'Public' },
    applicantHint: hint,
    progress: 10,
    tone: 'waiting',
    waitingOn: ['enterprise'],
    materials: [],
    transitions: [],
    ...rest,
  });
  return {
    id: 'toy',
    name: { zh: '示例', en: 'Toy' },
    initial: 'start',
    states: [
      state('start', {
        materials: [
          slot('a', { zh: '材料甲', en: 'Material A' }, { required: true, accept: ['pdf'], maxMb: 1, uploaders: ['enterprise'] }),
          slot('b', { zh: '材料乙', en: 'Material B' }, { required: false, accept: ['pdf'], maxMb: 1, uploaders: ['enterprise'] }),
        ],
        transitions: [
          {
            event: 'go',
            to: 'high',
            roles: ['enterprise', 'leadingUnitDelegate'],
            when: [{ id: 'levelAtLeast', arg: 2 }],
            guards: [{ id: 'delegationActive' }, { id: 'requiredMaterialsPresent' }],
            effects: ['notifyBureau'],
            label: { zh: '前进', en: 'Go' },
          },
          {
            event: 'go',
            to: 'low',
            roles: ['enterprise', 'leadingUnitDelegate'],
            guards: [{ id: 'delegationActive' }, { id: 'levelRecorded' }],
            effects: [],
            label: { zh: '前进', en: 'Go' },
          },
          {
            event: 'stop',
            to: 'end',
            roles: ['bureauAdmin'],
            guards: [],
            effects: ['notifyEnterprise'],
            label: { zh: '终止', en: 'Stop' },
            needsReason: true,
          },
        ],
      }),
      state('high', {
        transitions: [{ event: 'finish', to: 'end', roles: ['system'], guards: [], effects: [], label: { zh: '完成', en: 'Finish' } }],
      }),
      state('low', {
        transitions: [{ event: 'finish', to: 'end', roles: ['system'], guards: [], effects: [], label: { zh: '完成', en: 'Finish' } }],
      }),
      state('end', { terminal: true, waitingOn: [], progress: 100 }),
    ],
  };
}

describe('decide', () => {
  const table = toyTable();
  const ctx = makeGuardContext({ presentMaterials: ['a'], evaluationLevel: 3, delegationActive: true });

  it('takes the first branch whose routing guards hold', () => {
    expect(decide(table, 'start', 'go', 'enterprise', ctx)).toMatchObject({ ok: true, to: 'high', effects: ['notifyBureau'] });
    expect(decide(table, 'start', 'go', 'enterprise', { ...ctx, evaluationLevel: 1 })).toMatchObject({ ok: true, to: 'low' });
  });

  it('checks only the taken branch’s preconditions', () => {
    // Material A is missing, but the low branch does not ask for it.
    expect(decide(table, 'start', 'go', 'enterprise', { ...ctx, evaluationLevel: 1, presentMaterials: [] })).toMatchObject({
      ok: true,
      to: 'low',
    });
    const r = decide(table, 'start', 'go', 'enterprise', { ...ctx, presentMaterials: ['b'] });
    expect(r).toMatchObject({ ok: false, code: 'MATERIALS_MISSING', details: { missingMaterials: ['a'] } });
  });

  it('orders its checks: stage, then role, then guards', () => {
    expect(decide(table, 'end', 'go', 'enterprise', ctx)).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(decide(table, 'high', 'go', 'enterprise', ctx)).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(decide(table, 'start', 'go', 'bureauAdmin', makeGuardContext())).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      details: { allowedRoles: ['enterprise', 'leadingUnitDelegate'] },
    });
    expect(decide(table, 'start', 'go', 'leadingUnitDelegate', { ...ctx, delegationActive: false })).toMatchObject({
      ok: false,
      code: 'GUARD_FAILED',
    });
  });

  it('requires a reason where the transition says so', () => {
    expect(decide(table, 'start', 'stop', 'bureauAdmin', ctx)).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    expect(decide(table, 'start', 'stop', 'bureauAdmin', { ...ctx, reason: '重复申报' })).toMatchObject({ ok: true, to: 'end' });
  });
});

describe('availableEvents', () => {
  const table = toyTable();

  it('lists the role’s events with whether they are allowed and why not', () => {
    const ctx = makeGuardContext({ evaluationLevel: 2, delegationActive: true });
    expect(availableEvents(table, 'start', 'enterprise', ctx)).toEqual([
      {
        event: 'go',
        label: { zh: '前进', en: 'Go' },
        allowed: false,
        code: 'MATERIALS_MISSING',
        reasons: [{ zh: '尚缺必需材料：材料甲', en: 'Required materials missing: Material A.' }],
        failures: [
          {
            guard: 'requiredMaterialsPresent',
            message: { zh: '尚缺必需材料：材料甲', en: 'Required materials missing: Material A.' },
            missing: ['a'],
          },
        ],
        missingMaterials: ['a'],
        needsReason: false,
      },
    ]);
    expect(availableEvents(table, 'start', 'bureauAdmin', ctx)).toMatchObject([
      { event: 'stop', allowed: true, needsReason: true },
    ]);
    expect(availableEvents(table, 'start', 'town', ctx)).toEqual([]);
    expect(availableEvents(table, 'end', 'system', ctx)).toEqual([]);
    expect(availableEvents(table, 'missing', 'system', ctx)).toEqual([]);
  });
});

describe('eventLabel', () => {
  it('finds the label of an event anywhere in the table', () => {
    expect(eventLabel(toyTable(), 'finish')).toEqual({ zh: '完成', en: 'Finish' });
    expect(eventLabel(toyTable(), 'unknown')).toEqual({ zh: 'unknown', en: 'unknown' });
  });
});

describe('checkMaterialFile', () => {
  const s = slot('x', { zh: '合同', en: 'Contract' }, { required: true, accept: ['pdf', 'image'], maxMb: 20, uploaders: [] });

  it('accepts a fitting file and names what is accepted otherwise', () => {
    expect(checkMaterialFile(s, 'pdf', 20 * MB)).toEqual({ ok: true });
    expect(checkMaterialFile(s, 'office', 1)).toEqual({
      ok: false,
      reason: 'kind',
      message: { zh: '“合同”只接受以下文件类型：PDF、图片（JPG/PNG）', en: '"Contract" accepts only: PDF, image (JPG/PNG).' },
    });
    expect(checkMaterialFile(s, null, 1)).toMatchObject({ ok: false, reason: 'kind' });
    expect(checkMaterialFile(s, 'image', 20 * MB + 1)).toMatchObject({
      ok: false,
      reason: 'size',
      message: { zh: '文件过大：“合同”单个文件不超过20 MB' },
    });
  });
});

describe('validateTable', () => {
  it('accepts a sound table', () => {
    expect(validateTable(toyTable())).toEqual([]);
  });

  function broken(mutate: (t: { states: StateDef[]; initial: string }) => void): string[] {
    const t = toyTable();
    const copy = { ...t, states: t.states.map((s) => ({ ...s, transitions: [...s.transitions], materials: [...s.materials] })) };
    mutate(copy);
    return validateTable(copy);
  }

  function at(states: StateDef[], id: string): StateDef {
    const s = states.find((x) => x.id === id);
    if (!s) throw new Error(id);
    return s;
  }

  it('finds a missing target, an unreachable state and a missing initial state', () => {
    expect(broken((t) => (at(t.states, 'high').transitions = [{ ...at(t.states, 'high').transitions[0]!, to: 'nowhere' }]))).toContain(
      'state "high" event "finish": target "nowhere" does not exist',
    );
    expect(
      broken((t) => {
        at(t.states, 'start').transitions = at(t.states, 'start').transitions.filter((x) => x.to !== 'low');
      }),
    ).toContain('state "low" is unreachable');
    expect(broken((t) => (t.initial = 'nope'))).toContain('initial state "nope" does not exist');
  });

  it('finds terminal states with transitions and dead ends', () => {
    expect(
      broken((t) => {
        at(t.states, 'high').terminal = true;
      }),
    ).toContain('state "high": terminal state has transitions');
    expect(
      broken((t) => {
        at(t.states, 'low').transitions = [];
      }),
    ).toContain('state "low": non-terminal state has no transitions');
  });

  it('finds unknown guards, bad guard arguments, unknown effects and roles', () => {
    const badGuard = { id: 'isFriday' } as unknown as GuardRef;
    const badArg = { id: 'levelAtLeast', arg: 7 } as unknown as GuardRef;
    const problems = broken((t) => {
      const start = at(t.states, 'start');
      const [first, ...rest] = start.transitions;
      start.transitions = [
        {
          ...first!,
          guards: [...first!.guards, badGuard, badArg],
          effects: ['sendFax' as never],
          roles: ['enterprise', 'leadingUnitDelegate', 'mayor' as never],
        },
        ...rest,
      ];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'state "start" event "go": unknown guard "isFriday"',
        'state "start" event "go": invalid argument for guard "levelAtLeast"',
        'state "start" event "go": unknown effect "sendFax"',
        'state "start" event "go": unknown role "mayor"',
      ]),
    );
  });

  it('finds duplicate slots, slots that change meaning, and duplicate states', () => {
    expect(
      broken((t) => {
        const start = at(t.states, 'start');
        start.materials = [...start.materials, start.materials[0]!];
      }),
    ).toContain('state "start": duplicate material slot "a"');
    expect(
      broken((t) => {
        at(t.states, 'low').materials = [slot('a', { zh: '别的', en: 'Other' }, { required: true, accept: ['pdf'], maxMb: 1, uploaders: [] })];
      }),
    ).toContain('state "low": slot "a" has a different label than elsewhere');
    expect(broken((t) => t.states.push({ ...at(t.states, 'end') }))).toContain('duplicate state id "end"');
  });

  it('requires delegation and assignment checks where delegates or institutions act', () => {
    expect(
      broken((t) => {
        const start = at(t.states, 'start');
        start.transitions = start.transitions.map((x) => ({
          ...x,
          guards: x.guards.filter((g) => g.id !== 'delegationActive'),
        }));
      }),
    ).toContain('state "start" event "go": open to leadingUnitDelegate without the delegationActive guard');
    expect(
      broken((t) => {
        const high = at(t.states, 'high');
        high.transitions = [{ ...high.transitions[0]!, roles: ['institutionDiagnostic'] }];
      }),
    ).toContain('state "high" event "finish": open to institutions without the assignedInstitution guard');
  });

  it('requires branches of one event to agree and the default branch to come last', () => {
    const problems = broken((t) => {
      const start = at(t.states, 'start');
      const [high, low, stop] = start.transitions;
      start.transitions = [{ ...low!, label: { zh: '另一个', en: 'Other' } }, high!, stop!];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'state "start" event "go": branch labels differ',
        'state "start" event "go": a branch without "when" must be the last one',
      ]),
    );
  });
});
