/**
 * 一企一档 targets on the project page (stage ≥ 4): value before / target / value after per figure. The applicant
 * sets before and target while contracting; the assigned comprehensive institution records the values after
 * during the evaluation; everyone else reads them.
 */
import { App as AntApp, Alert, Button, Card, Flex, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { ProjectDetail } from '../../api/types';
import { useSaveMeasured, useSaveTargets, useTargets, type TargetRow, type TargetsView } from '../../api/contract';
import { ErrorState } from '../../components/ErrorState';
import { useLang } from '../../i18n';

type Mode = 'edit' | 'measure' | 'read';

interface Draft {
  key: string;
  label: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  measured: number | null;
  required: boolean;
}

const fmt = (v: number | null) => (v === null ? '—' : String(v));

function nextCustomKey(rows: readonly Draft[]): string {
  for (let i = 1; i < 1000; i++) if (!rows.some((r) => r.key === `custom${i}`)) return `custom${i}`;
  return 'custom999';
}

function errorLines(e: unknown, fallback: string): string[] {
  if (e instanceof ApiError) return e.fields.length ? e.fields.map((f) => f.message) : [e.message];
  return [fallback];
}

function TargetsTable({ view, mode, project }: { view: TargetsView; mode: Mode; project: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const [rows, setRows] = useState<Draft[]>(() => view.rows.map((r) => ({ ...r })));
  const [errors, setErrors] = useState<string[] | null>(null);
  const [adding, setAdding] = useState<string | undefined>(undefined);
  useEffect(() => setRows(view.rows.map((r) => ({ ...r }))), [view]);
  const saveTargets = useSaveTargets(project);
  const saveMeasured = useSaveMeasured(project);
  const choiceOf = (key: string) => view.choices.find((c) => c.key === key);
  const maxOf = (r: Draft) => choiceOf(r.key)?.max ?? (r.unit === '%' ? 100 : undefined);
  const set = (key: string, patch: Partial<Draft>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const unused = view.choices.filter((c) => !rows.some((r) => r.key === c.key));

  const save = async () => {
    setErrors(null);
    try {
      if (mode === 'edit') {
        await saveTargets.mutateAsync(rows.map((r) => ({ key: r.key, ...(r.key.startsWith('custom') ? { label: r.label, unit: r.unit } : {}), baseline: r.baseline, target: r.target })));
        void message.success(t('contract.targetsSaved'));
      } else {
        await saveMeasured.mutateAsync(rows.map((r) => ({ key: r.key, measured: r.measured })));
        void message.success(t('contract.measuredSaved'));
      }
    } catch (e) {
      setErrors(errorLines(e, t('errors.unknown')));
    }
  };

  const num = (r: Draft, field: 'baseline' | 'target' | 'measured', editable: boolean) =>
    editable ? (
      <InputNumber
        size="small"
        min={0}
        max={maxOf(r)}
        precision={2}
        value={r[field]}
        onChange={(v) => set(r.key, { [field]: v ?? null })}
        aria-label={`${r.label} ${t(`contract.${field}`)}`}
        data-testid={`target-${r.key}-${field}`}
        style={{ width: 110 }}
      />
    ) : (
      fmt(r[field])
    );

  return (
    <>
      <Table<Draft>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 620 }}
        dataSource={rows}
        columns={[
          {
            title: t('contract.figure'),
            dataIndex: 'label',
            render: (_: string, r) =>
              mode === 'edit' && r.key.startsWith('custom') ? (
                <Input size="small" value={r.label} maxLength={100} placeholder={t('contract.customLabel')} aria-label={t('contract.customLabel')} onChange={(e) => set(r.key, { label: e.target.value })} />
              ) : (
                <Space wrap>
                  {r.label}
                  {r.required ? <Tag color="red">{t('contract.requiredTag')}</Tag> : null}
                </Space>
              ),
          },
          {
            title: t('contract.unit'),
            dataIndex: 'unit',
            width: 90,
            render: (_: string, r) =>
              mode === 'edit' && r.key.startsWith('custom') ? <Input size="small" value={r.unit} maxLength={20} aria-label={t('contract.customUnit')} onChange={(e) => set(r.key, { unit: e.target.value })} /> : r.unit,
          },
          { title: t('contract.baseline'), key: 'baseline', width: 130, render: (_: unknown, r) => num(r, 'baseline', mode === 'edit') },
          { title: t('contract.target'), key: 'target', width: 130, render: (_: unknown, r) => num(r, 'target', mode === 'edit') },
          { title: t('contract.measured'), key: 'measured', width: 130, render: (_: unknown, r) => num(r, 'measured', mode === 'measure') },
          ...(mode === 'edit'
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 50,
                  render: (_: unknown, r: Draft) =>
                    r.required ? null : <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('contract.removeTarget')} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />,
                },
              ]
            : []),
        ]}
      />
      {mode === 'edit' ? (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Select
            style={{ minWidth: 240, flex: '1 1 240px', maxWidth: 420 }}
            placeholder={t('contract.addTargetPlaceholder')}
            value={adding}
            onChange={setAdding}
            options={unused.map((c) => ({ value: c.key, label: `${tx(c.label)}（${c.unit}）` }))}
            aria-label={t('contract.addTarget')}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding}
            onClick={() => {
              const c = adding ? choiceOf(adding) : undefined;
              if (c) setRows((rs) => [...rs, { key: c.key, label: tx(c.label), unit: c.unit, baseline: null, target: null, measured: null, required: false }]);
              setAdding(undefined);
            }}
          >
            {t('contract.addTarget')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: nextCustomKey(rs), label: '', unit: '%', baseline: null, target: null, measured: null, required: false }])}>
            {t('contract.addCustom')}
          </Button>
        </Flex>
      ) : null}
      {errors ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={errors.join('；')} data-testid="targets-error" /> : null}
      {mode !== 'read' ? (
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => void save()} loading={saveTargets.isPending || saveMeasured.isPending} data-testid="targets-save">
          {mode === 'edit' ? t('contract.saveTargets') : t('contract.saveMeasured')}
        </Button>
      ) : null}
    </>
  );
}

export function TargetsCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const relevant = project.stage >= 4;
  const targets = useTargets(project, relevant);
  if (!relevant) return null;
  if (targets.error) {
    return (
      <Card title={t('contract.targetsTitle')} style={{ marginBottom: 16 }}>
        <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
      </Card>
    );
  }
  const v = targets.data;
  if (!v) return <Card title={t('contract.targetsTitle')} loading style={{ marginBottom: 16 }} />;
  const mode: Mode = v.canEdit ? 'edit' : v.canMeasure ? 'measure' : 'read';
  const rows: TargetRow[] = v.rows;
  return (
    <Card title={t('contract.targetsTitle')} style={{ marginBottom: 16 }} data-testid="targets-card" extra={mode === 'read' ? <Tag>{t('contract.readOnly')}</Tag> : null}>
      {mode === 'edit' ? <Typography.Paragraph type="secondary">{t('contract.targetsIntro')}</Typography.Paragraph> : null}
      {mode === 'measure' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('contract.measureIntro')} /> : null}
      {mode === 'measure' && v.unmeasured.length ? (
        <Typography.Paragraph type="warning">
          {t('contract.unmeasured')}
          {v.unmeasured.map((m) => tx(m)).join('；')}
        </Typography.Paragraph>
      ) : null}
      {mode === 'read' && rows.every((r) => r.baseline === null && r.target === null) ? <Typography.Paragraph type="secondary">{t('contract.noTargets')}</Typography.Paragraph> : null}
      <TargetsTable view={v} mode={mode} project={project} />
    </Card>
  );
}
