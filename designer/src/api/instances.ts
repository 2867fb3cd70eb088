// Process instances: start, list, the timeline of one, cancel; and the processes the user may start (contract 3).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query, type Page } from './client';
import type { TaskItem } from './tasks';

export interface InstanceSummary {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  status: string;
  businessKey: string | null;
  startedBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  test?: boolean;
  orgUnit?: string | null;
}

export interface JournalItem {
  sequence: number;
  kind: string;
  activityId: string | null;
  activityType: string | null;
  port: string | null;
  actor: string | null;
  at: string;
  data: string | null;
  message: string | null;
}

export interface IncidentItem {
  id: string;
  activityId: string;
  message: string;
  property: string | null;
  line: number | null;
  column: number | null;
  at: string;
  resolved: boolean;
}

export interface InstanceDetail {
  instance: InstanceSummary;
  variables: Record<string, unknown>;
  forms: Record<string, Record<string, unknown>>;
  openTasks: TaskItem[];
  incidents: IncidentItem[];
  journal: JournalItem[];
  /** Display names of the users the detail mentions (journal actors, starter, assignees): user id → name. */
  people?: Record<string, string>;
}

export interface StartableProcess {
  key: string;
  name: string;
  version: number;
  category?: string | null;
  startForm?: unknown;
}

export interface StartRequest {
  definitionKey: string;
  version?: number;
  input?: Record<string, unknown>;
  businessKey?: string;
  /** One of the starter's units; the server takes their first assignment's unit without it. */
  orgUnit?: string;
}

export interface InstanceFilter {
  definitionKey?: string;
  status?: string;
  startedBy?: string;
  page?: number;
}

export const instanceKeys = {
  all: ['instances'] as const,
  list: (filter: InstanceFilter) => ['instances', 'list', filter] as const,
  detail: (id: string) => ['instances', 'detail', id] as const,
  startable: ['definitions', 'startable'] as const,
};

export function useInstances(filter: InstanceFilter) {
  return useQuery({
    queryKey: instanceKeys.list(filter),
    queryFn: () => api.get<Page<InstanceSummary>>(`/api/instances${query({ ...filter, pageSize: 30 })}`),
    placeholderData: keepPreviousData,
  });
}

export function useInstance(id: string) {
  return useQuery({ queryKey: instanceKeys.detail(id), queryFn: () => api.get<InstanceDetail>(`/api/instances/${encodeURIComponent(id)}`) });
}

export function useStartable() {
  return useQuery({ queryKey: instanceKeys.startable, queryFn: () => api.get<StartableProcess[]>('/api/definitions/startable'), staleTime: 60_000 });
}

export const instanceApi = {
  start: (request: StartRequest) => api.post<InstanceDetail>('/api/instances', request),
  cancel: (id: string, reason?: string) => api.post<InstanceDetail>(`/api/instances/${encodeURIComponent(id)}/cancel`, { reason }),
};
