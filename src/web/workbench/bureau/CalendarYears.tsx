/**
 * 节假日安排 (bureau admin): the years of the working-day calendar, a warning while next year's schedule is
 * missing, an editor for one year (holiday ranges with names, make-up working days, or pasted JSON) and a preview
 * of "start date + N working days".
 */
import { Alert, App as AntApp, Button, Card, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { shanghaiToday } from '../../components/DueTag';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { CalendarYearInput } from '../../../core/calendar/schema';
import type { workingDaysAnswer, yearSummary } from '../../../server/modules/calendar/schemas';

type YearSummary = z.infer<typeof yearSummary>;
type WorkingDaysAnswer = z.infer<typeof workingDaysAnswer>;

const calendarKey = ['calendar'] as const;
const FMT = 'YYYY-MM-DD';

function useYears() {
  return useQuery({ queryKey: [...calendarKey, 'years'], queryFn: () => api.get<YearSummary[]>('/calendar/years') });
}

/** A year's entry; null when the platform has none yet (a new year starts empty). */
function useYear(year: number | null, exists: boolean) {
  return useQuery({
    queryKey: [...calendarKey, 'year', year, exists],
    enabled: year !== null,
    queryFn: async () => {
      if (!exists) return null;
      try {
        return await api.get<CalendarYearInput>(`/calendar/years/${year}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

function useSaveYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entry: CalendarYearInput) => api.put<CalendarYearInput>(`/calendar/years/${entry.year}`, entry),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKey }),
  });
}

// ---- Form ⇄ entry ------------------------------------------------------------------------------------------

interface HolidayRow {
  zh: string;
  en: string;
  range: [Dayjs, Dayjs] | null;
}
interface FormValues {
  source: string;
  holidays: HolidayRow[];
  makeUp: Array<{ date: Dayjs | null }>;
}

function dayNumber(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

/** A holiday's days as runs of consecutive dates (one form row per run). */
function runs(days: readonly string[]): Array<[string, string]> {
  const sorted = [...days].sort();
  const out: Array<[string, string]> = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && dayNumber(d) === dayNumber(last[1]) + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

function toForm(entry: CalendarYearInput | null): FormValues {
  if (!entry) return { source: '', holidays: [], makeUp: [] };
  return {
    source: entry.source,
    holidays: entry.holidays.flatMap((h) => runs(h.days).map(([a, b]) => ({ zh: h.name.zh, en: h.name.en, range: [dayjs(a), dayjs(b)] as [Dayjs, Dayjs] }))),
    makeUp: [...entry.makeUpWorkdays].sort().map((d) => ({ date: dayjs(d) })),
  };
}

function expand(range: [Dayjs, Dayjs]): string[] {
  const out: string[] = [];
  for (let d = range[0].startOf('day'); !d.isAfter(range[1], 'day') && out.length < 400; d = d.add(1, 'day')) out.push(d.format(FMT));
  return out;
}

function fromForm(year: number, v: FormValues): CalendarYearInput {
  return {
    year,
    source: (v.source ?? '').trim(),
    holidays: (v.holidays ?? []).map((h) => ({ name: { zh: (h.zh ?? '').trim(), en: (h.en ?? '').trim() }, days: h.range ? expand(h.range) : [] })),
    makeUpWorkdays: (v.makeUp ?? []).flatMap((m) => (m.date ? [m.date.format(FMT)] : [])),
  };
}

type NamePath = (string | number)[];

/** Where a server field error belongs in the form, and how to name it in the summary. */
function placeError(path: string, t: TFunction): { name: NamePath | null; label: string } {
  const p = path.split('.');
  if (p[0] === 'holidays' && p[1] !== undefined) {
    const i = Number(p[1]);
    const base = t('deadlines.calendar.pathHoliday', { n: i + 1 });
    if (p[2] === 'name' && (p[3] === 'zh' || p[3] === 'en')) return { name: ['holidays', i, p[3]], label: base };
    if (p[2] === 'days' && p[3] !== undefined) return { name: ['holidays', i, 'range'], label: `${base} · ${t('deadlines.calendar.pathDay', { n: Number(p[3]) + 1 })}` };
    return { name: ['holidays', i, 'range'], label: base };
  }
  if (p[0] === 'makeUpWorkdays' && p[1] !== undefined) {
    const j = Number(p[1]);
    return { name: ['makeUp', j, 'date'], label: t('deadlines.calendar.pathMakeUp', { n: j + 1 }) };
  }
  if (p[0] === 'source') return { name: ['source'], label: t('deadlines.calendar.pathSource') };
  if (p[0] === 'year') return { name: null, label: t('deadlines.calendar.pathYear') };
  return { name: null, label: path };
}

// ---- Editor --------------------------------------------------------------------------------------------------

function YearEditor({ year, exists, onClose }: { year: number; exists: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const entry = useYear(year, exists);
  const save = useSaveYear();
  const [problems, setProblems] = useState<string[]>([]);
  const [tab, setTab] = useState('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const yearStart = dayjs(`${year}-01-01`);
  const yearEnd = dayjs(`${year}-12-31`);
  const outsideYear = (d: Dayjs) => d.isBefore(yearStart, 'day') || d.isAfter(yearEnd, 'day');

  useEffect(() => {
    if (entry.data !== undefined) {
      form.setFieldsValue(toForm(entry.data));
      setJson(JSON.stringify(entry.data ?? { year, source: '', holidays: [], makeUpWorkdays: [] }, null, 2));
    }
  }, [entry.data, form, year]);

  const applyJson = () => {
    setJsonError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      setJsonError(t('deadlines.calendar.jsonInvalid', { reason: e instanceof Error ? e.message : String(e) }));
      return;
    }
    const v = parsed as Partial<CalendarYearInput>;
    if (typeof v !== 'object' || v === null || !Array.isArray(v.holidays) || !Array.isArray(v.makeUpWorkdays)) {
      setJsonError(t('deadlines.calendar.jsonInvalid', { reason: 'holidays / makeUpWorkdays' }));
      return;
    }
    if (v.year !== year) {
      setJsonError(t('deadlines.calendar.jsonWrongYear', { got: String(v.year), year }));
      return;
    }
    const ok = v.holidays.every((h) => h && typeof h === 'object' && Array.isArray(h.days) && h.days.every((d) => dayjs(d, FMT, true).isValid()));
    if (!ok || !v.makeUpWorkdays.every((d) => dayjs(d, FMT, true).isValid())) {
      setJsonError(t('deadlines.calendar.jsonInvalid', { reason: 'YYYY-MM-DD' }));
      return;
    }
    form.setFieldsValue(toForm({ year, source: String(v.source ?? ''), holidays: v.holidays, makeUpWorkdays: v.makeUpWorkdays }));
    setTab('form');
    void message.success(t('deadlines.calendar.jsonApplied'));
  };

  const onFinish = (v: FormValues) => {
    setProblems([]);
    save.mutate(fromForm(year, v), {
      onSuccess: () => {
        void message.success(t('deadlines.calendar.saved', { year }));
        onClose();
      },
      onError: (e) => {
        if (!(e instanceof ApiError)) {
          setProblems([t('errors.unknown')]);
          return;
        }
        if (e.fields.length === 0) {
          setProblems([e.message]);
          return;
        }
        const byName = new Map<string, { name: NamePath; errors: string[] }>();
        const lines: string[] = [];
        for (const f of e.fields) {
          const place = placeError(f.path, t);
          lines.push(`${place.label}：${f.message}`);
          if (place.name) {
            const key = place.name.join('.');
            const item = byName.get(key) ?? { name: place.name, errors: [] };
            item.errors.push(f.message);
            byName.set(key, item);
          }
        }
        (form.setFields as (fields: { name: NamePath; errors: string[] }[]) => void)([...byName.values()]);
        setProblems(lines);
      },
    });
  };

  const formPane = (
    <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending} initialValues={{ source: '', holidays: [], makeUp: [] }}>
      <Form.Item name="source" label={t('deadlines.calendar.basisLabel')} rules={[{ required: true, whitespace: true, message: t('deadlines.calendar.basisRequired') }]}>
        <Input maxLength={300} showCount placeholder={t('deadlines.calendar.basisPlaceholder')} />
      </Form.Item>
      <Typography.Title level={5}>{t('deadlines.calendar.holidays')}</Typography.Title>
      <Form.List name="holidays">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card size="small" key={field.key} data-testid={`holiday-row-${i}`}>
                <Flex gap={8} wrap align="start">
                  <Form.Item name={[field.name, 'zh']} label={t('deadlines.calendar.nameZh')} rules={[{ required: true, whitespace: true, message: t('deadlines.calendar.nameZhRequired') }]} style={{ flex: '1 1 120px', marginBottom: 8 }}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'en']} label={t('deadlines.calendar.nameEn')} rules={[{ required: true, whitespace: true, message: t('deadlines.calendar.nameEnRequired') }]} style={{ flex: '1 1 140px', marginBottom: 8 }}>
                    <Input maxLength={80} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'range']} label={t('deadlines.calendar.range')} rules={[{ required: true, message: t('deadlines.calendar.rangeRequired') }]} style={{ flex: '2 1 240px', marginBottom: 8 }}>
                    <DatePicker.RangePicker format={FMT} disabledDate={outsideYear} defaultPickerValue={[yearStart, yearStart]} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item label=" " colon={false} style={{ marginBottom: 8 }}>
                    <Button danger icon={<DeleteOutlined />} aria-label={t('deadlines.calendar.removeHoliday', { n: i + 1 })} onClick={() => remove(field.name)}>
                      {t('deadlines.calendar.remove')}
                    </Button>
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ zh: '', en: '', range: null })}>
              {t('deadlines.calendar.addHoliday')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('deadlines.calendar.makeUp')}
      </Typography.Title>
      <Form.List name="makeUp">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: t('deadlines.calendar.makeUpRequired') }]} style={{ marginBottom: 0, width: 360, maxWidth: '75%' }}>
                  <DatePicker format={FMT} disabledDate={outsideYear} defaultPickerValue={yearStart} style={{ width: 180 }} aria-label={`${t('deadlines.calendar.makeUpDate')} ${i + 1}`} />
                </Form.Item>
                <Button danger icon={<DeleteOutlined />} aria-label={t('deadlines.calendar.removeMakeUp', { n: i + 1 })} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: null })}>
              {t('deadlines.calendar.addMakeUp')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form>
  );

  const jsonPane = (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('deadlines.calendar.jsonHint')}
      </Typography.Paragraph>
      {jsonError ? <Alert type="error" showIcon title={jsonError} /> : null}
      <Input.TextArea aria-label={t('deadlines.calendar.jsonLabel')} value={json} onChange={(e) => setJson(e.target.value)} autoSize={{ minRows: 12, maxRows: 24 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />
      <div>
        <Button onClick={applyJson}>{t('deadlines.calendar.applyJson')}</Button>
      </div>
    </Flex>
  );

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('deadlines.calendar.editorTitle', { year })}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('deadlines.calendar.cancel')}</Button>
          <Button type="primary" loading={save.isPending} disabled={save.isPending || entry.isPending} onClick={() => form.submit()}>
            {t('deadlines.calendar.save')}
          </Button>
        </Space>
      }
    >
      {entry.isError ? <ErrorState error={entry.error} onRetry={() => void entry.refetch()} /> : null}
      {entry.isPending ? <Skeleton active /> : null}
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('deadlines.calendar.errorsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div hidden={entry.isPending}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'form', label: t('deadlines.calendar.formTab'), children: formPane, forceRender: true },
            { key: 'json', label: t('deadlines.calendar.jsonTab'), children: jsonPane },
          ]}
        />
      </div>
    </Drawer>
  );
}

// ---- Preview -------------------------------------------------------------------------------------------------

function Preview() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [from, setFrom] = useState<Dayjs | null>(dayjs(shanghaiToday()));
  const [days, setDays] = useState<number | null>(10);
  const [asked, setAsked] = useState<{ from: string; days: number } | null>(null);
  const answer = useQuery({
    queryKey: [...calendarKey, 'preview', asked],
    enabled: asked !== null,
    placeholderData: keepPreviousData,
    queryFn: () => api.get<WorkingDaysAnswer>('/calendar/working-days', { from: asked?.from, days: asked?.days }),
  });
  const run = () => {
    if (from && days !== null) setAsked({ from: from.format(FMT), days });
  };
  const a = answer.data;
  return (
    <Card title={t('deadlines.calendar.preview')}>
      <Typography.Paragraph type="secondary">{t('deadlines.calendar.previewHelp')}</Typography.Paragraph>
      <Flex gap={12} wrap align="end">
        <label>
          <div>{t('deadlines.calendar.previewFrom')}</div>
          <DatePicker value={from} onChange={setFrom} format={FMT} allowClear={false} aria-label={t('deadlines.calendar.previewFrom')} />
        </label>
        <label>
          <div>{t('deadlines.calendar.previewDays')}</div>
          <InputNumber min={0} max={2600} precision={0} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : null)} aria-label={t('deadlines.calendar.previewDays')} />
        </label>
        <Button type="primary" onClick={run} loading={answer.isFetching} disabled={!from || days === null}>
          {t('deadlines.calendar.previewRun')}
        </Button>
      </Flex>
      {answer.isError ? <Alert type="error" showIcon style={{ marginTop: 16 }} title={answer.error instanceof Error ? answer.error.message : t('deadlines.calendar.loadFailed')} /> : null}
      {a && !answer.isError ? (
        <div style={{ marginTop: 16 }} data-testid="preview-result">
          <Typography.Paragraph>
            {t('deadlines.calendar.previewDue')}：<Typography.Text strong>{a.due}</Typography.Text>
          </Typography.Paragraph>
          {!a.confirmed ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('deadlines.calendar.previewUnconfirmed', { years: a.unconfirmedYears.join('、') })} /> : null}
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('deadlines.calendar.previewCrossed')}：
            {a.crossed.length === 0 ? t('deadlines.calendar.previewNone') : a.crossed.map((c) => `${c.date.slice(5)} ${tx(c.name)}`).join('、')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('deadlines.calendar.previewMakeUp')}：{a.makeUpDays.length === 0 ? t('deadlines.calendar.previewNone') : a.makeUpDays.map((d) => d.slice(5)).join('、')}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  );
}

// ---- Page ----------------------------------------------------------------------------------------------------

export function CalendarYears() {
  const { t } = useTranslation();
  const years = useYears();
  const [editing, setEditing] = useState<number | null>(null);
  const [other, setOther] = useState<number | null>(null);
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const known = useMemo(() => new Set((years.data ?? []).map((y) => y.year)), [years.data]);

  const columns: TableColumnsType<YearSummary> = [
    { title: t('deadlines.calendar.year'), dataIndex: 'year', width: 90 },
    {
      title: t('deadlines.calendar.source'),
      dataIndex: 'source',
      width: 140,
      render: (s: YearSummary['source']) => <Tag color={s === 'bureau' ? 'blue' : 'default'}>{s === 'bureau' ? t('deadlines.calendar.bureau') : t('deadlines.calendar.builtIn')}</Tag>,
    },
    { title: t('deadlines.calendar.basis'), dataIndex: 'basis', ellipsis: true },
    { title: t('deadlines.calendar.holidayDays'), dataIndex: 'holidays', width: 100 },
    { title: t('deadlines.calendar.makeUpDays'), dataIndex: 'makeUpDays', width: 120 },
    { title: t('deadlines.calendar.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      title: t('deadlines.calendar.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, r) => (
        <Button type="link" onClick={() => setEditing(r.year)} aria-label={`${t('deadlines.calendar.edit')} ${r.year}`}>
          {t('deadlines.calendar.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader crumbs={[{ title: t('deadlines.calendar.title') }]} title={t('deadlines.calendar.title')} />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('deadlines.calendar.intro')}
        </Typography.Paragraph>
        {years.data && !known.has(thisYear) ? (
          <Alert
            type="error"
            showIcon
            title={t('deadlines.calendar.currentMissingTitle', { year: thisYear })}
            description={t('deadlines.calendar.currentMissingText')}
            action={<Button onClick={() => setEditing(thisYear)}>{t('deadlines.calendar.enterYear', { year: thisYear })}</Button>}
          />
        ) : null}
        {years.data && !known.has(thisYear + 1) ? (
          <Alert
            type="warning"
            showIcon
            data-testid="next-year-missing"
            title={t('deadlines.calendar.nextMissingTitle', { year: thisYear + 1 })}
            description={t('deadlines.calendar.nextMissingText', { year: thisYear + 1 })}
            action={
              <Button type="primary" onClick={() => setEditing(thisYear + 1)}>
                {t('deadlines.calendar.enterYear', { year: thisYear + 1 })}
              </Button>
            }
          />
        ) : null}
        <Card>
          {years.isError ? (
            <ErrorState error={years.error} onRetry={() => void years.refetch()} />
          ) : (
            <Table<YearSummary> rowKey="year" size="middle" loading={years.isPending} dataSource={years.data ?? []} columns={columns} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: t('deadlines.calendar.empty') }} />
          )}
          <Flex gap={8} align="center" wrap style={{ marginTop: 16 }}>
            <Typography.Text>{t('deadlines.calendar.enterOther')}</Typography.Text>
            <InputNumber min={2000} max={2100} precision={0} value={other} onChange={(v) => setOther(typeof v === 'number' ? v : null)} aria-label={t('deadlines.calendar.otherYear')} placeholder={String(thisYear + 1)} />
            <Button disabled={other === null || other < 2000 || other > 2100} onClick={() => other !== null && setEditing(other)}>
              {t('deadlines.calendar.open')}
            </Button>
          </Flex>
        </Card>
        <Preview />
      </Flex>
      {editing !== null ? <YearEditor key={editing} year={editing} exists={known.has(editing)} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
