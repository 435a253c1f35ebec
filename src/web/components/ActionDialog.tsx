import { Alert, App as AntApp, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Rate, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useTransition } from '../api/hooks';
import { useAssignableInstitutions } from '../api/evaluation';
import type { ProjectAction, ProjectDetail } from '../api/types';
import { useLang } from '../i18n';
import { detailLines } from './ErrorDetails';
import {
  fieldErrorsFor,
  fieldsFromSchema,
  initialValues,
  inputFromValues,
  institutionOptions,
  REASON_FIELD,
  rowsForKinds,
  rulesFor,
  suggestedInstitution,
  type ActionField,
  type RuleMessages,
  type WorkloadRow,
} from './actionForm';

type Values = Record<string, unknown>;

function useRuleMessages(): RuleMessages {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      required: (field) => t('workflow.dialog.required', { field }),
      minLength: (field, n) => t('workflow.dialog.minLength', { field, n }),
      maxLength: (field, n) => t('workflow.dialog.maxLength', { field, n }),
      minItems: (field, n) => t('workflow.dialog.minItems', { field, n }),
      maxItems: (field, n) => t('workflow.dialog.maxItems', { field, n }),
      range: (field, min, max) =>
        min !== null && max !== null
          ? t('workflow.dialog.range', { field, min, max })
          : min !== null
            ? t('workflow.dialog.rangeMin', { field, min })
            : t('workflow.dialog.rangeMax', { field, max: max ?? '' }),
    }),
    [t],
  );
}

