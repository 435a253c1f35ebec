/**
 * Builds the report model of a submitted assessment from stored rows (the PDF and the HTML view render it).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import type { Locale, Text } from '../../../core/text';
import { assess, compareAssessments, getCatalog, recommendProducts, weakness, type AssessmentResult, type LevelResult, type ScoreResult } from '../../../core/assessment';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { getIndustry, industryDisplayName } from '../../../core/identity/industries';
import { SME_SIZE_LABELS, type SmeSize } from '../../../core/identity/sme';
import { approvedProducts } from '../catalog/service';
import type { ReportModel } from '../reports/model';
import { answersOf, latestDiagnosis, loadAssessmentFor, type AssessmentRow } from './service';
import type { AssessmentMode } from './policy';

export const RECOMMENDATION_LIMIT = 6;

const TITLES: Record<AssessmentMode, Text> = {
  self: { zh: '企业数字化水平诊断报告（自诊断）', en: 'Digital Level Diagnosis Report (self-diagnosis)' },
  institution: { zh: '企业数字化水平诊断报告（机构诊断）', en: 'Digital Level Diagnosis Report (institution diagnosis)' },
  evaluation: { zh: '数字化改造成效评估报告', en: 'Digital Transformation Effect Evaluation Report' },
};

/**
 * The result as it was frozen at submission (score and level stored with the catalog version), so a report
 * never changes after the fact; rows from before results were stored are scored again.
 */
export function frozenResult(a: AssessmentRow): AssessmentResult {
  const stored = a.result as { score?: ScoreResult; level?: LevelResult } | null;
  if (stored?.score && stored.level) return { catalogVersion: stored.score.catalogVersion, valid: true, problems: [], score: stored.score, level: stored.level };
  return assess(getCatalog(a.catalogVersion), answersOf(a));
}

export async function buildReportModel(db: DbOrTx, actor: Actor, id: string, locale: Locale): Promise<ReportModel> {
  const { a, project } = await loadAssessmentFor(db, actor, id);
  if (a.status !== 'submitted') throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '评测提交后才能生成报告', en: 'The report is available once the assessment is submitted' } });
  const mode = a.mode as AssessmentMode;
  const catalog = getCatalog(a.catalogVersion);
  const result = frozenResult(a);
  const [[enterprise], [filler], products] = await Promise.all([
    db.select().from(organizations).where(eq(organizations.id, project.enterpriseId)),
    db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, a.filledByOrgId)),
    approvedProducts(db, locale),
  ]);
  if (!enterprise) throw new AppError('NOT_FOUND');
  const town = getTown(project.townCode);
  const industry = getIndustry(project.industryCode);
  let comparison: ReportModel['comparison'] = null;
  if (mode === 'evaluation') {
    const before = await latestDiagnosis(db, project.id);
    if (before) {
      const b = frozenResult(before);
      comparison = {
        ...compareAssessments({ score: b.score, level: b.level }, { score: result.score, level: result.level }),
        beforeAssessmentId: before.id,
        beforeSubmittedAt: before.submittedAt?.toISOString() ?? null,
        beforeMode: before.mode as AssessmentMode,
      };
    }
  }
  return {
    kind: mode === 'evaluation' ? 'evaluation' : 'diagnosis',
    mode,
    title: TITLES[mode],
    generatedAt: new Date().toISOString(),
    enterprise: {
      name: enterprise.name,
      uscc: enterprise.uscc ?? '',
      town: town ? townDisplayName(town) : { zh: project.townCode, en: project.townCode },
      industry: industry ? industryDisplayName(industry) : { zh: project.industryCode, en: project.industryCode },
      size: enterprise.smeSize ? SME_SIZE_LABELS[enterprise.smeSize as SmeSize] : null,
      contactName: enterprise.contactName,
    },
    project: { id: project.id, title: project.title, filingNo: project.filingNo },
    assessment: {
      id: a.id,
      catalogVersion: a.catalogVersion,
      catalogName: catalog.name,
      status: a.status,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      filledBy: filler?.name ?? '',
      pledgedAt: a.pledgedAt?.toISOString() ?? null,
    },
    result,
    weakness: weakness(catalog, { score: result.score, level: result.level }),
    recommendations: recommendProducts(catalog, { score: result.score, level: result.level }, products, RECOMMENDATION_LIMIT),
    comparison,
  };
}
