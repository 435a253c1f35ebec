/** Small building blocks shared by the assessment pages. */
import { Button, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { CheckCircleOutlined, CloudSyncOutlined, DownloadOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import type { Text } from '../../core/text';
import { useLang } from '../i18n';
import { TONE_COLOR } from '../lib/status';
import { useAt } from './i18n';
import type { AssessmentMode, AssessmentStatus } from './api';
import { reportPdfUrl } from './api';
import type { SaveStatus } from './autosave';
import { timeText } from './model';

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const at = useAt();
  return (
    <Tag color={status === 'submitted' ? TONE_COLOR.passed : TONE_COLOR.draft} style={{ marginInlineEnd: 0 }} data-status={status}>
      {status === 'submitted' ? at('status.submitted') : at('status.draft')}
    </Tag>
  );
}

export function useModeLabel(): (mode: AssessmentMode) => string {
  const at = useAt();
  return (mode) => at(`mode.${mode}`);
}

const LEVEL_COLORS = ['default', 'blue', 'green', 'cyan', 'gold'] as const;

/** A digital level (0 = 未达一级 … 4 = 四级) as a coloured tag with its name. */
export function LevelTag({ level, name, large }: { level: number; name: Text; large?: boolean }) {
  const { tx } = useLang();
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} className={large ? 'as-level-tag-large' : undefined} style={{ marginInlineEnd: 0 }} data-level={level}>
      {tx(name)}
    </Tag>
  );
}

/** The autosave state in one line: 已保存 HH:mm / 保存中… / 保存失败（重试）. */
export function SaveIndicator({ status, onRetry, compact }: { status: SaveStatus; onRetry: () => void; compact?: boolean }) {
  const at = useAt();
  let body;
  switch (status.kind) {
    case 'saved':
      body = (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {at('save.saved', { time: timeText(status.at) })}
        </Typography.Text>
      );
      break;
    case 'saving':
    case 'conflict':
      body = (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {at('save.saving')}
        </Typography.Text>
      );
      break;
    case 'pending':
      body = (
        <Typography.Text type="secondary">
          <CloudSyncOutlined /> {compact ? at('save.saving') : at('save.pending')}
        </Typography.Text>
      );
      break;
    case 'error':
      body = (
        <Tooltip title={status.message ?? undefined}>
          <Typography.Text type="danger">
            <ExclamationCircleOutlined /> {at('save.failed')}
            <Button type="link" size="small" onClick={onRetry} style={{ paddingInline: 4 }}>
              {at('save.retryParen')}
            </Button>
          </Typography.Text>
        </Tooltip>
      );
      break;
    default:
      body = <Typography.Text type="secondary">{compact ? at('save.savedNothing') : at('save.autosaveHint')}</Typography.Text>;
  }
  return (
    <span className="as-save" data-testid="save-status" data-kind={status.kind} role="status" aria-live="polite">
      {body}
    </span>
  );
}

/** A plain download link to the PDF report (the browser saves the file). */
export function PdfButton({ assessmentId, label, ...rest }: { assessmentId: string; label: string } & Omit<ButtonProps, 'href'>) {
  return (
    <Button icon={<DownloadOutlined />} href={reportPdfUrl(assessmentId)} download {...rest}>
      {label}
    </Button>
  );
}
