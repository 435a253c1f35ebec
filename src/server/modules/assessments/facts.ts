/** Guard facts the assessments module owns: which questionnaires were submitted. */
import { and, asc, eq } from 'drizzle-orm';
import { assessments } from '../../../db/schema';
import type { AssessmentKind } from '../../../core/workflow';
import type { FactProvider } from '../../workflow/types';

export const assessmentFacts: FactProvider = {
  name: 'assessments',
  provides: ['submittedAssessments'],
  async load({ tx, project }) {
    const rows = await tx
      .select({ mode: assessments.mode })
      .from(assessments)
      .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'submitted')))
      .orderBy(asc(assessments.submittedAt));
    const submitted: AssessmentKind[] = rows.some((r) => r.mode === 'self') ? ['self'] : [];
    return { submittedAssessments: submitted };
  },
};
