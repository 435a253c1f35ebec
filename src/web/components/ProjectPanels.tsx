import { Alert, Descriptions, Flex, Grid, Typography } from 'antd';
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

/** Long text wraps anywhere (a 4,000-character paste without spaces included) instead of widening the table. */
export const WRAP: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', wordBreak: 'break-word' };

export function roleText(role: string, tx: (t: Text) => string): string {
  return role in ACTOR_ROLE_LABELS ? tx(ACTOR_ROLE_LABELS[role as ActorRole]) : role;
}

/** What is blocking the project's next steps, collected from the actions the server offers. */
export function blockingReasons(p: ProjectDetail, tx: (t: Text) => string): string[] {
  const out = new Set<string>();
  for (const a of p.actions) if (!a.allowed) for (const r of a.reasons) out.add(tx(r));
  return [...out];
}

/**
 * Where the project stands and what comes next: the return reason (if returned), what is missing, and whose
 * move it is. Everything comes from the server (stateInfo, actions), never re-derived here.
 */
export function NextStepPanel({ project, audience }: { project: ProjectDetail; audience: 'owner' | 'staff' }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const missing = blockingReasons(project, tx);
  const waiting = project.stateInfo.waitingOn.map((r) => roleText(r, tx));
  const canAct = project.actions.some((a) => a.allowed) || project.abilities.edit;
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
        type={canAct ? 'info' : 'success'}
        showIcon
        title={audience === 'owner' ? t('detail.hintTitleOwner') : t('detail.hintTitleStaff')}
        description={
          <>
            {project.stateInfo.applicantHint ? <div>{tx(project.stateInfo.applicantHint)}</div> : null}
            {waiting.length > 0 ? <div className="muted">{t('detail.waitingOn', { who: waiting.join('、') })}</div> : null}
          </>
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
