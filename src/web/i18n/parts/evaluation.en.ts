/**
 * Messages of the evaluation area in English: the type of the Simplified Chinese texts in evaluation.zh.ts, so a
 * missing or extra key fails to compile; en.ts mounts them under the key `evaluation`. parity.test.ts checks both trees
 * have the same keys.
 */
import type { zh } from './evaluation.zh';

export const en: typeof zh = {
  queue: {
    tabWaiting: 'Evaluation to assign',
    tabAssigned: 'Evaluation assigned, not accepted',
    waitingHint:
      'These projects requested the effect evaluation. Assign a comprehensive institution: not the project’s provider nor of its group, and by default not the one that diagnosed it (institutions with a conflict cannot be chosen; the reason is shown).',
    assignedHint: 'An evaluation institution is assigned but has not declared no conflict and accepted yet. To change it, open the project and use “Reassign the evaluation institution”.',
    emptyWaiting: 'No project is waiting for an evaluation institution. Projects appear here once the enterprise requests the evaluation.',
    emptyAssigned: 'No evaluation is assigned and waiting to be accepted.',
  },
  assign: {
    title: 'Assign an evaluation institution',
    titleMany: 'Assign an evaluation institution ({{count}} projects)',
    rule: 'Only comprehensive institutions are listed; those with a conflict of interest with the chosen projects cannot be picked.',
    conflict: 'Cannot be chosen: {{reason}}',
  },
  history: {
    title: 'Effect evaluations',
    intro: 'Every evaluation is kept: institution, dates, level, conclusion and gaps; level 2 or above makes the enterprise a pilot enterprise.',
    before: 'Before (diagnosis)',
    after: 'After (evaluation)',
    none: 'No evaluation yet.',
    attempt: 'Evaluation {{n}}',
    institution: 'Institution',
    declaredAt: 'No-conflict declaration',
    submittedAt: 'Report sent',
    confirmedAt: 'Confirmed by the enterprise',
    level: 'Level',
    summary: 'Conclusion',
    gaps: 'What falls short',
    disputes: 'Objections',
    dispute: 'Version {{version}}: {{reason}}',
    versions: 'Report versions: {{count}}',
    passed: 'Passed (level 2 or above)',
    failed: 'Below level 2: remediation',
    confirmed: 'Confirmed',
    unconfirmed: 'Awaiting the enterprise',
    inProgress: 'In progress',
    pending: 'This evaluation: {{state}}',
    pendingInstitution: 'Institution: {{name}}',
    notDeclared: 'The institution has not declared no conflict yet',
    pilot: 'Pilot enterprise ({{date}})',
    benchmarks: 'Benchmark recommendations',
    benchmarkWorkshop: 'Recommended as a digital workshop',
    benchmarkSmart: 'Recommended as a smart workshop',
    benchmarkBy: '{{institution}} · {{date}}',
    pdf: 'Evaluation report PDF',
    noLevel: '—',
  },
};
