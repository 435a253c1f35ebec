import { Alert, Card, Drawer, Empty, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { useLang } from '../../i18n';
import { roleGroup } from '../../lib/roles';
import { ErrorState } from '../ErrorState';
import { useMaterials, useSlotVersions, type MaterialSlotView } from './api';
import { FileRow, UploadSlot } from './UploadSlot';

function VersionsDrawer({ projectId, slot, onClose }: { projectId: string; slot: MaterialSlotView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const q = useSlotVersions(projectId, slot?.key ?? null);
  return (
    <Drawer open={slot !== null} onClose={onClose} size={520} title={slot ? t('materials.versionsTitle', { label: tx(slot.label) }) : ''} destroyOnHidden>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('materials.empty')} />
      ) : (
        q.data.map((f) => (
          <FileRow
            key={f.id}
            file={{ ...f, canRemove: false }}
            projectId={projectId}
            tags={
              <>
                {' '}
                {f.removedAt ? (
                  <Tag color="error">{t('materials.removedTag')}</Tag>
                ) : f.supersededAt ? (
                  <Tag>{t('materials.superseded')}</Tag>
                ) : (
                  <Tag color="success">{t('materials.current')}</Tag>
                )}
              </>
            }
          />
        ))
      )}
    </Drawer>
  );
}

/**
 * The project's materials for the caller: one row per slot of the current stage (and earlier slots holding
 * files), what is still missing on top. Hidden when the stage asks for nothing and nothing was uploaded.
 */
export function MaterialChecklist({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const me = useMe().data;
  const bureau = roleGroup(me?.role ?? '') === 'bureau';
  const q = useMaterials(projectId);
  const [versionsOf, setVersionsOf] = useState<MaterialSlotView | null>(null);

  if (q.isPending) {
    return (
      <Card size="small" title={t('materials.title')} style={{ marginBottom: 16 }}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (q.isError) {
    return (
      <Card size="small" title={t('materials.title')} style={{ marginBottom: 16 }}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    );
  }
  const { slots, missing } = q.data;
  if (slots.length === 0) return null;
  const anyRequired = slots.some((s) => s.current && s.required);
  const labels = missing.map((m) => tx(m)).join('、');

  return (
    <Card size="small" title={t('materials.title')} style={{ marginBottom: 16 }} styles={{ body: { paddingTop: 8 } }}>
      {missing.length > 0 ? (
        <Alert type="error" showIcon role="status" title={t('materials.missingSummary', { count: missing.length, labels })} />
      ) : anyRequired ? (
        <Alert type="success" showIcon role="status" title={t('materials.complete')} />
      ) : (
        <Typography.Text type="secondary">{t('materials.noRequired')}</Typography.Text>
      )}
      {slots.map((slot) => (
        <UploadSlot key={slot.key} projectId={projectId} slot={slot} {...(bureau ? { onVersions: setVersionsOf } : {})} />
      ))}
      {bureau ? <VersionsDrawer projectId={projectId} slot={versionsOf} onClose={() => setVersionsOf(null)} /> : null}
    </Card>
  );
}
