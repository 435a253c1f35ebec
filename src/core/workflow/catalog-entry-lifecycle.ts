/**
 * Catalog entries (服务商及产品推荐目录), reviewed by the bureau on one table definition in two variants:
 * - a **recommendation letter** (推荐函, `zs-catalog-entry-v1`): an enterprise picked a market provider not in the
 *   catalog; the certified leading unit it asked recommends the product. Approval adds the product to the catalog and
 *   lets the waiting project continue (`resumeAfterCatalogApproval`).
 * - a **product entry** (`zs-product-entry-v1`): a leading unit or catalog provider puts its own product in the catalog.
 * Both: submit → under review → approved / returned (resubmit) / rejected; the submitter may withdraw an open entry.
 */
import type { ActorRole } from '../identity/roles';
import type { Text } from '../text';
import type { CatalogEntryStatus } from './context';
import type { EffectId } from './effects';
import { DOCUMENTS, SCANS, slot } from './materials';
import type { MaterialSlot, StateDef, Transition, WorkflowTable } from './types';

export const CATALOG_ENTRY_EVENTS = ['submit', 'approve', 'returnForRevision', 'reject', 'withdraw'] as const;
export type CatalogEntryEventId = (typeof CATALOG_ENTRY_EVENTS)[number];

type EntryTransition = Transition<CatalogEntryStatus, CatalogEntryEventId>;

const LEADING_UNIT: readonly ActorRole[] = ['leadingUnit'];
const PROVIDERS: readonly ActorRole[] = ['leadingUnit', 'catalogProvider'];
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

const PRODUCT_SLOTS: readonly MaterialSlot[] = [
  slot('catalog.productMaterials', { zh: '产品介绍及资质材料', en: 'Product description and credentials' }, {
    required: false,
    accept: DOCUMENTS,
    maxMb: 50,
    uploaders: PROVIDERS,
  }),
];

interface Variant {
  id: string;
  name: Text;
  /** Who writes and submits the entry. */
  submitters: readonly ActorRole[];
  slots: readonly MaterialSlot[];
  /** Who hears of the bureau's decision besides the submitter (the waiting enterprise for a letter). */
  notifyOnDecision: readonly EffectId[];
  /** Effects of approval besides adding the product to the catalog. */
  onApprove: readonly EffectId[];
  submitLabel: Text;
  draft: { label: Text; hint: Text };
}

