/** The signed-in institution's diagnosis tasks, by bucket (the lifecycle table's `taskBucket` of each state). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ProjectSummary } from '../../api/types';

export const TASK_BUCKETS = ['toAccept', 'inProgress', 'awaitingConfirmation', 'done'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export type TaskRow = ProjectSummary & { dueOn: string | null; overdue: boolean; bucket: TaskBucket };

export interface TaskPage {
  items: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<TaskBucket, number>;
}

export function useTasks(params: { bucket: TaskBucket; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: ['tasks', params],
    queryFn: ({ signal }) => api.get<TaskPage>('/tasks', { ...params }, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    enabled,
  });
}
