import { App as AntApp, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useMaterialLabels, useTransition } from '../api/hooks';
import type { ProjectAction, ProjectDetail } from '../api/types';
import { useLang } from '../i18n';
import { ActionDialog } from './ActionDialog';
import { buttonPropsOf, whyNot } from './projectView';
import { ErrorDetails } from './ErrorDetails';

/** Names of material slots for a project (the checklist's labels; the key while they load). */
export function useMaterialName(project: Pick<ProjectDetail, 'id' | 'actions'>): (key: string) => string {
  const { tx } = useLang();
  const needed = project.actions.some((a) => a.missingMaterials.length > 0);
  const labels = useMaterialLabels(project.id, needed).data;
  return (key: string) => {
    const l = labels?.get(key);
    return l ? tx(l) : key;
  };
}

/** An action needs its dialog when it asks for input, a reason or a confirmation. */
const needsDialog = (a: ProjectAction) => a.input !== null || a.needsReason || a.confirm !== null;

/**
 * The workflow actions the server offers on this project, as buttons styled by their kind. An action that is
 * not allowed now is disabled, with its reasons (and the missing materials) in a tooltip; actions that ask for
 * input, a reason or a confirmation open their dialog (ActionDialog, drawn from the action's input schema).
 */
export function ProjectActions({ project, onDone }: { project: ProjectDetail; onDone?: (event: string, p: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { modal, message } = AntApp.useApp();
  const transition = useTransition(project.id);
  // The action stays while its dialog closes (so the closing animation shows it).
  const [dialog, setDialog] = useState<{ action: ProjectAction | null; open: boolean }>({ action: null, open: false });
  const materialName = useMaterialName(project);
  // The provider choice has its own page (three routes, the catalog, a confirmation) instead of the dialog.
  const navigate = useNavigate();

  const fire = (a: ProjectAction) =>
    transition.mutateAsync({ event: a.event }).then(
      (p) => {
        void message.success(t('detail.actionDone', { action: tx(a.label) }));
        onDone?.(a.event, p);
      },
      (e: unknown) => {
        modal.error({ title: e instanceof ApiError ? e.message : t('errors.unknown'), content: <ErrorDetails error={e} />, okText: t('common.ok') });
      },
    );

  if (project.actions.length === 0) return null;
  return (
    <>
      {project.actions.map((a) => {
        const button = (
          <Button
            key={a.event}
            {...buttonPropsOf(a.kind)}
            disabled={!a.allowed}
            loading={transition.isPending && transition.variables?.event === a.event}
            onClick={() => (a.input?.['x-widget'] === 'providerChoice' ? void navigate(`/workbench/projects/${project.id}/choose-provider`) : needsDialog(a) ? setDialog({ action: a, open: true }) : void fire(a))}
            data-event={a.event}
            data-kind={a.kind}
          >
            {tx(a.label)}
          </Button>
        );
        if (a.allowed) return button;
        const why = whyNot(a, tx, materialName, t);
        return (
          <Tooltip
            key={a.event}
            title={
              why.length > 1 ? (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {why.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              ) : (
                (why[0] ?? t('workflow.actions.notAllowed'))
              )
            }
          >
            <span style={{ display: 'inline-block' }}>
              {button}
            </span>
          </Tooltip>
        );
      })}
      <ActionDialog project={project} action={dialog.action} open={dialog.open} onClose={() => setDialog((d) => ({ ...d, open: false }))} onDone={onDone} />
    </>
  );
}
