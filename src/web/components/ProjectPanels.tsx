import { Alert, Descriptions, Flex, Grid, Tag, Typography } from 'antd';
import i18next from 'i18next';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useRefLookup } from '../api/hooks';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { yuanText } from '../lib/money';
import { ACTOR_ROLE_LABELS, type ActorRole } from '../../core/identity/roles';
import type { Text } from '../../core/text';
import { SameNameTag } from './ProjectList';
import { useMaterialName } from './ProjectActions';

/** Long text wraps anywhere (a 4,000-character paste without spaces included) instead of widening the table. */
export const WRAP: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', wordBreak: 'break-word' };

export function roleText(role: string, tx: (t: Text) => string): string {
  return role in ACTOR_ROLE_LABELS ? tx(ACTOR_ROLE_LABELS[role as ActorRole]) : role;
}

/** What is blocking the project's next steps, collected from the actions the server offers (materials by name). */
export function blockingReasons(p: ProjectDetail, tx: (t: Text) => string, materialName: (key: string) => string = (k) => k): string[] {
  const out = new Set<string>();
  for (const a of p.actions) {
    if (a.allowed) continue;
    for (const r of a.reasons) out.add(tx(r));
  }
  // The server's reason for missing materials names them already; list them here only if no reason came.
  const missing = [...new Set(p.actions.filter((a) => !a.allowed).flatMap((a) => a.missingMaterials))];
  if (missing.length > 0 && out.size === 0) out.add(i18next.t('workflow.actions.missingMaterials', { list: missing.map(materialName).join('、') }));
  return [...out];
}

/**
 * Where the project stands and what comes next, for every role: the caller's own next step (stateInfo.hint),
 * whom the project waits on, the due date (red when overdue) and the assigned institution; above it the return
 * reason, a withdrawn publication and what is still missing. Everything comes from the server, never re-derived.
 */
export function NextStepPanel({ project }: { project: ProjectDetail; audience?: 'owner' | 'staff' }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const materialName = useMaterialName(project);
  const missing = blockingReasons(project, tx, materialName);
  const waiting = project.stateInfo.waitingOn.map((r) => roleText(r, tx));
  const hint = project.stateInfo.hint ? tx(project.stateInfo.hint) : '';
  const deadline = project.deadline;
  return (
    <>
      {project.returnReason ? (
        <Alert type="warning" showIcon title={t('detail.returnedTitle')} description={<span style={WRAP}>{project.returnReason}</span>} style={{ marginBottom: 12 }} />
      ) : null}
      {project.publicationWithdrawnReason ? (
        <Alert type="warning" showIcon title={t('detail.withdrawnTitle')} description={<span style={WRAP}>{project.publicationWithdrawnReason}</span>} style={{ marginBottom: 12 }} />
      ) : null}
      {(project.sameNameUsccs ?? []).length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="same-name-alert"
          title={t('lists.sameNameTag')}
          description={t('lists.sameNameAlert', { name: project.enterpriseName, codes: project.sameNameUsccs.join(t('lists.codeSeparator')) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="missing-alert"
          title={t('detail.missingTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Alert
        type={deadline?.overdue ? 'error' : hint ? 'info' : 'success'}
        showIcon
        data-testid="next-step"
        title={t('workflow.next.title')}
        description={
          <Flex vertical gap={4}>
            <span style={WRAP}>{hint || t('workflow.next.none')}</span>
            {waiting.length > 0 ? <Typography.Text type="secondary">{t('workflow.next.waitingOn', { who: waiting.join('、') })}</Typography.Text> : null}
            {deadline || project.diagnosisInstitution ? (
              <Flex gap={12} wrap align="center">
                {deadline ? (
                  <Flex gap={6} align="center" data-testid="next-step-due">
                    <Typography.Text>{t('workflow.next.dueOn', { date: deadline.dueOn })}</Typography.Text>
                    {deadline.overdue ? (
                      <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="next-step-overdue">
                        {t('workflow.next.overdue')}
                      </Tag>
                    ) : null}
                  </Flex>
                ) : null}
                {project.diagnosisInstitution ? (
                  <Typography.Text data-testid="next-step-institution">{t('workflow.next.institution', { name: project.diagnosisInstitution.name })}</Typography.Text>
                ) : null}
              </Flex>
            ) : null}
          </Flex>
        }
        style={{ marginBottom: 12 }}
      />
    </>
  );
}

/** The filing's facts. */
export function ProjectFacts({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const p = project;
  const para = (s: string) =>
    s ? (
      <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }}>{s}</Typography.Paragraph>
    ) : (
      <Typography.Text type="secondary">{t('common.notFilled')}</Typography.Text>
    );
  return (
    <Descriptions
      bordered
      size="small"
      // On phones the label sits above its value, so a long text gets the full width.
      layout={phone ? 'vertical' : 'horizontal'}
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' }, content: { ...WRAP, minWidth: 0 } }}
      items={[
        { key: 'filingNo', label: t('project.filingNo'), children: p.filingNo ? <Typography.Text copyable strong>{p.filingNo}</Typography.Text> : <Typography.Text type="secondary">{t('project.noFilingNo')}</Typography.Text> },
        { key: 'title', label: t('project.title'), children: p.title },
        {
          key: 'enterprise',
          label: t('project.enterprise'),
          children: (
            <Flex gap={6} align="center" wrap>
              <span>{p.enterpriseName}</span>
              <SameNameTag codes={p.sameNameUsccs ?? []} />
            </Flex>
          ),
        },
        { key: 'uscc', label: t('project.uscc'), children: <span style={{ fontFamily: 'monospace' }}>{p.uscc}</span> },
        { key: 'town', label: t('project.town'), children: lookup.town(p.townCode) },
        { key: 'industry', label: t('project.industry'), children: lookup.industry(p.industryCode) },
        { key: 'investment', label: t('project.plannedInvestment'), children: yuanText(p.plannedInvestmentFen, t('common.yuan')) },
        { key: 'period', label: t('project.plannedPeriod'), children: p.plannedStart || p.plannedEnd ? `${formatDate(p.plannedStart)} ~ ${formatDate(p.plannedEnd)}` : t('common.notFilled') },
        { key: 'mode', label: t('project.diagnosisMode'), children: p.diagnosisMode === 'self' ? t('diagnosisMode.self') : t('diagnosisMode.institution') },
        { key: 'submittedAt', label: t('project.submittedAt'), children: p.submittedAt ? formatDateTime(p.submittedAt) : t('project.notSubmitted') },
        { key: 'published', label: t('project.published'), children: p.published ? t('project.publishedYes') : t('project.publishedNo') },
        { key: 'updatedAt', label: t('project.updatedAt'), children: formatDateTime(p.updatedAt) },
        { key: 'situation', label: t('project.situation'), span: 'filled', children: para(p.situation) },
        { key: 'needs', label: t('project.needs'), span: 'filled', children: para(p.needs) },
        { key: 'scope', label: t('project.scope'), span: 'filled', children: para(p.scope) },
      ]}
    />
  );
}
