import { Alert, Button, type ButtonProps, DatePicker, Flex, Input, Modal, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ThunderboltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorDetails } from '../../components/ErrorDetails';
import { ErrorState } from '../../components/ErrorState';
import { useLang } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { useAssignInstitutions, type AssignResult } from './diagnosisApi';
import { useAssignableInstitutions, type Assignment } from '../../api/evaluation';

const AUTO = 'auto';
const NOTE_MAX = 500;

export interface AssignTarget {
  id: string;
  title: string;
}

/**
 * 分配机构: one project or a batch. Lists the certified institutions with their open and overdue diagnosis tasks,
 * marks the least loaded (推荐), lets the bureau pick one or leave it to the platform (a batch is spread by
 * workload), with an optional due date and note; then shows each project's result.
 */
export function AssignDialog({
  open,
  projects,
  assignment = 'diagnosis',
  onClose,
}: {
  open: boolean;
  projects: AssignTarget[];
  /** Which assignment this is: the kinds offered and the conflicts flagged come from the server's table. */
  assignment?: Assignment;
  onClose: (assigned: string[]) => void;
}) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const workload = useAssignableInstitutions(
    assignment,
    projects.map((p) => p.id),
    open,
  );
  const evaluation = assignment === 'evaluation';
  const assign = useAssignInstitutions();
  const many = projects.length > 1;
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [dueOn, setDueOn] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [results, setResults] = useState<AssignResult[] | null>(null);

  // A fresh dialog every time it opens: a batch starts on automatic, a single project on the suggestion.
  const suggestedId = workload.data?.find((w) => w.suggested)?.id;
  useEffect(() => {
    if (!open) return;
    setResults(null);
    setDueOn(undefined);
    setNote('');
    assign.reset();
    setChoice(undefined);
  }, [open]);
  useEffect(() => {
    if (open && choice === undefined && workload.data) setChoice(many ? AUTO : (suggestedId ?? AUTO));
  }, [open, choice, workload.data, many, suggestedId]);

  // The suggestion first, then the least loaded (the server lists them by name).
  const sortedLoads = [...(workload.data ?? [])].sort(
    (a, b) => Number(a.conflict !== null) - Number(b.conflict !== null) || Number(b.suggested) - Number(a.suggested) || a.open - b.open || a.overdue - b.overdue,
  );
  const titleOf = new Map(projects.map((p) => [p.id, p.title]));
  const close = () => onClose((results ?? []).filter((r) => r.ok).map((r) => r.projectId));

  const submit = () => {
    assign.mutate(
      {
        projectIds: projects.map((p) => p.id),
        institutionId: choice && choice !== AUTO ? choice : undefined,
        dueOn,
        note: note.trim() || undefined,
      },
      { onSuccess: (r) => setResults(r.results) },
    );
  };

  if (results) {
    const ok = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    return (
      <Modal
        open={open}
        title={t('diagnosis2b.resultTitle')}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close} data-testid="assign-done">
            {t('diagnosis2b.done')}
          </Button>
        }
        width={640}
        destroyOnHidden
      >
        <Result
          status={failed.length === 0 ? 'success' : ok.length === 0 ? 'error' : 'warning'}
          title={
            <span data-testid="assign-summary">
              {t('diagnosis2b.resultOk', { count: ok.length })}
              {failed.length > 0 ? `，${t('diagnosis2b.resultFailed', { count: failed.length })}` : ''}
            </span>
          }
          subTitle={failed.length === 0 ? t('diagnosis2b.resultAllOk') : undefined}
          style={{ padding: '12px 0' }}
        />
        <Flex vertical gap={6} role="list" aria-label={t('diagnosis2b.resultTitle')} style={{ maxHeight: 320, overflowY: 'auto' }}>
          {failed.map((r) => (
            <Flex key={r.projectId} gap={8} align="start" role="listitem" data-testid="assign-failed">
              <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} aria-hidden />
              <Typography.Text>
                {t('diagnosis2b.resultFailRow', { title: titleOf.get(r.projectId) ?? r.projectId, message: r.message ? tx(r.message) : (r.code ?? '') })}
              </Typography.Text>
            </Flex>
          ))}
          {ok.map((r) => (
            <Flex key={r.projectId} gap={8} align="start" role="listitem" data-testid="assign-ok">
              <CheckCircleFilled style={{ color: '#237804', marginTop: 4 }} aria-hidden />
              <Typography.Text>
                {t('diagnosis2b.resultRow', { title: titleOf.get(r.projectId) ?? r.projectId, institution: r.institution?.name ?? '—', due: r.dueOn ?? '—' })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Modal>
    );
  }

  const shown = projects.slice(0, 3);
  return (
    <Modal
      open={open}
      title={
        evaluation
          ? many
            ? t('evaluation.assign.titleMany', { count: projects.length })
            : t('evaluation.assign.title')
          : many
            ? t('diagnosis2b.dialogTitleMany', { count: projects.length })
            : t('diagnosis2b.dialogTitle')
      }
      onCancel={() => onClose([])}
      onOk={submit}
      okText={assign.isPending ? t('diagnosis2b.submitting') : t('diagnosis2b.submit')}
      okButtonProps={{ disabled: !choice || projects.length === 0 || !workload.data, loading: assign.isPending, 'data-testid': 'assign-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <Flex vertical gap={14}>
        <div>
          <Typography.Text type="secondary">{t('diagnosis2b.dialogProjects')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {shown.map((p) => (
              <li key={p.id}>
                <Typography.Text ellipsis={{ tooltip: p.title }} style={{ maxWidth: '100%' }}>
                  {p.title}
                </Typography.Text>
              </li>
            ))}
          </ul>
          {projects.length > shown.length ? <Typography.Text type="secondary">{t('diagnosis2b.moreProjects', { count: projects.length - shown.length })}</Typography.Text> : null}
        </div>
        <div>
          <Typography.Text strong id="assign-institution-label">
            {t('diagnosis2b.chooseInstitution')}
          </Typography.Text>
          {workload.isPending ? (
            <Flex align="center" gap={8} style={{ padding: 16 }}>
              <Spin size="small" />
              <Typography.Text type="secondary">{t('diagnosis2b.workloadLoading')}</Typography.Text>
            </Flex>
          ) : workload.isError ? (
            <ErrorState error={workload.error} onRetry={() => void workload.refetch()} />
          ) : (
            <Radio.Group
              value={choice}
              onChange={(e) => setChoice(e.target.value as string)}
              aria-labelledby="assign-institution-label"
              style={{ width: '100%', marginTop: 6 }}
            >
              <Flex vertical gap={6} style={{ maxHeight: 'min(36vh, 360px)', overflowY: 'auto', paddingInlineEnd: 4 }}>
                <div data-testid="assign-auto" style={optionStyle(choice === AUTO)}>
                  <Radio value={AUTO}>
                    <Space size={6} wrap>
                      <ThunderboltOutlined aria-hidden />
                      <Typography.Text strong>{t('diagnosis2b.autoOption')}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('diagnosis2b.autoHint')}
                    </Typography.Text>
                  </Radio>
                </div>
                {evaluation ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="assign-evaluation-rule">
                    {t('evaluation.assign.rule')}
                  </Typography.Text>
                ) : null}
                {sortedLoads.map((w) => (
                  <div
                    key={w.id}
                    data-testid="assign-institution"
                    data-suggested={w.suggested ? 'true' : undefined}
                    data-conflict={w.conflict ? 'true' : undefined}
                    style={{ ...optionStyle(choice === w.id), ...(w.conflict ? { background: '#fafafa' } : {}) }}
                  >
                    <Radio value={w.id} disabled={w.conflict !== null}>
                      <Flex wrap gap={6} align="center">
                        <Typography.Text strong>{w.name}</Typography.Text>
                        <Tag style={{ marginInlineEnd: 0 }}>{w.kind === 'comprehensive' ? t('diagnosis2b.kindComprehensive') : t('diagnosis2b.kindDiagnostic')}</Tag>
                        {w.suggested ? (
                          <Tag color="green" style={{ marginInlineEnd: 0 }}>
                            {t('diagnosis2b.suggested')}
                          </Tag>
                        ) : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('diagnosis2b.workloadOpen', { count: w.open })}
                          {' · '}
                          {w.overdue > 0 ? (
                            <Typography.Text type="danger" style={{ fontSize: 12 }}>
                              {t('diagnosis2b.workloadOverdue', { count: w.overdue })}
                            </Typography.Text>
                          ) : (
                            t('diagnosis2b.workloadOverdue', { count: 0 })
                          )}
                        </Typography.Text>
                      </Flex>
                      {w.conflict ? (
                        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="assign-conflict">
                          {t('evaluation.assign.conflict', { reason: tx(w.conflict) })}
                        </Typography.Text>
                      ) : null}
                    </Radio>
                  </div>
                ))}
              </Flex>
            </Radio.Group>
          )}
        </div>
        <Flex vertical gap={4}>
          <Typography.Text strong id="assign-due-label">
            {t('diagnosis2b.dueOptional')}
          </Typography.Text>
          <DatePicker
            aria-labelledby="assign-due-label"
            value={dueOn ? dayjs(dueOn) : null}
            onChange={(d) => setDueOn(d ? d.format('YYYY-MM-DD') : undefined)}
            disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()}
            style={{ maxWidth: 240 }}
            inputReadOnly
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('diagnosis2b.dueHint')}
          </Typography.Text>
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text strong id="assign-note-label">
            {t('diagnosis2b.noteLabel')}
          </Typography.Text>
          <Input.TextArea
            aria-labelledby="assign-note-label"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('diagnosis2b.notePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={NOTE_MAX}
            showCount
          />
        </Flex>
        {assign.isError ? <Alert type="error" showIcon role="alert" title={`${t('diagnosis2b.assignFailed')}：${assign.error.message}`} description={<ErrorDetails error={assign.error} />} /> : null}
      </Flex>
    </Modal>
  );
}

function optionStyle(selected: boolean) {
  return {
    display: 'block',
    border: `1px solid ${selected ? '#1558d6' : '#d9d9d9'}`,
    background: selected ? '#f0f5ff' : undefined,
    borderRadius: 6,
    padding: '6px 10px',
  } as const;
}
