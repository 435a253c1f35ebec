import { App as AntApp, Alert, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Row, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, DeleteOutlined, DownloadOutlined, EditOutlined, EyeOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import {
  TRAINING_SLOT,
  uploadSessionFile,
  useAddNote,
  useImplementation,
  useImplementationRefresh,
  useProgressNotes,
  useRemoveSession,
  useRemoveSessionFile,
  useSaveSession,
  useSetAcceptance,
  useTrainingSessions,
  type ImplementationSummary,
  type SessionInput,
  type TrainingSession,
} from '../../api/implementation';
import { ErrorState } from '../../components/ErrorState';
import { acceptAttribute, useMaterials, type MaterialSlotView } from '../../components/materials/api';
import { WRAP } from '../../components/ProjectPanels';
import { applyFieldErrors } from '../../lib/formErrors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLang } from '../../i18n';

/** What the training-records slot takes, until the checklist (which says it from the table) has loaded. */
const FALLBACK_SLOT: Pick<MaterialSlotView, 'accept' | 'maxBytes'> = { accept: ['pdf', 'image'], maxBytes: 50 * 1024 * 1024 };

function errorText(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

// ---- the dialog for one session -------------------------------------------------------------------------

interface SessionForm {
  heldOn: Dayjs | null;
  topic: string;
  trainer: string;
  trainees: number | null;
  traineeNames: string;
}

const FORM_FIELDS = ['heldOn', 'topic', 'trainer', 'trainees', 'traineeNames'] as const;

function SessionDialog({ projectId, summary, session, open, onClose }: { projectId: string; summary: ImplementationSummary; session: TrainingSession | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SessionForm>();
  const save = useSaveSession(projectId);
  const [error, setError] = useState<string | null>(null);
  const earliest = summary.earliestOn;
  const basis = summary.earliestBasis === 'contract' ? t('implementation.basisContract') : t('implementation.basisFiling');

  const submit = async (v: SessionForm) => {
    setError(null);
    const input: SessionInput = { heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '', topic: v.topic ?? '', trainer: v.trainer ?? '', trainees: v.trainees ?? 0, traineeNames: v.traineeNames ?? '' };
    try {
      await save.mutateAsync({ id: session?.id ?? null, input });
      void message.success(t('implementation.sessionSaved'));
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e, { fields: FORM_FIELDS });
      if (!(e instanceof ApiError) || e.fields.length === 0 || rest.length > 0) setError(errorText(e, t('errors.unknown')));
    }
  };

  return (
    <Modal
      open={open}
      title={session ? t('implementation.dialogEdit') : t('implementation.dialogAdd')}
      okText={t('implementation.save')}
      cancelText={t('implementation.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<SessionForm>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void submit(v)}
        initialValues={
          session
            ? { heldOn: dayjs(session.heldOn), topic: session.topic, trainer: session.trainer, trainees: session.trainees, traineeNames: session.traineeNames }
            : { heldOn: null, topic: '', trainer: '', trainees: null, traineeNames: '' }
        }
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="heldOn"
              label={t('implementation.heldOn')}
              rules={[{ required: true, message: t('implementation.heldOnRequired') }]}
              extra={earliest ? t('implementation.heldOnHint', { earliest: formatDate(earliest), basis }) : undefined}
            >
              <DatePicker
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                disabledDate={(d) => d.isAfter(dayjs(summary.today), 'day') || Boolean(earliest && d.isBefore(dayjs(earliest), 'day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="trainees" label={t('implementation.trainees')} rules={[{ required: true, type: 'integer', min: 1, message: t('implementation.traineesRequired') }]}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="topic" label={t('implementation.topic')} rules={[{ required: true, whitespace: true, message: t('implementation.topicRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="trainer" label={t('implementation.trainer')} rules={[{ required: true, whitespace: true, message: t('implementation.trainerRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="traineeNames" label={t('implementation.traineeNames')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('implementation.traineeNamesPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- one session ----------------------------------------------------------------------------------------

function SessionFiles({ projectId, session, canWrite }: { projectId: string; session: TrainingSession; canWrite: boolean }) {
  const { t } = useTranslation();
  const slot = useMaterials(projectId).data?.slots.find((x) => x.key === TRAINING_SLOT) ?? FALLBACK_SLOT;
  const { message, modal } = AntApp.useApp();
  const me = useMe().data;
  const refresh = useImplementationRefresh(projectId);
  const removeFile = useRemoveSessionFile(projectId);
  const [progress, setProgress] = useState<number | null>(null);
  const [lastError, setLastError] = useState<string | null>(null);

  async function send(file: File) {
    setLastError(null);
    if (file.size > slot.maxBytes) {
      setLastError(t('implementation.uploadFailed', { name: file.name, reason: t('implementation.tooLarge', { size: sizeText(file.size), max: sizeText(slot.maxBytes) }) }));
      return;
    }
    setProgress(0);
    try {
      await uploadSessionFile(projectId, session.id, file, { onProgress: setProgress, csrf: me?.csrfToken ?? null, networkMessage: t('implementation.network') });
      void message.success(t('implementation.uploaded', { name: file.name }));
    } catch (e) {
      setLastError(t('implementation.uploadFailed', { name: file.name, reason: errorText(e, t('implementation.network')) }));
    } finally {
      setProgress(null);
      await refresh();
    }
  }

  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('implementation.files')}
      </Typography.Text>
      {session.files.length === 0 ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('implementation.filesEmpty')}
          </Typography.Text>
        </div>
      ) : (
        session.files.map((f) => (
          <Flex key={f.id} wrap align="center" gap={8} style={{ padding: '4px 0' }} data-testid="session-file">
            <Typography.Text ellipsis={{ tooltip: f.fileName }} style={{ flex: '1 1 180px', minWidth: 0 }}>
              <PaperClipOutlined aria-hidden /> {f.fileName}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sizeText(f.size)} · {f.uploaderOrgName} · {formatDateTime(f.uploadedAt)}
              </Typography.Text>
            </Typography.Text>
            <Flex gap={4} wrap>
              {f.kind === 'pdf' || f.kind === 'image' ? (
                <Button size="small" icon={<EyeOutlined />} href={`/api/v1/materials/${f.id}/download?inline=1`} target="_blank" rel="noopener noreferrer" aria-label={`${t('implementation.preview')} ${f.fileName}`}>
                  {t('implementation.preview')}
                </Button>
              ) : null}
              <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/materials/${f.id}/download`} aria-label={`${t('materials.download')} ${f.fileName}`} />
              {f.canRemove ? (
                <Popconfirm
                  title={t('implementation.removeFileConfirm', { name: f.fileName })}
                  okText={t('implementation.removeFile')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('implementation.cancel')}
                  onConfirm={() =>
                    removeFile.mutateAsync(f.id).then(
                      () => void message.success(t('implementation.fileRemoved', { name: f.fileName })),
                      (e: unknown) => void modal.error({ title: errorText(e, t('errors.unknown')), okText: t('common.ok') }),
                    )
                  }
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('implementation.removeFile')} ${f.fileName}`} />
                </Popconfirm>
              ) : null}
            </Flex>
          </Flex>
        ))
      )}
      {canWrite ? (
        <Flex wrap align="center" gap={8} style={{ marginTop: 4 }}>
          <Upload
            accept={acceptAttribute(slot.accept)}
            multiple
            showUploadList={false}
            customRequest={(options) => {
              void send(options.file as File).then(() => options.onSuccess?.({}));
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={progress !== null} aria-label={`${t('implementation.upload')}：${session.topic}`}>
              {t('implementation.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('implementation.uploadHint', { kinds: slot.accept.map((k) => t(`implementation.kind_${k}`)).join('、'), size: sizeText(slot.maxBytes) })}
          </Typography.Text>
          {progress !== null ? <Progress percent={progress} size="small" style={{ flex: '1 1 120px', margin: 0 }} /> : null}
        </Flex>
      ) : null}
      {lastError ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={lastError} role="alert" closable={{ onClose: () => setLastError(null) }} /> : null}
    </div>
  );
}

function SessionItem({ projectId, session, canWrite, onEdit }: { projectId: string; session: TrainingSession; canWrite: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const remove = useRemoveSession(projectId);
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="training-session">
      <Flex wrap justify="space-between" gap={8} align="flex-start">
        <Flex vertical style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Flex wrap gap={8} align="center">
            <Typography.Text strong>{formatDate(session.heldOn)}</Typography.Text>
            <Typography.Text strong style={WRAP}>
              {session.topic}
            </Typography.Text>
            {session.files.length === 0 ? <Tag color="warning">{t('implementation.filesMissingTag')}</Tag> : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('implementation.trainerText', { name: session.trainer })} · {t('implementation.traineesText', { count: session.trainees })}
          </Typography.Text>
          {session.traineeNames ? (
            <Typography.Paragraph type="secondary" style={{ ...WRAP, fontSize: 12, marginBottom: 0 }}>
              {t('implementation.traineeNames')}：{session.traineeNames}
            </Typography.Paragraph>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('implementation.recordedBy', { org: session.createdByOrgName, name: session.createdByName })}
            {session.onBehalfOfOrgName ? t('implementation.onBehalfOf', { org: session.onBehalfOfOrgName }) : ''}
          </Typography.Text>
        </Flex>
        {canWrite ? (
          <Flex gap={4}>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              {t('implementation.editSession')}
            </Button>
            <Popconfirm
              title={t('implementation.removeSessionConfirm', { topic: session.topic })}
              okText={t('implementation.removeSession')}
              okButtonProps={{ danger: true }}
              cancelText={t('implementation.cancel')}
              onConfirm={() =>
                remove.mutateAsync(session.id).then(
                  () => void message.success(t('implementation.sessionRemoved')),
                  (e: unknown) => void modal.error({ title: errorText(e, t('errors.unknown')), okText: t('common.ok') }),
                )
              }
            >
              <Button size="small" danger icon={<DeleteOutlined />}>
                {t('implementation.removeSession')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      <div style={{ marginTop: 8 }}>
        <SessionFiles projectId={projectId} session={session} canWrite={canWrite} />
      </div>
    </Card>
  );
}

// ---- the parts of the card ------------------------------------------------------------------------------

function Check({ ok, text }: { ok: boolean; text: string }) {
  return (
    <List.Item style={{ padding: '4px 0' }}>
      <Flex gap={8} align="flex-start">
        {ok ? <CheckCircleTwoTone twoToneColor="#16a34a" aria-hidden /> : <CloseCircleTwoTone twoToneColor="#dc2626" aria-hidden />}
        <Typography.Text delete={ok} type={ok ? 'secondary' : undefined}>
          {text}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function Checklist({ summary }: { summary: ImplementationSummary }) {
  const { t } = useTranslation();
  const items = [
    { ok: summary.sessionsWithFiles > 0, text: t('implementation.checkTraining') },
    { ok: summary.acceptedOn !== null, text: t('implementation.checkAcceptanceDate') },
    { ok: summary.acceptanceReportPresent, text: t('implementation.checkAcceptanceReport') },
  ];
  const done = items.every((i) => i.ok);
  return (
    <section aria-labelledby="impl-checklist" data-testid="implementation-checklist" style={{ marginBottom: 16 }}>
      <Typography.Text strong id="impl-checklist">
        {t('implementation.checklistTitle')}
      </Typography.Text>
      {done ? <Alert type="success" showIcon title={t('implementation.checklistDone')} style={{ marginTop: 8 }} /> : null}
      <List size="small" split={false} dataSource={items} renderItem={(i) => <Check ok={i.ok} text={i.text} />} />
    </section>
  );
}

function Acceptance({ projectId, summary }: { projectId: string; summary: ImplementationSummary }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const set = useSetAcceptance(projectId);
  const [value, setValue] = useState<Dayjs | null>(summary.acceptedOn ? dayjs(summary.acceptedOn) : null);
  const [error, setError] = useState<string | null>(null);
  const lower = [summary.earliestOn, summary.firstTrainingOn].filter((d): d is string => Boolean(d)).sort().pop() ?? null;
  const save = async () => {
    setError(null);
    if (!value) return;
    try {
      await set.mutateAsync(value.format('YYYY-MM-DD'));
      void message.success(t('implementation.acceptanceSaved'));
    } catch (e) {
      setError(errorText(e, t('errors.unknown')));
    }
  };
  return (
    <section aria-labelledby="impl-acceptance">
      <Typography.Title level={5} id="impl-acceptance" style={{ marginTop: 0 }}>
        {t('implementation.acceptanceTitle')}
      </Typography.Title>
      {summary.canSetAcceptance ? (
        <Flex wrap gap={8} align="center">
          <DatePicker
            aria-label={t('implementation.acceptedOn')}
            value={value}
            onChange={(d) => setValue(d)}
            format="YYYY-MM-DD"
            style={{ width: 180 }}
            disabledDate={(d) => d.isAfter(dayjs(summary.today), 'day') || Boolean(lower && d.isBefore(dayjs(lower), 'day'))}
          />
          <Button type="primary" ghost onClick={() => void save()} loading={set.isPending} disabled={!value || value.format('YYYY-MM-DD') === summary.acceptedOn}>
            {t('implementation.acceptanceSave')}
          </Button>
        </Flex>
      ) : (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {t('implementation.acceptedOn')}：{summary.acceptedOn ? formatDate(summary.acceptedOn) : t('implementation.acceptedOnNone')}
        </Typography.Paragraph>
      )}
      {summary.canSetAcceptance ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {t('implementation.acceptedOnHint')}
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 8 }} /> : null}
      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        {summary.acceptanceReportPresent ? <Tag color="success">{t('implementation.acceptanceReportPresent')}</Tag> : <Tag color="error">{t('implementation.acceptanceReportMissing')}</Tag>}
        {summary.canSetAcceptance && !summary.acceptanceReportPresent ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('implementation.acceptanceReportHint')}
          </Typography.Text>
        ) : null}
      </Flex>
    </section>
  );
}

function Notes({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const notes = useProgressNotes(projectId);
  const add = useAddNote(projectId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    if (!body.trim()) {
      setError(t('implementation.noteRequired'));
      return;
    }
    try {
      await add.mutateAsync(body);
      setBody('');
      void message.success(t('implementation.noteAdded'));
    } catch (e) {
      setError(errorText(e, t('errors.unknown')));
    }
  };
  return (
    <section aria-labelledby="impl-notes">
      <Typography.Title level={5} id="impl-notes" style={{ marginTop: 0 }}>
        {t('implementation.notesTitle')}
      </Typography.Title>
      {canWrite ? (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Input.TextArea
            aria-label={t('implementation.notesTitle')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={2000}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('implementation.notePlaceholder')}
          />
          {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
          <div>
            <Button onClick={() => void submit()} loading={add.isPending}>
              {t('implementation.noteAdd')}
            </Button>
          </div>
        </Flex>
      ) : null}
      {notes.error ? (
        <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : (notes.data ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('implementation.notesEmpty')}</Typography.Text>
      ) : (
        <Timeline
          data-testid="progress-notes"
          items={(notes.data ?? []).map((n) => ({
            key: n.id,
            content: (
              <div>
                <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }}>{n.body}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)} · {n.authorOrgName} {n.authorName}
                  {n.onBehalfOfOrgName ? t('implementation.onBehalfOf', { org: n.onBehalfOfOrgName }) : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}

// ---- the card -------------------------------------------------------------------------------------------

/** 改造实施 on the project page (stage 5 on): training sessions and their files, progress notes, the acceptance. */
export function ImplementationCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const me = useMe().data;
  const relevant = project.stage >= 5;
  const summary = useImplementation(project.id, relevant);
  const sessions = useTrainingSessions(project.id, relevant);
  const [editing, setEditing] = useState<TrainingSession | 'new' | null>(null);
  // The materials checklist on the same page uploads and removes files (the acceptance report, a session's
  // files), and the page's actions move the project: whenever either reloads, so does this record.
  const qc = useQueryClient();
  const materialsAt = useMaterials(project.id).dataUpdatedAt;
  const signal = `${materialsAt}|${project.state}|${project.updatedAt}`;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!relevant) return;
    const before = seen.current;
    seen.current = signal;
    if (before === null || before === signal || before.startsWith('0|')) return;
    void qc.invalidateQueries({ queryKey: ['implementation', project.id] });
  }, [qc, signal, project.id, relevant]);
  if (!relevant) return null;
  if (summary.error) {
    return (
      <Card title={t('implementation.title')} style={{ marginBottom: 16 }}>
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      </Card>
    );
  }
  const s = summary.data;
  if (!s) return <Card title={t('implementation.title')} loading style={{ marginBottom: 16 }} />;
  const implementing = s.state === 'implementation';
  // Ended before implementation began: nothing to show.
  if (!implementing && s.sessions === 0 && !s.acceptedOn && !s.acceptanceReportPresent) return null;
  const isEnterprise = me?.org.type === 'enterprise';
  const list = sessions.data ?? [];
  return (
    <Card
      title={t('implementation.title')}
      style={{ marginBottom: 16 }}
      data-testid="implementation-card"
      extra={s.canWrite ? null : <Tag>{t('implementation.readOnly')}</Tag>}
    >
      {implementing && s.canWrite ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('implementation.introWrite')}
          description={isEnterprise ? t('implementation.introEnterprise') : t('implementation.introProvider')}
        />
      ) : implementing && s.readOnlyReason ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tx(s.readOnlyReason)} />
      ) : null}
      {implementing ? <Checklist summary={s} /> : null}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <section aria-labelledby="impl-sessions">
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
              <Typography.Title level={5} id="impl-sessions" style={{ margin: 0 }}>
                {t('implementation.sessionsTitle')}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {t('implementation.sessionsCount', { count: list.length })}
                </Typography.Text>
              </Typography.Title>
              {s.canWrite ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('implementation.addSession')}
                </Button>
              ) : null}
            </Flex>
            {sessions.error ? (
              <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
            ) : list.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('implementation.sessionsEmpty')} />
            ) : (
              list.map((x) => <SessionItem key={x.id} projectId={project.id} session={x} canWrite={s.canWrite} onEdit={() => setEditing(x)} />)
            )}
          </section>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Acceptance key={s.acceptedOn ?? 'none'} projectId={project.id} summary={s} />
            <Notes projectId={project.id} canWrite={s.canWrite} />
          </Flex>
        </Col>
      </Row>
      {editing !== null ? (
        <SessionDialog projectId={project.id} summary={s} session={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}
