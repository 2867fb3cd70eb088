// Tasks as the frontline app works them: inbox, counts, one task with its form, and every action on it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type Page } from './client';


export type DeadlineState = 'none' | 'pending' | 'warned' | 'overdue' | string;

export interface TaskItem {
  id: string;
  instanceId: string;
  activityId: string;
  definitionKey: string;
  definitionVersion: number;
  title: string;
  formKey: string | null;
  /** Absent (not null) when unassigned: the server omits null members. */
  assignee?: string | null;
  candidateRoles: string[];
  candidateUnit: string | null;
  outcomes: string[];
  status: string;
  deadlineState: DeadlineState;
  priority: number;
  createdAt: string;
  warnAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  outcome: string | null;
  completedBy: string | null;
  item: unknown;
  delegatedBy: string | null;
}

export interface TaskDetail {
  task: TaskItem;
  form: unknown;
  values: Record<string, unknown> | null;
  canWork: boolean;
  /** Display names of the holder and the delegator: user id → name. */
  people?: Record<string, string>;
}

export interface InboxCounts {
  assigned: number;
  candidate: number;
  delegated: number;
  warned: number;
  overdue: number;
}

/** The inbox tabs: mine (assigned to me), my units' (offered to my roles), overdue (either, past due). */
export type InboxTab = 'mine' | 'units' | 'overdue';

export interface SubmitResult {
  taskId: string;
  instanceId: string;
  outcome: string;
  instanceStatus: string;
  newTasks: string[];
}

export interface TaskComment {
  id: number;
  author: string;
  at: string;
  text: string;
}

export interface SendBackTarget {
  activityId: string;
  name: string;
}

export const taskKeys = {
  all: ['tasks'] as const,
  inbox: (tab: InboxTab, definitionKey?: string, category?: string) => ['tasks', 'inbox', tab, definitionKey ?? '', category ?? ''] as const,
  counts: ['tasks', 'counts'] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  comments: (id: string) => ['tasks', 'comments', id] as const,
  sendBackTargets: (id: string) => ['tasks', 'send-back-targets', id] as const,
};

/** The inbox of a tab, optionally one process and one event category (a taxonomy code at any level: `city`, `city.roads` …). */
export function inboxUrl(tab: InboxTab, definitionKey?: string, category?: string): string {
  const params = tab === 'overdue' ? { scope: 'all', overdue: true } : { scope: tab === 'mine' ? 'assigned' : 'candidate' };
  return `/api/tasks/inbox${query({ ...params, definitionKey, category, pageSize: 200 })}`;
}

export function useInbox(tab: InboxTab, definitionKey?: string, category?: string) {
  return useQuery({
    queryKey: taskKeys.inbox(tab, definitionKey, category),
    queryFn: () => api.get<Page<TaskItem>>(inboxUrl(tab, definitionKey, category)),
    placeholderData: keepPreviousData,
  });
}

export function useInboxCounts() {
  return useQuery({ queryKey: taskKeys.counts, queryFn: () => api.get<InboxCounts>('/api/tasks/counts'), refetchInterval: 60_000 });
}

export function useTask(id: string) {
  return useQuery({ queryKey: taskKeys.detail(id), queryFn: () => api.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`) });
}

export function useTaskComments(id: string, enabled = true) {
  return useQuery({ queryKey: taskKeys.comments(id), queryFn: () => api.get<TaskComment[]>(`/api/tasks/${encodeURIComponent(id)}/comments`), enabled });
}

export function useSendBackTargets(id: string, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.sendBackTargets(id),
    queryFn: () => api.get<SendBackTarget[]>(`/api/tasks/${encodeURIComponent(id)}/send-back-targets`),
    enabled,
  });
}

const taskUrl = (id: string, action: string) => `/api/tasks/${encodeURIComponent(id)}/${action}`;

export const taskApi = {
  evaluate: <T>(id: string, values: Record<string, unknown>) => api.post<T>(taskUrl(id, 'evaluate'), { values }),
  /** One Idempotency-Key per submit attempt: a retry of the same attempt reuses it, so a lost answer cannot complete the task twice. */
  submit: (id: string, outcome: string, values: Record<string, unknown>, idempotencyKey: string) =>
    api.post<SubmitResult>(taskUrl(id, 'submit'), { outcome, values }, { headers: { 'Idempotency-Key': idempotencyKey } }),
  claim: (id: string) => api.post<TaskItem>(taskUrl(id, 'claim')),
  unclaim: (id: string) => api.post<TaskItem>(taskUrl(id, 'unclaim')),
  handOver: (id: string, userId: string, comment?: string) => api.post<TaskItem>(taskUrl(id, 'handover'), { userId, comment }),
  delegate: (id: string, userId: string, comment?: string) => api.post<TaskItem>(taskUrl(id, 'delegate'), { userId, comment }),
  nudge: (id: string, message?: string) => api.post<void>(taskUrl(id, 'nudge'), { message }),
  comment: (id: string, text: string) => api.post<TaskComment>(taskUrl(id, 'comments'), { text }),
  sendBack: (id: string, toActivityId: string, comment?: string) => api.post<{ taskId: string }>(taskUrl(id, 'send-back'), { toActivityId, comment }),
  /** Uploads one photo/file for a field of the task's form; answers the attachment hash to store in the field. */
  upload: async (id: string, field: string, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    const saved = await api.post<{ hash: string }>(`${taskUrl(id, 'attachments')}${query({ field })}`, body);
    return saved.hash;
  },
};

/** A mutation that refreshes every task query (inbox, counts, the task) once it is done. */
export function useTaskMutation<A>(run: (args: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
