/**
 * The shape of a workflow table. A table is plain data: states, who may fire which event, the named guards
 * that must hold, the named effects to carry out, and the material slots each state asks for. One engine
 * (`engine.ts`) runs every table; a new flowchart version is a new table, not new code.
 */
import type { z } from 'zod';
import type { ActorRole } from '../identity/roles';
import type { Text } from '../text';
import type {
  AssessmentKind,
  DiagnosisMode,
  DigitalLevel,
  InstitutionKind,
  ProviderChoice,
  ReportKind,
  SubsidyReviewOutcome,
} from './context';
import type { EffectId } from './effects';

/** The eight stages of the pilot flowchart (v2.0). */
export type Stage = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** What kind of file a slot accepts, decided by magic bytes on the server. */
export type FileKind = 'pdf' | 'image' | 'office';

export interface MaterialSlot {
  /** Stable key, e.g. 'implementation.trainingRecords'. The same key in two states means the same material. */
  key: string;
  label: Text;
  required: boolean;
  accept: readonly FileKind[];
  maxBytes: number;
  /** Who may upload into this slot in this state; ['system'] means the platform attaches it. */
  uploaders: readonly ActorRole[];
  /** The slot holds several files (photos, invoices); otherwise a new upload replaces the file (the old one stays as a version). */
  multiple?: boolean;
  /**
   * Each file belongs to one recorded item of the project (a training session's sign-in sheet and photos): an upload
   * names the item (`itemId`), and is made where the items are kept, not in the general checklist.
   */
  items?: 'trainingSession';
}

/**
 * A reference to a guard implemented in `guards.ts`, with its argument where it takes one. The union keeps
 * each guard's argument type right; `GUARD_META` checks arguments of tables loaded at run time.
 */
export type GuardRef =
  | { id: 'requiredMaterialsPresent' }
  | { id: 'formComplete' }
  | { id: 'enterpriseIsSme' }
  | { id: 'diagnosisModeIs'; arg: DiagnosisMode }
  | { id: 'assessmentSubmitted'; arg: AssessmentKind }
  | { id: 'reportUploaded'; arg: ReportKind }
  | { id: 'reportConfirmed'; arg: ReportKind }
  | { id: 'levelRecorded' }
  | { id: 'levelAtLeast'; arg: DigitalLevel }
  | { id: 'delegationActive' }
  | { id: 'assignedInstitution' }
  | { id: 'institutionSelected'; arg: InstitutionKind | 'any' }
  | { id: 'providerChosen' }
  | { id: 'providerChoiceIs'; arg: ProviderChoice }
  | { id: 'providerChoiceValid' }
  | { id: 'contractComplete' }
  | { id: 'subsidyApplicationReady' }
  | { id: 'bankAccountOnFile' }
  | { id: 'paymentPaperworkPresent' }
  | { id: 'implementationComplete' }
  | { id: 'evaluationComplete' }
  | { id: 'noConflictOfInterest' }
  | { id: 'catalogEntryApproved' }
  | { id: 'subsidyReviewOutcomeIs'; arg: SubsidyReviewOutcome }
  | { id: 'expertReviewsComplete' }
  | { id: 'publicityOver' }
  | { id: 'noOpenObjections' }
  | { id: 'reasonGiven' };

export type GuardId = GuardRef['id'];

/** How the UI draws a transition's button: the main next step, a destructive one, or a secondary one. */
export type TransitionKind = 'primary' | 'danger' | 'neutral';

/**
 * What an event carries besides its reason: a zod object schema. The server validates the input with it and
 * publishes it in the OpenAPI document; the UI renders the action's dialog from its JSON Schema (fields may carry
 * `meta({ widget })` hints such as 'institution' or 'slots').
 */
export type EventInput = z.ZodObject;

/**
 * One way out of a state. Several transitions of a state may share an event: they are *branches*, and the
 * engine routes by `when` (see `decide`). All branches of an event share label, confirm and needsReason.
 */
