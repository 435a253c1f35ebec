import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeGuardContext } from './context';
import { availableEvents, canEdit, canWriteFields, checkMaterialFile, decide, eventLabel, hintFor, readableFields, validateTable, writableFields } from './engine';
import { MB, slot } from './materials';
import type { GuardRef, StateDef, Transition, WorkflowTable } from './types';

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
            kind: 'primary',
          },
          {
            event: 'go',
            to: 'low',
            roles: ['enterprise', 'leadingUnitDelegate'],
            guards: [{ id: 'delegationActive' }, { id: 'levelRecorded' }],
            effects: [],
            label: { zh: '前进', en: 'Go' },
            kind: 'primary',
          },
          {
            event: 'stop',
            to: 'end',
            roles: ['bureauAdmin'],
            guards: [],
            effects: ['notifyEnterprise'],
            label: { zh: '终止', en: 'Stop' },
            kind: 'danger',
            needsReason: true,
          },
        ],
      }),
      state('high', {
        transitions: [{ event: 'finish', to: 'end', roles: ['system'], guards: [], effects: [], label: { zh: '完成', en: 'Finish' }, kind: 'primary' }],
      }),
      state('low', {
        transitions: [{ event: 'finish', to: 'end', roles: ['system'], guards: [], effects: [], label: { zh: '完成', en: 'Finish' }, kind: 'primary' }],
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
        kind: 'primary',
      },
    ]);
    expect(availableEvents(table, 'start', 'bureauAdmin', ctx)).toMatchObject([
      { event: 'stop', allowed: true, needsReason: true, kind: 'danger' },
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

describe('validateTable: button kinds, deadlines, questionnaires, inputs', () => {
  function broken(mutate: (states: StateDef[]) => void): string[] {
    const t = toyTable();
    const states = t.states.map((s) => ({ ...s, transitions: [...s.transitions], materials: [...s.materials] }));
    mutate(states);
    return validateTable({ ...t, states });
  }
  function at(states: StateDef[], id: string): StateDef {
    const s = states.find((x) => x.id === id);
    if (!s) throw new Error(id);
    return s;
  }

  it('finds a transition without a button kind (a table loaded at run time has no type checker)', () => {
    const problems = broken((states) => {
      const start = at(states, 'start');
      start.transitions = start.transitions.map((x) => (x.event === 'stop' ? ({ ...x, kind: undefined } as unknown as typeof x) : x));
    });
    expect(problems).toContain('state "start" event "stop": unknown button kind "undefined"');
    expect(broken((states) => {
      const high = at(states, 'high');
      high.transitions = [{ ...high.transitions[0]!, kind: 'loud' as never }];
    })).toContain('state "high" event "finish": unknown button kind "loud"');
  });

  it('finds a reminder that does not come before its due date, and a deadline on an end state', () => {
    const withDeadline = (workingDays: number, remindBefore: number) =>
      broken((states) => {
        at(states, 'high').deadline = { workingDays, remindBefore, assignee: 'enterprise', role: 'enterprise' };
      });
    expect(withDeadline(5, 1)).toEqual([]);
    expect(withDeadline(5, 5)).toContain('state "high": the reminder must come before the due date');
    expect(withDeadline(5, 6)).toContain('state "high": the reminder must come before the due date');
    expect(withDeadline(5, -1)).toContain('state "high": the reminder must come before the due date');
    expect(withDeadline(0, 0)).toContain('state "high": deadline needs at least one working day');
    expect(
      broken((states) => {
        at(states, 'high').deadline = { workingDays: 5, remindBefore: 1, assignee: 'enterprise', role: 'mayor' as never };
      }),
    ).toContain('state "high" deadline: unknown role "mayor"');
    expect(
      broken((states) => {
        at(states, 'end').deadline = { workingDays: 5, remindBefore: 1, assignee: 'enterprise', role: 'enterprise' };
      }),
    ).toContain('state "end": an end state has no deadline');
  });

  it('finds a questionnaire that completes an event its state does not have', () => {
    const completing = (completes: string) =>
      broken((states) => {
        at(states, 'high').questionnaires = [{ mode: 'self', fillers: ['enterprise'], completes }];
      });
    expect(completing('finish')).toEqual([]);
    expect(completing('go')).toContain('state "high": questionnaire "self" completes "go", which the state does not have');
    expect(
      broken((states) => {
        at(states, 'high').questionnaires = [{ mode: 'institution', fillers: ['wizard' as never] }];
      }),
    ).toContain('state "high" questionnaire "institution": unknown role "wizard"');
  });

  it('finds branches of one event that differ in button kind, input or firedBy', () => {
    const input = z.strictObject({ n: z.number() });
    const branches = (change: Partial<Transition>) =>
      broken((states) => {
        const start = at(states, 'start');
        const [high, low, stop] = start.transitions;
        start.transitions = [high!, { ...low!, ...change }, stop!];
      });
    expect(branches({ kind: 'neutral' })).toContain('state "start" event "go": branches differ on button kind');
    expect(branches({ input })).toContain('state "start" event "go": branches differ on input');
    expect(branches({ firedBy: { zh: '别的操作', en: 'Another action' } })).toContain('state "start" event "go": branches differ on firedBy');
    expect(branches({ kind: 'primary' })).toEqual([]);
  });

  it('keeps the reason out of input schemas and refuses unknown roles in field rights and hints', () => {
    expect(
      broken((states) => {
        const start = at(states, 'start');
        start.transitions = start.transitions.map((x) => (x.event === 'stop' ? { ...x, input: z.strictObject({ reason: z.string() }) } : x));
      }),
    ).toContain('state "start" event "stop": the reason is not part of the input schema');
    const problems = broken((states) => {
      const start = at(states, 'start');
      start.fields = { title: { write: ['enterprise', 'ghost' as never], read: ['poltergeist' as never] } };
      start.hints = { spectre: { zh: '提示', en: 'Hint' } } as never;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'state "start" field "title" write: unknown role "ghost"',
        'state "start" field "title" read: unknown role "poltergeist"',
        'state "start" hints: unknown role "spectre"',
      ]),
    );
  });
});

describe('availableEvents: firedBy, kind and input', () => {
  const input = z.strictObject({ institutionId: z.uuid() });
  function table(): WorkflowTable {
    const t = toyTable();
    return {
      ...t,
      states: t.states.map((s) =>
        s.id !== 'start'
          ? s
          : {
              ...s,
              transitions: [
                ...s.transitions,
                { event: 'auto', to: 'end', roles: ['enterprise'], guards: [], effects: [], label: { zh: '自动', en: 'Auto' }, kind: 'primary', firedBy: { zh: '提交问卷', en: 'Submitting the questionnaire' } },
                { event: 'assign', to: 'high', roles: ['bureauAdmin'], guards: [], effects: [], label: { zh: '分配', en: 'Assign' }, kind: 'primary', input },
              ],
            },
      ),
    };
  }
  const ctx = makeGuardContext({ presentMaterials: ['a'], evaluationLevel: 3, delegationActive: true, reason: '原因' });

  it('leaves out an event another action fires, though the engine still decides it', () => {
    expect(validateTable(table())).toEqual([]);
    expect(availableEvents(table(), 'start', 'enterprise', ctx).map((o) => o.event)).toEqual(['go']);
    expect(decide(table(), 'start', 'auto', 'enterprise', ctx)).toMatchObject({ ok: true, to: 'end' });
  });

  it('carries the button kind and the input schema of each action', () => {
    const options = availableEvents(table(), 'start', 'bureauAdmin', ctx);
    expect(options.map((o) => [o.event, o.kind])).toEqual([
      ['stop', 'danger'],
      ['assign', 'primary'],
    ]);
    expect(options.find((o) => o.event === 'assign')?.input).toBe(input);
    expect(options.find((o) => o.event === 'stop')).not.toHaveProperty('input');
  });
});

describe('field rights', () => {
  function table(): WorkflowTable {
    const t = toyTable();
    return {
      ...t,
      states: t.states.map((s) =>
        s.id === 'start'
          ? { ...s, fields: { title: { write: ['enterprise'] }, budget: { write: ['enterprise'], read: ['bureauAdmin'] }, note: { write: ['bureauAdmin'] } } }
          : s.id === 'end'
            ? { ...s, fields: { title: { write: ['enterprise'] } } }
            : s,
      ),
    };
  }
  const ctx = makeGuardContext({ delegationActive: true });

  it('lists the fields each role may write and read', () => {
    expect(writableFields(table(), 'start', 'enterprise')).toEqual(['title', 'budget']);
    expect(writableFields(table(), 'start', 'bureauAdmin')).toEqual(['note']);
    expect(writableFields(table(), 'start', 'town')).toEqual([]);
    expect(writableFields(table(), 'end', 'enterprise')).toEqual([]);
    expect(writableFields(table(), 'high', 'enterprise')).toEqual([]);
    expect(readableFields(table(), 'start', 'town')).toEqual(['title', 'note']);
    expect(readableFields(table(), 'start', 'bureauAdmin')).toEqual(['title', 'budget', 'note']);
    expect(readableFields(table(), 'start', 'enterprise')).toEqual(['title', 'budget', 'note']);
  });

  it('refuses exactly the fields the role may not write, by name', () => {
    expect(canWriteFields(table(), 'start', 'enterprise', ctx, ['title', 'budget'])).toEqual({ ok: true });
    const r = canWriteFields(table(), 'start', 'enterprise', ctx, ['title', 'note', 'colour']);
    expect(r).toMatchObject({ ok: false, code: 'FIELD_NOT_EDITABLE', details: { fields: ['note', 'colour'] } });
    expect(!r.ok && r.message.zh).toContain('note、colour');
    expect(canWriteFields(table(), 'start', 'town', ctx, ['title'])).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED', details: { allowedRoles: ['enterprise', 'bureauAdmin'] } });
    expect(canWriteFields(table(), 'high', 'enterprise', ctx, ['title'])).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(canWriteFields(table(), 'end', 'enterprise', ctx, ['title'])).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(canEdit(table(), 'start', 'enterprise', ctx)).toEqual({ ok: true });
  });
});

describe('hintFor', () => {
  it('gives a role its own hint, the applicant the applicant hint, others nothing', () => {
    const t = toyTable();
    const own = { zh: '请审核', en: 'Review it' };
    const table: WorkflowTable = { ...t, states: t.states.map((s) => (s.id === 'start' ? { ...s, hints: { bureauAdmin: own } } : s)) };
    expect(hintFor(table, 'start', 'bureauAdmin')).toEqual(own);
    expect(hintFor(table, 'start', 'enterprise')).toEqual({ zh: '提示', en: 'Hint' });
    expect(hintFor(table, 'start', 'leadingUnitDelegate')).toEqual({ zh: '提示', en: 'Hint' });
    expect(hintFor(table, 'start', 'town')).toBeNull();
    expect(hintFor(table, 'nowhere', 'enterprise')).toBeNull();
  });
});
