import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters kept in the address (so a filtered list can be bookmarked, shared and survives "back").
 * Changing any filter other than the page goes back to page 1.
 */
export function useSearchState<K extends string>(keys: readonly K[], defaults: { pageSize: number }) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const v = {} as Record<K, string | undefined>;
    for (const k of keys) v[k] = params.get(k) ?? undefined;
    return v;
  }, [params, keys]);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(params.get('pageSize') ?? String(defaults.pageSize), 10) || defaults.pageSize));
  const set = useCallback(
    (patch: Partial<Record<K | 'page' | 'pageSize', string | number | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const touchesFilter = Object.keys(patch).some((k) => k !== 'page' && k !== 'pageSize');
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (touchesFilter && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { values, page, pageSize, set, reset };
}