function entryTable(v: Variant): WorkflowTable<CatalogEntryStatus, CatalogEntryEventId> {
  const SUBMIT: EntryTransition = {
    event: 'submit',
    to: 'underReview',
    roles: v.submitters,
    guards: [{ id: 'formComplete' }, { id: 'requiredMaterialsPresent' }],
    effects: ['recordRevision', 'clearReturnReason', 'notifyBureau'],
    label: v.submitLabel,
    kind: 'primary',
  };
  const WITHDRAW: EntryTransition = {
    event: 'withdraw',
    to: 'withdrawn',
    roles: [...v.submitters, 'system'],
    guards: [],
    effects: [],
    label: { zh: '撤回', en: 'Withdraw' },
    kind: 'danger',
    confirm: { zh: '撤回后本条入库申请结束，不能恢复。确定撤回吗？', en: 'A withdrawn entry ends and cannot be resumed. Withdraw it?' },
  };
  const STATES: readonly StateDef<CatalogEntryStatus, CatalogEntryEventId>[] = [
  {
    id: 'draft',
    stage: 3,
    label: v.draft.label,
    publicLabel: { zh: '填写中', en: 'In preparation' },
    applicantHint: v.draft.hint,
    progress: 10,
    tone: 'draft',
    waitingOn: v.submitters,
    fields: { entry: { write: v.submitters } },
    materials: v.slots,
    transitions: [SUBMIT, WITHDRAW],
  },
  {
    id: 'underReview',
    stage: 3,
    label: { zh: '入库审核中', en: 'Catalog review in progress' },
    publicLabel: { zh: '审核中', en: 'Under review' },
    applicantHint: {
      zh: '市工信局正在审核该服务商及产品的入库申请。',
      en: 'The bureau is reviewing the provider and product.',
    },
    hints: {
      bureauAdmin: { zh: '请审核入库申请：通过、退回修改或不予入库（退回和不予入库须写明原因）。', en: 'Review the entry: approve, return or reject (a reason is required to return or reject).' },
      bureauReviewer: { zh: '请审核入库申请：通过、退回修改或不予入库（退回和不予入库须写明原因）。', en: 'Review the entry: approve, return or reject (a reason is required to return or reject).' },
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
        effects: ['addToCatalog', ...v.onApprove, ...v.notifyOnDecision],
        label: { zh: '审核通过，产品入库', en: 'Approve: add to the catalog' },
        kind: 'primary',
      },
      {
        event: 'returnForRevision',
        to: 'returned',
        roles: BUREAU,
        guards: [],
        effects: ['storeReturnReason', 'notifySubmitter'],
        label: { zh: '退回修改', en: 'Return for revision' },
        kind: 'neutral',
        needsReason: true,
      },
      {
        event: 'reject',
        to: 'rejected',
        roles: BUREAU,
        guards: [],
        effects: v.notifyOnDecision,
        label: { zh: '不予入库', en: 'Reject' },
        kind: 'danger',
        confirm: {
          zh: '不予入库后，等待该产品的企业需重新选择服务商。确定吗？',
          en: 'Enterprises waiting for this product will have to choose another provider. Reject?',
        },
        needsReason: true,
      },
      WITHDRAW,
    ],
  },
  {
    id: 'returned',
    stage: 3,
    label: { zh: '退回修改', en: 'Returned for revision' },
    publicLabel: { zh: '填写中', en: 'In preparation' },
    applicantHint: {
      zh: '市工信局退回了入库申请，请按退回原因修改后重新提交。',
      en: 'The bureau returned the entry: revise it as the reason says and submit again.',
    },
    progress: 30,
    tone: 'returned',
    waitingOn: v.submitters,
    fields: { entry: { write: v.submitters } },
    materials: v.slots,
    transitions: [SUBMIT, WITHDRAW],
  },
  {
    id: 'approved',
    stage: 3,
    label: { zh: '已入库', en: 'In the catalog' },
    publicLabel: { zh: '已入库', en: 'In the catalog' },
    applicantHint: {
      zh: '产品已纳入服务商及产品推荐目录。',
      en: 'The product is in the provider and product catalog.',
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
      zh: '产品未通过入库审核（原因见通知）。',
      en: 'The product was not accepted (see the notification).',
    },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'withdrawn',
    stage: 3,
    label: { zh: '已撤回', en: 'Withdrawn' },
    publicLabel: { zh: '已撤回', en: 'Withdrawn' },
    applicantHint: { zh: '入库申请已撤回。', en: 'The entry was withdrawn.' },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  ];
  return { id: v.id, name: v.name, initial: 'draft', states: STATES };
}

/** 推荐函: a leading unit recommends the market provider and product an enterprise chose. */
export const CATALOG_ENTRY_LIFECYCLE = entryTable({
  id: 'zs-catalog-entry-v1',
  name: { zh: '推荐产品入库流程（推荐函）', en: 'Catalog entry by recommendation letter' },
  submitters: LEADING_UNIT,
  slots: LETTER_SLOTS,
  notifyOnDecision: ['notifySubmitter', 'notifyEnterprise'],
  onApprove: ['resumeWaitingProjects'],
  submitLabel: { zh: '提交推荐函', en: 'Submit the recommendation letter' },
  draft: {
    label: { zh: '推荐函填写中', en: 'Recommendation letter in preparation' },
    hint: {
      zh: '填写推荐的服务商及产品信息，上传加盖公章的推荐函后提交市工信局审核。',
      en: 'Describe the recommended provider and product, upload the sealed letter and submit it to the bureau.',
    },
  },
});

/** A provider's own product put into the catalog. */
export const PRODUCT_ENTRY_LIFECYCLE = entryTable({
  id: 'zs-product-entry-v1',
  name: { zh: '服务商产品入库流程', en: 'Catalog entry of a provider’s product' },
  submitters: PROVIDERS,
  slots: PRODUCT_SLOTS,
  notifyOnDecision: ['notifySubmitter'],
  onApprove: [],
  submitLabel: { zh: '提交入库审核', en: 'Submit for catalog review' },
  draft: {
    label: { zh: '产品信息填写中', en: 'Product entry in preparation' },
    hint: {
      zh: '填写产品名称、适用场景和行业、价格区间、交付周期、小快轻准说明及案例，提交市工信局审核入库。',
      en: 'Enter the product’s name, scenes and industries, price range, delivery time, “small, fast, light, precise” description and references, then submit it for review.',
    },
  },
});
