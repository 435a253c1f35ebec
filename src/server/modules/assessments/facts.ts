/** Guard facts the assessments module owns: which questionnaires were submitted, and the evaluated level. */
import { and, asc, eq } from 'drizzle-orm';
import { assessments } from '../../../db/schema';
import type { AssessmentKind, DigitalLevel } from '../../../core/workflow';
import type { FactProvider } from '../../workflow/types';

export const assessmentFacts: FactProvider = {
  name: 'assessments',
  provides: ['submittedAssessments', 'evaluationLevel'],
  async load({ tx, project }) {
    const rows = await tx
      .select({ mode: assessments.mode, level: assessments.level })
      .from(assessments)
      .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'submitted')))
      .orderBy(asc(assessments.submittedAt));
    const evaluation = rows.filter((r) => r.mode === 'evaluation').at(-1);
    const submitted: AssessmentKind[] = rows.some((r) => r.mode === 'self') ? ['self'] : [];
    return { submittedAssessments: submitted, evaluationLevel: evaluation?.level == null ? null : (evaluation.level as DigitalLevel) };
  },
};
