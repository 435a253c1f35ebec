import { Breadcrumb, Flex, Typography } from 'antd';
import { type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export interface Crumb {
  title: string;
  to?: string;
}

/** Breadcrumb, page title with an optional status tag, and page-level actions. */
export function PageHeader({ crumbs, title, tag, extra, subTitle }: { crumbs?: Crumb[]; title: ReactNode; tag?: ReactNode; extra?: ReactNode; subTitle?: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(typeof title === 'string' ? title : crumbs?.[crumbs.length - 1]?.title);
  const items = [{ title: <Link to="/workbench">{t('nav.workbench')}</Link> }, ...(crumbs ?? []).map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))];
  return (
    <div className="page-header">
      <Breadcrumb items={items} />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 8 }}>
        <Flex align="center" gap={12} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tag}
        </Flex>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {subTitle ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {subTitle}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
