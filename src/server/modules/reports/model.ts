/**
 * The assessment report as data: the same model feeds the PDF and the HTML view in the browser.
 * Built by the assessments service from stored rows; rendering never queries the database.
 */
import type { Text } from '../../../core/text';
import type { AssessmentComparison, AssessmentResult, ProductRecommendation, Weakness } from '../../../core/assessment';

export type AssessmentMode = 'self' | 'institution' | 'evaluation';

export interface ReportProduct {
  id: string;
  name: string;
  providerName: string;
  summary: string;
  scenes: string[];
  indicators: string[];
  priceFen: number | null;
}

export interface ReportModel {
  /** 'diagnosis' for self or institution diagnosis (stage 2), 'evaluation' for the effect evaluation (stage 6). */
  kind: 'diagnosis' | 'evaluation';
  mode: AssessmentMode;
  title: Text;
  generatedAt: string;
  enterprise: {
    name: string;
    uscc: string;
    town: Text;
    industry: Text;
    size: Text | null;
    contactName: string | null;
  };
  project: { id: string; title: string; filingNo: string | null };
  assessment: {
    id: string;
    catalogVersion: string;
    catalogName: Text;
    status: string;
    submittedAt: string | null;
    filledBy: string;
    pledgedAt: string | null;
  };
  result: AssessmentResult;
  weakness: Weakness;
  recommendations: ProductRecommendation<ReportProduct>[];
  /** Evaluation only: the diagnosis before transformation vs this evaluation. */
  comparison: (AssessmentComparison & { beforeAssessmentId: string; beforeSubmittedAt: string | null; beforeMode: AssessmentMode }) | null;
}
