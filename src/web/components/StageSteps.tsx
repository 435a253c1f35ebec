import { Collapse, Flex, Grid, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../api/hooks';
import type { Tone } from '../lib/status';
import { STAGE_NUMBERS, asStage, type StageNo } from '../lib/stages';

const SEGMENT: Record<'done' | 'future', string> = { done: '#1558d6', future: '#e5e8ef' };
const CURRENT: Record<Tone, string> = { draft: '#8c8c8c', waiting: '#1558d6', returned: '#fa8c16', passed: '#52c41a', rejected: '#ff4d4f' };

/**
 * The eight stages of the pilot with the current one highlighted. Horizontal on wide screens; on phones a
 * compact "stage n of 8" bar (the full list folds out), so the next action stays near the top. The colour of the
 * current stage follows the state's tone from the lifecycle table.
 */
export function StageSteps({ stage, state, tone: given }: { stage: number; state: string; tone?: Tone | null | undefined }) {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const screens = Grid.useBreakpoint();
  // The table's tone: the project's own (stateInfo.tone) or the reference data's; plain "in progress" while unknown.
  const tone: Tone = given ?? lookup.state(state)?.tone ?? 'waiting';
  const current = asStage(stage);
  const status = tone === 'rejected' ? 'error' : tone === 'passed' && stage === 8 ? 'finish' : 'process';
  const name = (n: StageNo) => lookup.stageLabel(n) || t(`stages.s${n}.name`);
  const steps = (vertical: boolean) => (
    <Steps
      size="small"
      current={current - 1}
      status={status}
      orientation={vertical ? 'vertical' : 'horizontal'}
      titlePlacement={vertical ? 'horizontal' : 'vertical'}
      items={STAGE_NUMBERS.map((n) => ({ title: name(n), content: n === current ? t('project.currentStage') : undefined }))}
    />
  );
  if (screens.md) {
    return (
      <div role="group" aria-label={t('project.stageStepsLabel', { n: current })}>
        {steps(false)}
      </div>
    );
  }
  return (
    <div>
      <Typography.Text strong>{t('project.stageOfEight', { n: current, name: name(current) })}</Typography.Text>
      <Flex gap={3} style={{ margin: '8px 0 4px' }} aria-hidden>
        {STAGE_NUMBERS.map((n) => (
          <div key={n} style={{ flex: 1, height: 8, borderRadius: 4, background: n < current ? SEGMENT.done : n === current ? CURRENT[tone] : SEGMENT.future }} />
        ))}
      </Flex>
      <Collapse ghost size="small" items={[{ key: 'all', label: t('project.allStages'), children: steps(true) }]} style={{ marginInline: -12 }} />
    </div>
  );
}