export interface Transition<S extends string = string, E extends string = string> {
  event: E;
  to: S;
  /** Roles that may fire this event. */
  roles: readonly ActorRole[];
  /** Routing conditions: the first branch whose `when` all hold is taken; no `when` = the default branch. */
  when?: readonly GuardRef[];
  /** Preconditions of the chosen branch: all must hold, or the action is refused with their messages. */
  guards: readonly GuardRef[];
  effects: readonly EffectId[];
  /** The button text. */
  label: Text;
  /** A confirmation question the UI asks before firing. */
  confirm?: Text;
  /** The actor must give a reason (stored with the event). */
  needsReason?: boolean;
  kind: TransitionKind;
  /** What the event carries (validated before the guards are checked). */
  input?: EventInput;
  /**
   * The event has no button of its own: another action fires it in the same transaction (submitting the
   * self-assessment completes the self-diagnosis). The text names that action for the history.
   */
  firedBy?: Text;
}

/** How the UI colours a state: one meaning per colour everywhere. */
export type StateTone = 'draft' | 'waiting' | 'returned' | 'passed' | 'rejected';

/** Who may read and write one field (or group of fields) of the object's form in a state. */
export interface FieldRight {
  /** Roles that may see it; absent = everyone who may see the object. */
  read?: readonly ActorRole[];
  write: readonly ActorRole[];
}

/**
 * A questionnaire of the assessment instrument that may be filled in a state (自诊断, 机构诊断评测, 成效评估):
 * who fills it, and the event its submission fires on the object (if any, in the same transaction).
 */
export interface QuestionnaireRule {
  mode: 'self' | 'institution' | 'evaluation';
  fillers: readonly ActorRole[];
  completes?: string;
}

/** Who must finish a state's step by a due date: an organisation the object names, resolved by the server. */
export type DeadlineAssignee = 'enterprise' | 'diagnosisInstitution' | 'evaluationInstitution' | 'bureau';

/**
 * A due date for the step a state waits on, in working days (public holidays and 调休 counted): a reminder
 * `remindBefore` working days before it, an escalation to the bureau the day after it.
 */
export interface DeadlineRule {
  workingDays: number;
  remindBefore: number;
  assignee: DeadlineAssignee;
  /** The role the assignee acts in (for the reminder's wording and the task lists). */
  role: ActorRole;
}

export interface StateDef<S extends string = string, E extends string = string> {
  id: S;
  stage: Stage;
  /** The name staff and the applicant see. */
  label: Text;
  /** The name shown on public pages (less detail). */
  publicLabel: Text;
  /** What the applicant should do next (or is waiting for). */
  applicantHint: Text;
  /** 0–100, rising along the main path. */
  progress: number;
  tone: StateTone;
  /** Whose move it is: the roles expected to act (fire an event or supply materials) next. */
  waitingOn: readonly ActorRole[];
  /** "Your next step" for roles other than the applicant (the institution, the bureau, the town office…). */
  hints?: Readonly<Partial<Record<ActorRole, Text>>>;
  /** Field rights in this state: which roles may write which form fields (none writable if absent). */
  fields?: Readonly<Record<string, FieldRight>>;
  /** Edits in this state change a published object: each one is stored as a new revision the bureau can diff. */
  editsAreRevisions?: boolean;
  /** The step this state waits on must be done by a due date. */
  deadline?: DeadlineRule;
  /** Questionnaires that may be filled in this state. */
  questionnaires?: readonly QuestionnaireRule[];
  /**
   * Which institution assignment the state's work belongs to (the diagnosis or the effect evaluation): the
   * institution an assignment sets, a notification reaches and a report concerns.
   */
  assignment?: 'diagnosis' | 'evaluation';
  /** Where the state sits in an assignee's task list (待接收 / 进行中 / 待企业确认); absent = not a task of the assignee now. */
  taskBucket?: 'toAccept' | 'inProgress' | 'awaitingConfirmation';
  materials: readonly MaterialSlot[];
  transitions: readonly Transition<S, E>[];
  terminal?: boolean;
}

export interface WorkflowTable<S extends string = string, E extends string = string> {
  /** Version id stored with every object that runs on this table, e.g. 'zs-flow-v2.0'. */
  id: string;
  name: Text;
  initial: S;
  states: readonly StateDef<S, E>[];
}
