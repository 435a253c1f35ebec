/**
 * 企业信息 (规上 and 专精特新): the enterprise's own members read and set whether it is above designated size and
 * its 专精特新 grade with the year recognised. Shown in a drawer from the application page (its declaration
 * reads the 规上 status).
 */
import { App as AntApp, Alert, Button, Drawer, Form, InputNumber, Radio, Select, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { SPTS_GRADES, useProfile, useSaveProfile, type SptsGrade } from './api';

interface ProfileForm {
  aboveScale: 'yes' | 'no' | null;
  sptsGrade: SptsGrade | 'none';
  sptsYear: number | null;
}

const GRADE_KEY = { innovative: 'application.gradeInnovative', specialized: 'application.gradeSpecialized', littleGiant: 'application.gradeLittleGiant' } as const satisfies Record<SptsGrade, string>;

export function useGradeLabel(): (g: SptsGrade | null) => string {
  const { t } = useTranslation();
  return (g) => (g ? t(GRADE_KEY[g]) : t('application.profileSptsNone'));
}

/** The profile form (the enterprise's own accounts). */
export function EnterpriseProfileSection({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useProfile(true);
  const save = useSaveProfile();
  const [form] = Form.useForm<ProfileForm>();
  const [error, setError] = useState<string | null>(null);
  const grade = Form.useWatch('sptsGrade', form);
  const thisYear = new Date().getFullYear();

  useEffect(() => {
    if (!q.data) return;
    form.setFieldsValue({ aboveScale: q.data.aboveScale === null ? null : q.data.aboveScale ? 'yes' : 'no', sptsGrade: q.data.sptsGrade ?? 'none', sptsYear: q.data.sptsYear });
  }, [q.data, form]);

  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;

  const submit = async (v: ProfileForm) => {
    setError(null);
    const none = v.sptsGrade === 'none';
    try {
      await save.mutateAsync({ aboveScale: v.aboveScale === null ? null : v.aboveScale === 'yes', sptsGrade: v.sptsGrade === 'none' ? null : v.sptsGrade, sptsYear: none ? null : v.sptsYear });
      void message.success(t('application.profileSaved'));
      onSaved?.();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        form.setFields(e.fields.filter((f) => ['aboveScale', 'sptsGrade', 'sptsYear'].includes(f.path)).map((f) => ({ name: f.path as keyof ProfileForm, errors: [f.message] })));
      }
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
    }
  };

  return (
    <Form<ProfileForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ aboveScale: null, sptsGrade: 'none', sptsYear: null }}>
      <Typography.Paragraph type="secondary">{t('application.profileIntro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="aboveScale" label={t('application.profileAboveScale')}>
        <Radio.Group
          options={[
            { value: 'yes', label: t('application.aboveScaleYes') },
            { value: 'no', label: t('application.aboveScaleNo') },
          ]}
        />
      </Form.Item>
      <Form.Item name="sptsGrade" label={t('application.profileSpts')}>
        <Select
          aria-label={t('application.profileSpts')}
          options={[{ value: 'none', label: t('application.profileSptsNone') }, ...SPTS_GRADES.map((g) => ({ value: g, label: t(GRADE_KEY[g]) }))]}
        />
      </Form.Item>
      {grade && grade !== 'none' ? (
        <Form.Item name="sptsYear" label={t('application.profileYear')} rules={[{ required: true, message: t('application.profileYearRequired') }]}>
          <InputNumber min={2011} max={thisYear} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('application.profileSave')}
      </Button>
    </Form>
  );
}

/** The profile in a drawer, opened from the application page. */
export function ProfileDrawer({ open, onClose, canEdit }: { open: boolean; onClose: () => void; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} title={t('application.profileTitle')} size={480} destroyOnHidden>
      {canEdit ? <EnterpriseProfileSection onSaved={onClose} /> : <Typography.Paragraph>{t('application.profileReadOnly')}</Typography.Paragraph>}
    </Drawer>
  );
}
