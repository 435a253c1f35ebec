import { App as AntApp, Button, Form, Input, Modal, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useTransition } from '../api/hooks';
import type { ProjectAction, ProjectDetail } from '../api/types';
import { useLang } from '../i18n';
import { ErrorDetails } from './ErrorDetails';

/** Returns, refusals and withdrawals are never the suggested (primary) next step. */
export function isNegative(event: string): boolean {
  return /return|reject|withdraw|close|cancel|dispute|refuse/i.test(event);
}

/** Ending something for good is shown in red. */
function isDestructive(event: string): boolean {
  return /reject|withdraw|close|cancel/i.test(event);
}

/**
 * The workflow actions the server offers on this project, as buttons. An action that is not allowed now is
 * shown disabled with its reasons in a tooltip; irreversible ones confirm in a Modal; returns and refusals
 * ask for a reason.
 */
export function ProjectActions({
  project,
  onDone,
  primaryEvent,
}: {
  project: ProjectDetail;
  onDone?: (event: string, p: ProjectDetail) => void;
  /** The event to render as the primary button (defaults to the first allowed one). */
  primaryEvent?: string;
}) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { modal, message } = AntApp.useApp();
  const transition = useTransition(project.id);
  const [reasonFor, setReasonFor] = useState<ProjectAction | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const primary = primaryEvent ?? project.actions.find((a) => a.allowed && !isNegative(a.event))?.event;

  const fire = (a: ProjectAction, reason?: string) =>
    transition.mutateAsync({ event: a.event, reason }).then(
      (p) => {
        void message.success(t('detail.actionDone', { action: tx(a.label) }));
        onDone?.(a.event, p);
      },
      (e: unknown) => {
        modal.error({
          title: e instanceof ApiError ? e.message : t('errors.unknown'),
          content: <ErrorDetails error={e} />,
          okText: t('common.ok'),
        });
        throw e;
      },
    );

  const start = (a: ProjectAction) => {
    if (a.needsReason) {
      form.resetFields();
      setReasonFor(a);
      return;
    }
    if (a.confirm) {
      modal.confirm({
        title: tx(a.label),
        content: tx(a.confirm),
        okText: t('common.confirm'),
        cancelText: t('common.cancel'),
        onOk: () => fire(a).catch(() => undefined),
      });
      return;
    }
    void fire(a).catch(() => undefined);
  };

  if (project.actions.length === 0) return null;
  return (
    <>
      {project.actions.map((a) => {
        const button = (
          <Button
            key={a.event}
            type={a.event === primary && a.allowed ? 'primary' : 'default'}
            danger={isDestructive(a.event)}
            disabled={!a.allowed}
            loading={transition.isPending && transition.variables?.event === a.event}
            onClick={() => start(a)}
            data-event={a.event}
          >
            {tx(a.label)}
          </Button>
        );
        if (a.allowed) return button;
        const why = a.reasons.length > 0 ? a.reasons.map((r) => tx(r)).join('；') : t('detail.notAllowedNow');
        return (
          <Tooltip key={a.event} title={why}>
            <span style={{ display: 'inline-block' }}>{button}</span>
          </Tooltip>
        );
      })}
      <Modal
        open={reasonFor !== null}
        title={reasonFor ? tx(reasonFor.label) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={transition.isPending}
        onCancel={() => setReasonFor(null)}
        destroyOnHidden
        onOk={() => {
          void form.validateFields().then(async (v) => {
            if (!reasonFor) return;
            try {
              await fire(reasonFor, v.reason.trim());
              setReasonFor(null);
            } catch {
              // shown by fire()
            }
          });
        }}
      >
        {reasonFor?.confirm ? <p>{tx(reasonFor.confirm)}</p> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('detail.reasonLabel')} rules={[{ required: true, whitespace: true, min: 2, message: t('detail.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('detail.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