/** The value and change handler Form.Item hands to its child (passed on to the control). */
interface ControlProps {
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

function FieldInput({ f, institutions, loading, ...control }: { f: ActionField; institutions: { value: string; label: string; suggested: boolean; disabled: boolean }[]; loading: boolean } & ControlProps) {
  // Form.Item controls this component: its value, onChange and id go on to the control inside.
  const bound = control as Record<string, never>;
  const { t } = useTranslation();
  const count = f.maxLength !== null ? { show: true, max: f.maxLength } : undefined;
  switch (f.widget) {
    case 'institution':
      return (
        <Select
          {...bound}
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          placeholder={t('workflow.dialog.institutionPlaceholder')}
          options={institutions.map((o) => ({ value: o.value, label: o.label, suggested: o.suggested, disabled: o.disabled }))}
          optionRender={(o) => (
            <Flex justify="space-between" gap={8} align="center">
              <span style={{ whiteSpace: 'normal' }}>{o.label}</span>
              {(o.data as { suggested?: boolean }).suggested ? <Tag color="green">{t('workflow.dialog.recommended')}</Tag> : null}
            </Flex>
          )}
          labelRender={(o) => {
            const opt = institutions.find((x) => x.value === o.value);
            return (
              <span>
                {opt?.label ?? o.label}
                {opt?.suggested ? <Tag color="green" style={{ marginInlineStart: 6 }}>{t('workflow.dialog.recommended')}</Tag> : null}
              </span>
            );
          }}
        />
      );
    case 'slots':
    case 'checkboxes':
      return (
        <Checkbox.Group {...bound} style={{ width: '100%' }}>
          <Flex vertical gap={6}>
            {f.options.map((o) => (
              <Checkbox key={String(o.value)} value={o.value}>
                {o.label}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      );
    case 'level':
    case 'select':
      return <Select {...bound} placeholder={t('workflow.dialog.choose')} options={f.options.map((o) => ({ value: o.value, label: o.label }))} />;
    case 'date':
      return <DatePicker {...bound} style={{ width: '100%' }} format="YYYY-MM-DD" placeholder={t('workflow.dialog.datePlaceholder')} />;
    case 'textarea':
      return <Input.TextArea {...bound} rows={4} count={count} />;
    case 'rate':
      return <Rate {...bound} count={f.maximum ?? 5} aria-label={f.label} />;
    case 'consent':
      return (
        <Checkbox id={control.id} checked={control.value === true} onChange={(e) => control.onChange?.(e.target.checked)}>
          {f.description ?? f.label}
        </Checkbox>
      );
    case 'number':
      return <InputNumber {...bound} style={{ width: '100%' }} min={f.minimum ?? undefined} max={f.maximum ?? undefined} precision={f.integer ? 0 : undefined} />;
    default:
      return <Input {...bound} count={count} />;
  }
}

/**
 * The dialog of one workflow action, drawn from the action as the server sends it: the fields of its input
 * schema (each by its widget), a reason when the table asks for one, and the confirmation text. Submitting
 * posts the transition; the server's field errors land on the fields they name.
 */
export function ActionDialog({
  project,
  action,
  open,
  onClose,
  onDone,
}: {
  project: Pick<ProjectDetail, 'id'>;
  action: ProjectAction | null;
  open: boolean;
  onClose: () => void;
  onDone?: (event: string, p: ProjectDetail) => void;
}) {
  const { t } = useTranslation();
  const { tx, lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const transition = useTransition(project.id);
  const [failure, setFailure] = useState<{ title: string; lines: string[] } | null>(null);
  const messages = useRuleMessages();
  const fields = useMemo(() => fieldsFromSchema(action?.input ?? null, lang), [action, lang]);
  const picker = fields.find((f) => f.widget === 'institution');
  const wantsInstitution = open && picker !== undefined;
  // The institutions of the assignment, with their conflicts of interest for this project flagged by the server.
  const workload = useAssignableInstitutions(picker?.assignment ?? 'diagnosis', [project.id], wantsInstitution);
  const kinds = useMemo(() => fields.find((f) => f.widget === 'institution')?.kinds ?? [], [fields]);
  const rows: WorkloadRow[] = useMemo(() => rowsForKinds(workload.data ?? [], kinds), [workload.data, kinds]);
  const institutions = useMemo(
    () =>
      institutionOptions(rows, (r) =>
        r.conflict
          ? `${r.name} · ${tx(r.conflict)}`
          : r.overdue > 0
            ? t('workflow.dialog.institutionOption', { name: r.name, open: r.open, overdue: r.overdue })
            : t('workflow.dialog.institutionOptionNoOverdue', { name: r.name, open: r.open }),
      ),
    [rows, t, tx],
  );
  const suggested = suggestedInstitution(rows);
  const initial = useMemo(() => initialValues(fields, suggested), [fields, suggested]);
  if (!action) return null;
  const danger = action.kind === 'danger';

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFailure(null);
    const reason = typeof values[REASON_FIELD] === 'string' ? values[REASON_FIELD].trim() : undefined;
    const input = fields.length > 0 ? inputFromValues(fields, values) : undefined;
    try {
      const p = await transition.mutateAsync({ event: action.event, ...(action.needsReason && reason ? { reason } : {}), ...(input ? { input } : {}) });
      void message.success(t('detail.actionDone', { action: tx(action.label) }));
      onClose();
      onDone?.(action.event, p);
    } catch (e) {
      if (e instanceof ApiError) {
        const { byField, rest } = fieldErrorsFor(fields, e.fields);
        (form.setFields as (f: { name: string; errors: string[] }[]) => void)(byField);
        const lines = e.fields.length > 0 ? rest : detailLines(e, tx);
        setFailure({ title: e.message, lines });
      } else {
        setFailure({ title: t('errors.unknown'), lines: [] });
      }
    }
  };

  return (
    <Modal
      open={open}
      title={tx(action.label)}
      okText={t('workflow.dialog.submit')}
      okButtonProps={{ danger, disabled: wantsInstitution && workload.isPending }}
      cancelText={t('common.cancel')}
      confirmLoading={transition.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
      afterClose={() => setFailure(null)}
      destroyOnHidden
      width={560}
      data-testid="action-dialog"
    >
      {action.confirm ? (
        danger ? (
          <Alert type="warning" showIcon title={tx(action.confirm)} style={{ marginBottom: 12 }} />
        ) : (
          <Typography.Paragraph>{tx(action.confirm)}</Typography.Paragraph>
        )
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={failure.title}
          description={
            failure.lines.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {failure.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {workload.isError && wantsInstitution ? <Alert type="warning" showIcon title={t('workflow.dialog.institutionLoadFailed')} style={{ marginBottom: 12 }} /> : null}
      {wantsInstitution && workload.isPending ? (
        // The form starts once the workload is in, so the suggested institution is its initial value.
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : fields.length > 0 || action.needsReason ? (
        <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false} disabled={transition.isPending}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              extra={f.widget === 'consent' ? undefined : (f.description ?? undefined)}
              rules={rulesFor(f, {
                ...messages,
                required: (field) => (f.widget === 'text' || f.widget === 'textarea' ? messages.required(field) : t('workflow.dialog.requiredChoice', { field })),
              })}
              data-field={f.name}
            >
              <FieldInput f={f} institutions={institutions} loading={workload.isPending && wantsInstitution} />
            </Form.Item>
          ))}
          {action.needsReason ? (
            <Form.Item name={REASON_FIELD} label={t('workflow.dialog.reason')} rules={[
                { required: true, whitespace: true, min: 2, message: t('workflow.dialog.reasonRequired') },
                { max: 1000, message: t('workflow.dialog.maxLength', { field: t('workflow.dialog.reason'), n: 1000 }) },
              ]}
            >
              <Input.TextArea rows={4} count={{ show: true, max: 1000 }} placeholder={t('workflow.dialog.reasonPlaceholder')} />
            </Form.Item>
          ) : null}
        </Form>
      ) : null}
    </Modal>
  );
}
