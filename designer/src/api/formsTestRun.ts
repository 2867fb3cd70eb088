// Draft test runs (contract 8) and the task endpoints the test-run panel answers tasks through.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FormDefinition, FormValues } from '../forms/types';

export interface TestRunResponse {
  instanceId: string;
  version?: number;
}

export interface TaskSummary {
  id: string;
  instanceId: string;
  activityId: string;
  definitionKey: string;
  definitionVersion: number;
  title: string;
  formKey: string | null;
  status: string;
  outcomes: string[];
}

export interface TaskDetailResponse {
  task: TaskSummary;
  form: FormDefinition | null;
  values: FormValues | null;
  canWork: boolean;
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

export interface InstanceDetailResponse {
  instance: { id: string; definitionKey: string; definitionVersion: number; status: string; createdAt: string; completedAt: string | null; test?: boolean };
  variables: Record<string, unknown>;
  forms: Record<string, unknown>;
  openTasks: TaskSummary[];
  incidents: Array<{ id: string; activityId: string; message: string; resolved: boolean }>;
  journal: JournalItem[];
}

const enc = encodeURIComponent;

export const testRunApi = {
  start: (definitionKey: string, input: Record<string, unknown>) =>
    api.post<TestRunResponse>(`/api/definitions/${enc(definitionKey)}/draft/test-runs`, { input }),
  instance: (id: string) => api.get<InstanceDetailResponse>(`/api/instances/${enc(id)}`),
  task: (id: string) => api.get<TaskDetailResponse>(`/api/tasks/${enc(id)}`),
  submit: (id: string, outcome: string, values: FormValues) => api.post<{ instanceStatus: string; newTasks: string[] }>(`/api/tasks/${enc(id)}/submit`, { outcome, values }),
};

/** Polls while the run is going; stops when it finished, failed or was cancelled. */
export function useTestRunInstance(id: string | null) {
  return useQuery({
    queryKey: ['instances', id, 'test-run'],
    queryFn: () => testRunApi.instance(id!),
    enabled: id !== null,
    refetchInterval: (query) => (isRunning(query.state.data?.instance.status) ? 1500 : false),
  });
}

export function isRunning(status: string | undefined): boolean {
  if (!status) return true;
  return !/^(completed|cancelled|canceled|faulted|terminated)$/i.test(status);
}

export function useTaskDetail(id: string) {
  return useQuery({ queryKey: ['tasks', id, 'detail'], queryFn: () => testRunApi.task(id) });
}
