import { Alert, App as AntApp, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { useCreateProject, useMe, useUpdateProject } from '../../api/hooks';
import type { DiagnosisMode, ProjectDetail, ProjectInput } from '../../api/types';
import { detailLines } from '../../components/ErrorDetails';
import { primaryActionOf } from '../../lib/actions';
import { useLang } from '../../i18n';
import { applyFieldErrors } from '../../lib/formErrors';
import { fenToYuanInput, parseAmountToFen, wanText } from '../../lib/money';
import { useQueryClient } from '@tanstack/react-query';

interface FilingValues {
  title: string;
  situation?: string;
  needs?: string;
  scope?: string;
  plannedInvestment?: string;
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  diagnosisMode?: DiagnosisMode;
}

interface FormError {
  message: string;
  lines: string[];
  conflict: boolean;
}

const FIELDS = ['title', 'situation', 'needs', 'scope', 'plannedInvestment', 'plannedStart', 'plannedEnd', 'diagnosisMode'] as const;
/** The server's limits (projects/schemas.ts): over them the server refuses, so the form says so instead of cutting. */
const TITLE_MAX = 100;
const LONG_TEXT_MAX = 4000;
/** Characters as the server counts them (UTF-16 units, like String.length). */
const countChars = (v: string) => v.length;
const FIELD_MAP = { plannedInvestmentFen: 'plannedInvestment' };

/** The form's name of a filing field the server names (writableFields, field errors). */
const formName = (serverField: string): string => (FIELD_MAP as Record<string, string>)[serverField] ?? serverField;

/** Only the fields the caller may change now (a published filing's field rights), or all of them. */
function onlyWritable(input: ProjectInput, writable: readonly string[] | null): Partial<ProjectInput> {
  if (!writable) return input;
  return Object.fromEntries(Object.entries(input).filter(([k]) => writable.includes(k))) as Partial<ProjectInput>;
}

function toInput(v: FilingValues): ProjectInput {
  const fen = v.plannedInvestment ? parseAmountToFen(v.plannedInvestment, 'yuan') : null;
  return {
    title: v.title.trim(),
    situation: (v.situation ?? '').trim(),
    needs: (v.needs ?? '').trim(),
    scope: (v.scope ?? '').trim(),
    plannedInvestmentFen: fen && fen.ok ? fen.fen : 0,
    plannedStart: v.plannedStart ? v.plannedStart.format('YYYY-MM-DD') : null,
    plannedEnd: v.plannedEnd ? v.plannedEnd.format('YYYY-MM-DD') : null,
    diagnosisMode: v.diagnosisMode ?? 'self',
  };
}

function fromProject(p: ProjectDetail | undefined): Partial<FilingValues> {
  if (!p) return {};
  return {
    title: p.title,
    situation: p.situation,
    needs: p.needs,
    scope: p.scope,
    plannedInvestment: p.plannedInvestmentFen > 0 ? fenToYuanInput(p.plannedInvestmentFen) : undefined,
    plannedStart: p.plannedStart ? dayjs(p.plannedStart) : null,
    plannedEnd: p.plannedEnd ? dayjs(p.plannedEnd) : null,
    diagnosisMode: p.diagnosisMode,
  };
}

/**
 * 项目备案 — the filing form. "Save draft" needs only a title and a diagnosis mode; "Submit" needs every
 * field, asks for confirmation, saves, submits and shows the 备案号.
 */
export function FilingForm({ project }: { project?: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe().data;
  const [form] = Form.useForm<FilingValues>();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? '');
  const location = useLocation();
  const carried = (location.state as { filingError?: FormError } | null)?.filingError ?? null;
  const [error, setError] = useState<FormError | null>(carried);
  const [submitting, setSubmitting] = useState(false);
  /** Full checks apply when submitting; a draft may be incomplete. */
  const strict = useRef(false);
  const revision = useRef(project?.revision ?? 0);
  /** The table's field rights: on an existing filing only `writableFields` may change (null: a new filing, all). */
  const writable = project ? project.writableFields : null;
  const readOnly = (field: (typeof FIELDS)[number]): true | undefined => (writable && !writable.map(formName).includes(field) ? true : undefined);
  const roNote = (field: (typeof FIELDS)[number], help?: string) => (readOnly(field) ? t('workflow.filing.readOnly') : help);
  const revisions = Boolean(project?.editsAreRevisions);
  /** The filing's submit: the table's primary action while the filing is a draft or returned (never on a published one). */
  const submitAction = project && !revisions ? primaryActionOf(project) : undefined;
  const canSubmit = !project || Boolean(submitAction);
  const investment = Form.useWatch('plannedInvestment', form);
  const investmentFen = investment ? parseAmountToFen(investment, 'yuan') : null;
  const busy = create.isPending || update.isPending || submitting;
  /** Set from the click until the request ends: a double click never sends two creates or opens two confirmations. */
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const begin = (): boolean => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending(true);
    return true;
  };
  const end = () => {
    inFlight.current = false;
    setPending(false);
  };

  /** A limit rule with the field's name, the limit and the current length (antd's maxLength would cut a paste silently). */
  const withinLimit = (field: string, max: number) => ({
    validator: async (_r: unknown, v: unknown) => {
      if (typeof v === 'string' && countChars(v.trim()) > max) throw new Error(t('lists.tooLong', { field, max, count: countChars(v.trim()) }));
    },
  });

  const requiredWhenSubmitting = (msg: string) => ({
    validator: async (_r: unknown, v: unknown) => {
      if (!strict.current) return;
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw new Error(msg);
    },
  });

  const save = async (values: FilingValues): Promise<ProjectDetail> => {
    const input = toInput(values);
    if (project) {
      const saved = await update.mutateAsync({ ...onlyWritable(input, writable), revision: revision.current });
      revision.current = saved.revision;
      return saved;
    }
    return create.mutateAsync(input);
  };

  const toFormError = (e: unknown): FormError => {
    const rest = applyFieldErrors(form, e, { fields: FIELDS, map: FIELD_MAP });
    if (!(e instanceof ApiError)) return { message: t('errors.unknown'), lines: [], conflict: false };
    const lines = e.fields.length > 0 ? rest : detailLines(e, tx);
    return { message: e.message, lines, conflict: e.code === 'CONFLICT' };
  };
  const showError = (e: unknown) => setError(toFormError(e));

  const onSaveDraft = async () => {
    if (!begin()) return;
    strict.current = false;
    setError(null);
    try {
      let values: FilingValues;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      try {
        const saved = await save(values);
        void message.success(revisions ? t('workflow.filing.saved') : t('filingForm.saved'));
        if (!project) void navigate(`/workbench/projects/${saved.id}/edit`, { replace: true });
      } catch (e) {
        showError(e);
      }
    } finally {
      end();
    }
  };

  const onSubmit = async () => {
    if (!begin()) return;
    strict.current = true;
    setError(null);
    let values: FilingValues;
    try {
      values = await form.validateFields();
    } catch {
      end();
      return;
    } finally {
      strict.current = false;
    }
    const serverConfirm = submitAction?.confirm ?? null;
    modal.confirm({
      title: t('filingForm.confirmTitle'),
      content: serverConfirm ? tx(serverConfirm) : t('filingForm.confirmText'),
      okText: t('filingForm.confirmOk'),
      cancelText: t('common.cancel'),
      onCancel: end,
      afterClose: end,
      onOk: async () => {
        setSubmitting(true);
        let saved: ProjectDetail;
        try {
          saved = await save(values);
        } catch (e) {
          setSubmitting(false);
          showError(e);
          return;
        }
        try {
          const event = primaryActionOf(saved)?.event;
          if (!event) throw new Error('no submit action offered');
          const submitted = await api.post<ProjectDetail>(`/projects/${saved.id}/transitions`, { event });
          qc.setQueryData(['project', submitted.id], submitted);
          await qc.invalidateQueries({ queryKey: ['projects'] });
          await qc.invalidateQueries({ queryKey: ['public'] });
          void navigate(`/workbench/projects/${submitted.id}/submitted`, { replace: true });
        } catch (e) {
          const fe = toFormError(e);
          setError(fe);
          // The draft is saved: keep editing it from its own address, with the reason it was not submitted.
          if (!project) void navigate(`/workbench/projects/${saved.id}/edit`, { replace: true, state: { filingError: fe } });
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  return (
    <Form<FilingValues>
      form={form}
      layout="vertical"
      initialValues={{ diagnosisMode: undefined, ...fromProject(project) }}
      disabled={busy}
      scrollToFirstError
    >
      {project?.returnReason ? <Alert type="warning" showIcon title={t('detail.returnedTitle')} description={project.returnReason} style={{ marginBottom: 16 }} /> : null}
      {revisions ? (
        <Alert type="info" showIcon data-testid="revision-note" title={t('workflow.filing.publishedTitle')} description={t('workflow.filing.revisionsNote')} style={{ marginBottom: 16 }} />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={
            <>
              {error.lines.length > 0 ? (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {error.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : null}
              {error.conflict ? (
                <Button size="small" style={{ marginTop: 8 }} onClick={() => window.location.reload()}>
                  {t('filingForm.reload')}
                </Button>
              ) : null}
            </>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card size="small" title={t('filingForm.sectionApplicant')} style={{ marginBottom: 16 }}>
        <Typography.Text>{project?.enterpriseName ?? me?.org.name}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('filingForm.applicantNote')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('filingForm.sectionProject')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="title"
          label={t('project.title')}
          rules={[
            { required: true, whitespace: true, message: t('filingForm.titleRequired') },
            { min: 4, message: t('filingForm.titleMin') },
            withinLimit(t('project.title'), TITLE_MAX),
          ]}
        >
          <Input disabled={readOnly('title')} count={{ show: true, max: TITLE_MAX, strategy: countChars }} placeholder={t('filingForm.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="situation" label={t('project.situation')} extra={roNote('situation', t('filingForm.situationHelp'))} rules={[requiredWhenSubmitting(t('filingForm.situationRequired')), withinLimit(t('project.situation'), LONG_TEXT_MAX)]} required>
          <Input.TextArea disabled={readOnly('situation')} rows={4} count={{ show: true, max: LONG_TEXT_MAX, strategy: countChars }} placeholder={t('filingForm.situationPlaceholder')} />
        </Form.Item>
        <Form.Item name="needs" label={t('project.needs')} extra={roNote('needs', t('filingForm.needsHelp'))} rules={[requiredWhenSubmitting(t('filingForm.needsRequired')), withinLimit(t('project.needs'), LONG_TEXT_MAX)]} required>
          <Input.TextArea disabled={readOnly('needs')} rows={4} count={{ show: true, max: LONG_TEXT_MAX, strategy: countChars }} placeholder={t('filingForm.needsPlaceholder')} />
        </Form.Item>
        <Form.Item name="scope" label={t('project.scope')} extra={roNote('scope', t('filingForm.scopeHelp'))} rules={[requiredWhenSubmitting(t('filingForm.scopeRequired')), withinLimit(t('project.scope'), LONG_TEXT_MAX)]} required>
          <Input.TextArea disabled={readOnly('scope')} rows={3} count={{ show: true, max: LONG_TEXT_MAX, strategy: countChars }} placeholder={t('filingForm.scopePlaceholder')} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('filingForm.sectionPlan')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="plannedInvestment"
              label={t('project.plannedInvestment')}
              required
              extra={roNote('plannedInvestment', investmentFen && investmentFen.ok ? t('filingForm.investmentWan', { wan: wanText(investmentFen.fen) }) : t('filingForm.investmentHelp'))}
              rules={[
                requiredWhenSubmitting(t('filingForm.investmentRequired')),
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v || v.trim() === '') return;
                    const r = parseAmountToFen(v, 'yuan');
                    if (!r.ok) throw new Error(tx(r.message));
                    if (r.fen > 100_000_000_000) throw new Error(t('filingForm.investmentMax'));
                    if (strict.current && r.fen <= 0) throw new Error(t('filingForm.investmentPositive'));
                  },
                },
              ]}
            >
              <Input disabled={readOnly('plannedInvestment')} inputMode="decimal" suffix={t('common.yuan')} placeholder={t('filingForm.investmentPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="plannedStart" label={t('project.plannedStart')} extra={roNote('plannedStart')} required rules={[requiredWhenSubmitting(t('filingForm.startRequired'))]}>
              <DatePicker disabled={readOnly('plannedStart')} style={{ width: '100%' }} format="YYYY-MM-DD" placeholder={t('filingForm.datePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="plannedEnd"
              label={t('project.plannedEnd')}
              extra={roNote('plannedEnd')}
              required
              dependencies={['plannedStart']}
              rules={[
                requiredWhenSubmitting(t('filingForm.endRequired')),
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | null | undefined) => {
                    const start = getFieldValue('plannedStart') as Dayjs | null | undefined;
                    if (v && start && v.isBefore(start, 'day')) throw new Error(t('filingForm.endBeforeStart'));
                  },
                }),
              ]}
            >
              <DatePicker
                disabled={readOnly('plannedEnd')}
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                placeholder={t('filingForm.datePlaceholder')}
                disabledDate={(d) => {
                  const start = form.getFieldValue('plannedStart') as Dayjs | null | undefined;
                  return Boolean(start && d.isBefore(start, 'day'));
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('filingForm.sectionDiagnosis')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('filingForm.diagnosisIntro')}</Typography.Paragraph>
        <Form.Item name="diagnosisMode" extra={roNote('diagnosisMode')} rules={[{ required: true, message: t('filingForm.modeRequired') }]} style={{ marginBottom: 0 }}>
          <Radio.Group disabled={readOnly('diagnosisMode')} style={{ width: '100%' }}>
            <Row gutter={[12, 12]}>
              {(['self', 'institution'] as const).map((m) => (
                <Col xs={24} md={12} key={m}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Radio value={m}>
                      <Typography.Text strong>{t(`diagnosisMode.${m}`)}</Typography.Text>
                    </Radio>
                    <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', paddingInlineStart: 24 }}>
                      {t(`diagnosisMode.${m}Explain`)}
                    </Typography.Paragraph>
                  </Card>
                </Col>
              ))}
            </Row>
          </Radio.Group>
        </Form.Item>
      </Card>
      <Flex gap={12} wrap justify="flex-end" style={{ position: 'sticky', bottom: 0, background: '#f5f7fa', padding: '12px 0', zIndex: 5 }}>
        <Button
          icon={<SaveOutlined />}
          onClick={() => void onSaveDraft()}
          loading={(create.isPending || update.isPending) && !submitting}
          disabled={pending || busy}
          size="large"
          data-testid="filing-save"
        >
          {revisions ? t('workflow.filing.saveChanges') : t('filingForm.saveDraft')}
        </Button>
        {canSubmit ? (
          <Button type="primary" icon={<SendOutlined />} onClick={() => void onSubmit()} loading={submitting} disabled={pending || busy} size="large" data-testid="filing-submit">
            {submitAction ? tx(submitAction.label) : t('filingForm.submit')}
          </Button>
        ) : null}
      </Flex>
    </Form>
  );
}
