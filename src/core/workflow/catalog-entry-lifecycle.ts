/**
 * A catalog entry brought in by a recommendation letter (推荐函): when an enterprise picks a market provider
 * not in the catalog, a certified leading unit recommends the product and the bureau reviews it. Approval
 * adds the product to the catalog and lets the waiting project continue (`resumeAfterCatalogApproval`).
 */
import type { ActorRole } from '../identity/roles';
import type { CatalogEntryStatus } from './context';
import { DOCUMENTS, SCANS, slot } from './materials';
import type { MaterialSlot, StateDef, Transition, WorkflowTable } from './types';

export const CATALOG_ENTRY_EVENTS = ['submit', 'approve', 'returnForRevision', 'reject'] as const;
export type CatalogEntryEventId = (typeof CATALOG_ENTRY_EVENTS)[number];

type EntryTransition = Transition<CatalogEntryStatus, CatalogEntryEventId>;

const LEADING_UNIT: readonly ActorRole[] = ['leadingUnit'];
const BUREAU: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer'];

const LETTER_SLOTS: readonly MaterialSlot[] = [
  slot('catalog.recommendationLetter', { zh: '推荐函（加盖公章）', en: 'Recommendation letter (sealed)' }, {
    required: true,
    accept: SCANS,
    maxMb: 20,
    uploaders: LEADING_UNIT,
  }),
  slot('catalog.productMaterials', { zh: '产品介绍及资质材料', en: 'Product description and credentials' }, {
    required: false,
    accept: DOCUMENTS,
    maxMb: 50,
    uploaders: LEADING_UNIT,
  }),
];

const SUBMIT: EntryTransition = {
  event: 'submit',
  to: 'underReview',
  roles: LEADING_UNIT,
  guards: [{ id: 'formComplete' }, { id: 'requiredMaterialsPresent' }],
  effects: ['recordRevision', 'clearReturnReason', 'notifyBureau'],
  label: { zh: '提交推荐函', en: 'Submit the recommendation letter' },
  kind: 'primary',
};

const STATES: readonly StateDef<CatalogEntryStatus, CatalogEntryEventId>[] = [
  {
    id: 'draft',
    stage: 3,
    label: { zh: '推荐函填写中', en: 'Recommendation letter in preparation' },
    publicLabel: { zh: '推荐中', en: 'Being recommended' },
    applicantHint: {
      zh: '填写推荐的服务商及产品信息，上传加盖公章的推荐函后提交市工信局审核。',
      en: 'Describe the recommended provider and product, upload the sealed letter and submit it to the bureau.',
    },
    progress: 10,
    tone: 'draft',
    waitingOn: LEADING_UNIT,
    fields: { letter: { write: LEADING_UNIT } },
    materials: LETTER_SLOTS,
    transitions: [SUBMIT],
  },
  {
    id: 'underReview',
    stage: 3,
    label: { zh: '入库审核中', en: 'Catalog review in progress' },
    publicLabel: { zh: '审核中', en: 'Under review' },
    applicantHint: {
      zh: '市工信局正在审核推荐的服务商及产品。',
      en: 'The bureau is reviewing the recommended provider and product.',
    },
    progress: 50,
    tone: 'waiting',
    waitingOn: BUREAU,
    materials: [],
    transitions: [
      {
        event: 'approve',
        to: 'approved',
        roles: BUREAU,
        guards: [],
        effects: ['addToCatalog', 'resumeWaitingProjects', 'notifyLeadingUnit', 'notifyEnterprise'],
        label: { zh: '审核通过，产品入库', en: 'Approve: add to the catalog' },
        kind: 'primary',
      },
      {
        event: 'returnForRevision',
        to: 'returned',
        roles: BUREAU,
        guards: [],
        effects: ['storeReturnReason', 'notifyLeadingUnit'],
        label: { zh: '退回修改', en: 'Return for revision' },
        kind: 'neutral',
        needsReason: true,
      },
      {
        event: 'reject',
        to: 'rejected',
        roles: BUREAU,
        guards: [],
        effects: ['notifyLeadingUnit', 'notifyEnterprise'],
        label: { zh: '不予入库', en: 'Reject' },
        kind: 'danger',
        confirm: {
          zh: '不予入库后，等待该产品的企业需重新选择服务商。确定吗？',
          en: 'Enterprises waiting for this product will have to choose another provider. Reject?',
        },
        needsReason: true,
      },
    ],
  },
  {
    id: 'returned',
    stage: 3,
    label: { zh: '推荐函退回修改', en: 'Recommendation returned for revision' },
    publicLabel: { zh: '推荐中', en: 'Being recommended' },
    applicantHint: {
      zh: '市工信局退回了推荐函，请按退回原因修改后重新提交。',
      en: 'The bureau returned the recommendation: revise it as the reason says and submit again.',
    },
    progress: 30,
    tone: 'returned',
    waitingOn: LEADING_UNIT,
    fields: { letter: { write: LEADING_UNIT } },
    materials: LETTER_SLOTS,
    transitions: [SUBMIT],
  },
  {
    id: 'approved',
    stage: 3,
    label: { zh: '已入库', en: 'In the catalog' },
    publicLabel: { zh: '已入库', en: 'In the catalog' },
    applicantHint: {
      zh: '产品已纳入服务商及产品库，企业可继续签约。',
      en: 'The product is in the catalog; the enterprise can go on to the contract.',
    },
    progress: 100,
    tone: 'passed',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'rejected',
    stage: 3,
    label: { zh: '未予入库', en: 'Not accepted' },
    publicLabel: { zh: '未入库', en: 'Not accepted' },
    applicantHint: {
      zh: '推荐的产品未通过入库审核（原因见通知），企业需重新选择服务商。',
      en: 'The product was not accepted (see the notification); the enterprise must choose another provider.',
    },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
];

export const CATALOG_ENTRY_LIFECYCLE: WorkflowTable<CatalogEntryStatus, CatalogEntryEventId> = {
  id: 'zs-catalog-entry-v1',
  name: { zh: '推荐产品入库流程', en: 'Catalog entry by recommendation' },
  initial: 'draft',
  states: STATES,
};
