import { Grid, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../api/hooks';
import { toneOf } from '../lib/status';
import { STAGE_NUMBERS, type StageNo } from '../lib/stages';

/** The eight stages of the pilot, the current one highlighted. Vertical on phones. */
export function StageSteps({ stage, state }: { stage: number; state: string }) {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const screens = Grid.useBreakpoint();
  const tone = lookup.state(state)?.tone ?? toneOf(state);
  const vertical = !screens.lg;
  const current = Math.min(Math.max(stage, 1), 8) - 1;
  const status = tone === 'rejected' ? 'error' : tone === 'passed' && stage === 8 ? 'finish' : 'process';
  return (
    <Steps
      size="small"
      current={current}
      status={status}
      orientation={vertical ? 'vertical' : 'horizontal'}
      titlePlacement={vertical ? 'horizontal' : 'vertical'}
      aria-label={t('project.stageStepsLabel', { n: stage })}
      items={STAGE_NUMBERS.map((n: StageNo) => ({
        title: lookup.stageLabel(n) || t(`stages.s${n}.name`),
        content: n === stage ? t('project.currentStage') : undefined,
      }))}
    />
  );
}
