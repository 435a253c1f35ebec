import { Button, Flex, Grid } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicFilings, useRefLookup } from '../api/hooks';
import type { PublicFiling } from '../api/types';
import { ErrorState } from '../components/ErrorState';
import { useCopyAndTell } from '../lib/useCopyAndTell';
import { formatDate } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useSearchState } from '../lib/useSearchState';

const KEYS = ['q', 'townCode'] as const;

/**
 * 备案公示: projects that have been filed and published by the bureau.
 *
 * A first visit for the public (often from a phone, following a link on the bureau's site): the page is built from
 * plain HTML — a search form, a native town list, a table (cards on a phone) and a pager — instead of antd's Table,
 * Select and Typography, so it arrives with little more script than the sign-in page.
 */
export function PublicFilings() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  useDocumentTitle(t('filings.title'));
  const s = useSearchState(KEYS, { pageSize: 20 });
  const q = usePublicFilings({ page: s.page, pageSize: s.pageSize, q: s.values.q, townCode: s.values.townCode });
  const phone = !Grid.useBreakpoint().md;
  const onSearch = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    s.set({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() });
  };

  const rows = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / s.pageSize));
  const filtered = Boolean(s.values.q || s.values.townCode);
  const empty = filtered ? t('filings.emptyFiltered') : t('filings.empty');

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="zs-card-title">{t('filings.title')}</h1>
        <p className="zs-text-secondary zs-flush">{t('filings.intro')}</p>
      </div>
      <div className="zs-panel">
        <form role="search" className="zs-filters" onSubmit={onSearch}>
          <span className="zs-search">
            <input
              type="search"
              className="zs-input"
              enterKeyHint="search"
              maxLength={100}
              name="q"
              // A new address (back, a link) puts its query into the box again.
              key={s.values.q ?? ''}
              defaultValue={s.values.q}
              placeholder={t('filings.searchPlaceholder')}
              aria-label={t('filings.searchPlaceholder')}
            />
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </span>
          <select
            className="zs-input zs-native-select"
            aria-label={t('project.town')}
            value={s.values.townCode ?? ''}
            onChange={(e) => s.set({ townCode: e.target.value || undefined })}
          >
            <option value="">{t('filter.allTowns')}</option>
            {lookup.townOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </form>
      </div>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div aria-busy={q.isFetching}>
          <p className="zs-list-count" aria-live="polite">
            {q.isFetching ? t('common.loading') : t('common.totalCount', { count: total })}
          </p>
          {!q.isPending && rows.length === 0 ? (
            <p className="zs-panel zs-empty">{empty}</p>
          ) : phone ? (
            <ul className="zs-cards" aria-label={t('filings.listName')}>
              {rows.map((r) => (
                <li key={r.filingNo} className="zs-panel zs-filing-card">
                  <strong>{r.title}</strong>
                  <span>{r.enterpriseName}</span>
                  <span className="zs-card-meta">
                    <FilingNo no={r.filingNo} />
                    <span>{formatDate(r.submittedAt)}</span>
                  </span>
                  <span className="zs-text-secondary zs-flush">
                    {lookup.town(r.townCode)} · {lookup.industry(r.industryCode)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <div className="zs-panel zs-table-wrap" role="region" aria-label={t('a11y.scrollTableNamed', { name: t('filings.listName') })} tabIndex={0}>
              <table className="zs-table">
                <thead>
                  <tr>
                    <th scope="col" style={{ width: 190 }}>
                      {t('project.filingNo')}
                    </th>
                    <th scope="col">{t('project.title')}</th>
                    <th scope="col">{t('project.enterprise')}</th>
                    <th scope="col" style={{ width: 110 }}>
                      {t('project.town')}
                    </th>
                    <th scope="col" style={{ width: 200 }}>
                      {t('project.industry')}
                    </th>
                    <th scope="col" style={{ width: 110 }}>
                      {t('filings.filedOn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <FilingRow key={r.filingNo} r={r} town={lookup.town(r.townCode)} industry={lookup.industry(r.industryCode)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {total > s.pageSize ? (
            <nav className="zs-pager" aria-label={t('common.pagination')}>
              <Button disabled={s.page <= 1} onClick={() => s.set({ page: s.page - 1 })}>
                {t('common.prevPage')}
              </Button>
              <span aria-current="page">{t('common.pageOf', { page: Math.min(s.page, pages), pages })}</span>
              <Button disabled={s.page >= pages} onClick={() => s.set({ page: s.page + 1 })}>
                {t('common.nextPage')}
              </Button>
            </nav>
          ) : null}
        </div>
      )}
    </Flex>
  );
}

function FilingRow({ r, town, industry }: { r: PublicFiling; town: string; industry: string }) {
  return (
    <tr>
      <td>
        <FilingNo no={r.filingNo} />
      </td>
      <td>{r.title}</td>
      <td>{r.enterpriseName}</td>
      <td>{town}</td>
      <td>{industry}</td>
      <td>{formatDate(r.submittedAt)}</td>
    </tr>
  );
}

/** The 备案号 with a button that copies it (people paste it into letters and the bureau's search). */
function FilingNo({ no }: { no: string }) {
  const { t } = useTranslation();
  const copy = useCopyAndTell();
  return (
    <span className="zs-filing-no">
      <span>{no}</span>
      <button
        type="button"
        className="zs-icon-button"
        aria-label={t('filings.copyNo', { no })}
        title={t('common.copy')}
        onClick={() => copy(no)}
      >
        <CopyOutlined aria-hidden />
      </button>
    </span>
  );
}
