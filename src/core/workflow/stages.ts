/** The eight stages of the pilot flowchart (中小企业参与试点流程图 v2.0). */
import type { Text } from '../text';
import type { Stage } from './types';

export interface StageDef {
  stage: Stage;
  label: Text;
  /** What the enterprise gains from the stage, as the flowchart puts it. */
  yields: Text;
}

export const STAGES: readonly StageDef[] = [
  {
    stage: 1,
    label: { zh: '项目备案', en: 'Filing' },
    yields: { zh: '获得备案号，备案项目在市工信局网站发布', en: "A filing number; the project is published on the bureau's site" },
  },
  {
    stage: 2,
    label: { zh: '诊断', en: 'Diagnosis' },
    yields: { zh: '明确改造需求，获得免费诊断及改造指导', en: 'Clear transformation needs, free diagnosis and guidance' },
  },
  {
    stage: 3,
    label: { zh: '选择服务商', en: 'Choose a provider' },
    yields: { zh: '项目纳入试点管理', en: 'The project enters pilot management' },
  },
  {
    stage: 4,
    label: { zh: '项目签约', en: 'Contract' },
    yields: { zh: '签订改造合同', en: 'A signed transformation contract' },
  },
  {
    stage: 5,
    label: { zh: '改造实施', en: 'Implementation' },
    yields: { zh: '完成实施、培训和内部验收', en: 'Implementation, training and internal acceptance done' },
  },
  {
    stage: 6,
    label: { zh: '成效评估', en: 'Effect evaluation' },
    yields: { zh: '评估达到二级的企业纳入试点企业范畴', en: 'Level 2 or above makes the enterprise a pilot enterprise' },
  },
  {
    stage: 7,
    label: { zh: '奖补申请', en: 'Subsidy application' },
    yields: { zh: '通过审核的项目获得完工奖补', en: 'Approved projects receive the completion subsidy' },
  },
  {
    stage: 8,
    label: { zh: '完成', en: 'Completion' },
    yields: {
      zh: '拨付奖补资金或获得试点企业荣誉，并在市工信局网站发布',
      en: "Subsidy paid or the pilot-enterprise honour, published on the bureau's site",
    },
  },
];

export function stageLabel(stage: Stage): Text {
  const def = STAGES.find((s) => s.stage === stage);
  if (!def) throw new RangeError(`unknown stage ${stage}`);
  return def.label;
}
