import { App as AntApp, Alert, Button, Flex, Popconfirm, Progress, Tag, Typography, Upload, type UploadFile } from 'antd';
import { CameraOutlined, DeleteOutlined, DownloadOutlined, EyeOutlined, HistoryOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import {
  acceptAttribute,
  canPreview,
  downloadUrl,
  uploadMaterial,
  useMaterialsRefresh,
  useRemoveMaterial,
  type FileKind,
  type MaterialFile,
  type MaterialSlotView,
} from './api';

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function useKindText() {
  const { t } = useTranslation();
  const labels: Record<FileKind, string> = { pdf: t('materials.kindPdf'), image: t('materials.kindImage'), office: t('materials.kindOffice') };
  return (kinds: readonly FileKind[]) => kinds.map((k) => labels[k]).join(' / ');
}

export function SlotStatus({ slot }: { slot: MaterialSlotView }) {
  const { t } = useTranslation();
  if (slot.present) return <Tag color="success">{t('materials.statusUploaded')}</Tag>;
  if (slot.required && slot.current) return <Tag color="error">{t('materials.statusMissing')}</Tag>;
  return <Tag>{t('materials.statusOptional')}</Tag>;
}

/** One file: preview (PDF and images, in a new tab), download, remove (own current file). */
export function FileRow({ file, projectId, tags }: { file: MaterialFile; projectId: string; tags?: React.ReactNode }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const remove = useRemoveMaterial(projectId);
  const who = t('materials.uploadedBy', { name: file.uploaderName, org: file.uploaderOrgName, time: formatDateTime(file.uploadedAt) });
  return (
    <Flex wrap align="center" gap={8} style={{ padding: '6px 0', borderTop: '1px solid rgba(5, 5, 5, 0.06)' }}>
      <Flex vertical style={{ flex: '1 1 220px', minWidth: 0 }}>
        <Typography.Text ellipsis={{ tooltip: file.fileName }} style={{ maxWidth: '100%' }}>
          <PaperClipOutlined aria-hidden /> {file.fileName}
          {tags}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatSize(file.size)} · {who}
          {file.onBehalfOfOrgName ? t('materials.onBehalfOf', { org: file.onBehalfOfOrgName }) : ''}
        </Typography.Text>
      </Flex>
      <Flex gap={4} wrap>
        {canPreview(file.kind) ? (
          <Button size="small" icon={<EyeOutlined />} href={downloadUrl(file.id, true)} target="_blank" rel="noopener noreferrer" aria-label={`${t('materials.preview')} ${file.fileName}`}>
            {t('materials.preview')}
          </Button>
        ) : null}
        <Button size="small" icon={<DownloadOutlined />} href={downloadUrl(file.id)} aria-label={`${t('materials.download')} ${file.fileName}`}>
          {t('materials.download')}
        </Button>
        {file.canRemove ? (
          <Popconfirm
            title={t('materials.removeConfirm', { name: file.fileName })}
            okText={t('materials.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync(file.id).then(
                () => void message.success(t('materials.removed', { name: file.fileName })),
                (e: unknown) => void modal.error({ title: e instanceof ApiError ? e.message : t('errors.unknown'), okText: t('common.ok') }),
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending} aria-label={`${t('materials.remove')} ${file.fileName}`}>
              {t('materials.remove')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Flex>
  );
}

/** One slot of the checklist: status, the institution's request, upload (drag and drop, or the camera), files. */
export function UploadSlot({ projectId, slot, onVersions }: { projectId: string; slot: MaterialSlotView; onVersions?: (slot: MaterialSlotView) => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const me = useMe().data;
  const refresh = useMaterialsRefresh(projectId);
  const kindText = useKindText();
  const [inFlight, setInFlight] = useState<UploadFile[]>([]);
  const [cameraProgress, setCameraProgress] = useState<number | null>(null);
  const [lastError, setLastError] = useState<string | null>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const label = tx(slot.label);

  /** Uploads one file; reports success or the server's message. */
  async function send(file: File, onProgress: (p: number) => void): Promise<void> {
    if (file.size > slot.maxBytes) {
      const reason = t('materials.tooLarge', { size: formatSize(file.size), max: formatSize(slot.maxBytes) });
      setLastError(t('materials.uploadFailed', { name: file.name, reason }));
      throw new Error(reason);
    }
    try {
      setLastError(null);
      await uploadMaterial(projectId, slot.key, file, { onProgress, csrf: me?.csrfToken ?? null, networkMessage: t('materials.network') });
      void message.success(t('materials.uploaded', { name: file.name }));
    } catch (e) {
      const reason = e instanceof ApiError ? e.message : t('materials.network');
      setLastError(t('materials.uploadFailed', { name: file.name, reason }));
      throw e instanceof Error ? e : new Error(reason);
    } finally {
      await refresh();
    }
  }

  async function onCamera(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setCameraProgress(0);
    try {
      await send(file, setCameraProgress);
    } catch {
      // reported by send
    } finally {
      setCameraProgress(null);
    }
  }

  const headingId = `slot-${slot.key.replace(/\W/g, '-')}`;
  return (
    <section aria-labelledby={headingId} style={{ padding: '12px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
      <Flex wrap align="center" gap={8} justify="space-between">
        <Flex wrap align="center" gap={8} style={{ minWidth: 0 }}>
          <SlotStatus slot={slot} />
          <Typography.Text strong id={headingId}>
            {label}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {slot.required ? t('materials.required') : t('materials.optional')}
            {slot.current ? '' : ` · ${t('materials.earlierStage')}`}
          </Typography.Text>
        </Flex>
        {slot.versions > slot.files.length || onVersions ? (
          <Flex align="center" gap={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('materials.versions', { count: slot.versions })}
            </Typography.Text>
            {onVersions && slot.versions > 0 ? (
              <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => onVersions(slot)}>
                {t('materials.versionsOpen')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {slot.accept.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {t('materials.accepts', { kinds: kindText(slot.accept), size: formatSize(slot.maxBytes) })}
          {slot.canUpload ? ` · ${slot.multiple ? t('materials.multiple') : t('materials.single')}` : ''}
        </Typography.Paragraph>
      ) : null}
      {slot.requested ? (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title={slot.requested.requestedByOrgName ? t('materials.requestedBy', { org: slot.requested.requestedByOrgName }) : t('materials.requested')}
          description={
            <>
              {slot.requested.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{slot.requested.note}</div> : null}
              {slot.requested.dueOn ? <div>{t('materials.requestedDue', { date: formatDate(slot.requested.dueOn) })}</div> : null}
            </>
          }
        />
      ) : null}
      {slot.canUpload && slot.items ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('materials.uploadWithItems')}
        </Typography.Paragraph>
      ) : slot.canUpload ? (
        <div style={{ marginTop: 8 }}>
          <Upload.Dragger
            style={{ padding: 0 }}
            name="file"
            multiple={slot.multiple}
            accept={acceptAttribute(slot.accept)}
            fileList={inFlight}
            showUploadList={{ showRemoveIcon: false }}
            onChange={({ fileList }) => setInFlight(fileList.filter((f) => f.status === 'uploading'))}
            customRequest={(options) => {
              const file = options.file as File;
              send(file, (percent) => options.onProgress?.({ percent })).then(
                () => options.onSuccess?.({}),
                (e: unknown) => options.onError?.(e instanceof Error ? e : new Error(String(e))),
              );
            }}
          >
            <p className="ant-upload-text" style={{ margin: 0, fontSize: 14 }}>
              <InboxOutlined aria-hidden style={{ color: 'var(--ant-color-primary, #1d4ed8)', marginInlineEnd: 8 }} />
              {t('materials.dragHint')}
            </p>
            <p className="ant-upload-hint" style={{ margin: 0, fontSize: 12 }}>
              {t('materials.dragHintSub')}
            </p>
          </Upload.Dragger>
          {slot.accept.includes('image') ? (
            <Flex align="center" gap={8} style={{ marginTop: 8 }} wrap>
              <Button icon={<CameraOutlined />} onClick={() => cameraInput.current?.click()} disabled={cameraProgress !== null}>
                {t('materials.camera')}
              </Button>
              <input ref={cameraInput} type="file" accept="image/*" capture="environment" hidden onChange={(e) => void onCamera(e)} aria-label={`${t('materials.camera')} ${label}`} />
              {cameraProgress !== null ? <Progress percent={cameraProgress} size="small" style={{ flex: '1 1 160px', margin: 0 }} /> : null}
            </Flex>
          ) : null}
        </div>
      ) : slot.current && slot.reasonCode === 'ROLE_NOT_ALLOWED' ? (
        // someone else's slot: say whose, not that the caller may not
        slot.uploaders.some((r) => r.startsWith('institution')) ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
            {t('materials.byInstitution')}
          </Typography.Paragraph>
        ) : null
      ) : slot.reason && slot.current ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {tx(slot.reason)}
        </Typography.Paragraph>
      ) : null}
      {lastError ? <Alert style={{ marginTop: 8 }} type="error" showIcon closable={{ onClose: () => setLastError(null) }} title={lastError} role="alert" /> : null}
      <div style={{ marginTop: 8 }}>
        {slot.files.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('materials.empty')}
          </Typography.Text>
        ) : (
          slot.files.map((f) => <FileRow key={f.id} file={f} projectId={projectId} />)
        )}
      </div>
    </section>
  );
}
