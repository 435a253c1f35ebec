/** The API contract as the web app uses it (mirrors the server's zod schemas). */
import type { Text } from '../../core/text';

export type { Text };

export interface Me {
  user: { id: string; name: string; mobile: string | null; email: string | null; memberRole: string };
  org: { id: string; name: string; type: string; townCode: string | null };
  role: string;
  bureauRole: string | null;
  csrfToken: string;
}

export interface RefTown {
  code: string;
  name: Text;
  kind: string;
}

export interface RefIndustry {
  code: string;
  name: Text;
}

export interface RefStage {
  stage: number;
  label: Text;
}

export interface RefState {
  id: string;
  stage: number;
  label: Text;
  publicLabel: Text;
  progress: number;
  applicantHint: Text | null;
  /** One meaning per colour: draft grey, waiting blue, returned orange, passed green, rejected red. */
  tone?: StateTone;
  waitingOn?: string[];
}

export interface Reference {
  towns: RefTown[];
  industries: RefIndustry[];
  workflow: { version: string; stages: RefStage[]; states: RefState[] };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type DiagnosisMode = 'self' | 'institution';

export interface ProjectSummary {
  id: string;
  filingNo: string | null;
  title: string;
  enterpriseName: string;
  uscc: string;
  townCode: string | null;
  industryCode: string | null;
  stage: number;
  state: string;
  stateLabel: Text;
  plannedInvestmentFen: number;
  submittedAt: string | null;
  updatedAt: string;
  published: boolean;
  /** Bureau only: credit codes of other enterprises registered under the same name (同名企业). */
  sameNameUsccs: string[];
  /** The due date of the step the project waits on, and whether it has passed. */
  dueOn?: string | null;
  overdue?: boolean;
}

/** The colour meaning of a state, from the lifecycle table: draft grey, waiting blue, returned orange, passed green, rejected red. */
export type StateTone = 'draft' | 'waiting' | 'returned' | 'passed' | 'rejected';

/** One action the server offers on a project now (from the project's table, for the caller's role). */
export interface ProjectAction {
  event: string;
  label: Text;
  /** primary: the main next step; danger: ends or undoes something; neutral: secondary. */
  kind: 'primary' | 'danger' | 'neutral';
  allowed: boolean;
  reasons: Text[];
  /** Keys of the empty required material slots when that is why the action is not allowed yet. */
  missingMaterials: string[];
  needsReason: boolean;
  confirm: Text | null;
  /** JSON Schema of the action's dialog (null: nothing but the reason, if any). */
  input: Record<string, unknown> | null;
}

export type FillableAssessment = 'self' | 'institution' | 'evaluation';

export interface ProjectDetail extends ProjectSummary {
  situation: string;
  needs: string;
  scope: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  diagnosisMode: DiagnosisMode;
  workflowVersion?: string;
  publicationWithdrawnReason: string | null;
  returnReason: string | null;
  revision: number;
  stateInfo: {
    label: Text;
    applicantHint: Text | null;
    /** The caller's own next step in this state (null when the caller has none). */
    hint: Text | null;
    progress: number;
    tone: StateTone;
    stage: number;
    waitingOn: string[];
  };
  abilities: { edit: boolean; viewTimeline: boolean; withdrawPublication: boolean };
  /** The filing form's fields the caller may change now (the table's field rights). */
  writableFields: string[];
  /** Changes now are revisions of a published filing (the bureau sees them as a diff). */
  editsAreRevisions: boolean;
  actions: ProjectAction[];
  /** The due date of the step the project waits on (null when none). */
  deadline: { dueOn: string; overdue: boolean; waitingRole: string } | null;
  diagnosisInstitution: { id: string; name: string } | null;
  /** The questionnaire the caller may fill on this project now (null: none). */
  fillableAssessment?: FillableAssessment | null;
  pilotManagedAt?: string | null;
  pilotEnterpriseAt?: string | null;
}

/** GET /institutions/workload: an institution that may be assigned, with how busy it is. */
export interface InstitutionWorkload {
  id: string;
  name: string;
  kind: string;
  /** Tasks it has open now, and how many of them are past their due date. */
  open: number;
  overdue: number;
  /** The platform's suggestion (the least busy fitting one). */
  suggested: boolean;
}

/** GET /projects/:id/reports: an institution report (diagnosis, evaluation) with its summary. */
export interface ProjectReport {
  id: string;
  kind: string;
  version: number;
  state: string;
  stateLabel: Text;
  institutionName: string | null;
  data: {
    levelBefore?: number | null;
    painPoints?: string | null;
    recommendations?: string | null;
    fileName?: string | null;
    materialId?: string | null;
    disputeReason?: string | null;
    submittedAt?: string | null;
    confirmedAt?: string | null;
  };
}

/** GET /projects/:id/revisions: one stored revision of the filing, with what changed. */
export interface RevisionItem {
  revision: number;
  kind: string;
  submittedAt: string;
  submittedBy: string | null;
  changedFields: string[];
  diff: { field: string; label: Text; before: unknown; after: unknown }[];
}

export interface ProjectInput {
  title: string;
  situation: string;
  needs: string;
  scope: string;
  plannedInvestmentFen: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  diagnosisMode: DiagnosisMode;
}

export interface TimelineEntry {
  id: string | number;
  at: string;
  action: string;
  actionLabel: Text;
  actorName: string | null;
  actorOrgName: string | null;
  onBehalfOfOrgName: string | null;
  summary: Record<string, unknown> | string | null;
}

export interface PublicFiling {
  filingNo: string;
  title: string;
  enterpriseName: string;
  townCode: string | null;
  industryCode: string | null;
  diagnosisMode?: DiagnosisMode;
  submittedAt: string | null;
}

export interface PublicStats {
  filed: number;
  /** Ended projects, read from the lifecycle table: completed ones count in stage 8, withdrawn and closed ones apart. */
  completed: number;
  withdrawn: number;
  closed: number;
  pilotEnterprises: number;
  byStage: { stage: number; count: number }[];
  byTown: { townCode: string; count: number }[];
}

export interface AdminOrganization {
  id: string;
  type: string;
  name: string;
  nameEn?: string | null;
  uscc: string | null;
  townCode: string | null;
  contactName: string | null;
  contactMobile: string | null;
  active?: boolean;
  createdAt?: string;
  memberCount?: number;
}

export interface CreateOrganizationInput {
  type: string;
  name: string;
  nameEn?: string;
  uscc?: string;
  townCode?: string;
  contactName: string;
  contactMobile: string;
  member: { name: string; mobile?: string; email?: string; password: string; bureauRole?: string };
}

export interface ProjectFilters {
  page?: number;
  pageSize?: number;
  townCode?: string;
  industryCode?: string;
  stage?: number;
  state?: string;
  from?: string;
  to?: string;
  q?: string;
  /** How the project stands (the lifecycle table's end states). */
  outcome?: ProjectOutcome;
  /** Bureau only: 同名企业. */
  sameName?: '1';
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
}

export type ProjectOutcome = 'open' | 'completed' | 'withdrawn' | 'closed';

/** The orders a staff list offers (the server's LIST_SORTS). */
export type ProjectSort = 'submittedAt' | 'stage';

/** GET /projects/stats: figures over the filed projects the caller may see. */
export interface ProjectStats {
  filed: number;
  open: number;
  completed: number;
  withdrawn: number;
  closed: number;
  byStage: { stage: number; count: number }[];
}
