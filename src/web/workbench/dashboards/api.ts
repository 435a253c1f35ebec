/** Hooks of the bureau's dashboards (types from src/contract/dashboards.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PerformanceSummary, PoolFigure, StageTime, UpliftDimension, UpliftGroup } from '../../../contract/dashboards';

export type { PerformanceSummary, PoolFigure, StageTime, UpliftDimension, UpliftGroup };

export function useMoneyOverview() {
  return useQuery({ queryKey: ['dashboards', 'money'], queryFn: () => api.get<PoolFigure[]>('/dashboards/money') });
}

export function useStageTimes() {
  return useQuery({ queryKey: ['dashboards', 'stage-times'], queryFn: () => api.get<StageTime[]>('/dashboards/stage-times') });
}

export function useUplift(by: UpliftDimension) {
  return useQuery({ queryKey: ['dashboards', 'uplift', by], queryFn: () => api.get<UpliftGroup[]>('/dashboards/uplift', { by }), placeholderData: keepPreviousData });
}

export function usePerformance(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['dashboards', 'performance', range?.from, range?.to],
    queryFn: () => api.get<PerformanceSummary>('/dashboards/performance', range ?? undefined),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}
