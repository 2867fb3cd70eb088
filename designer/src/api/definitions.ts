// Types and TanStack Query hooks for process definitions (docs/definition-format.md) and the activity palette.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client';

/** A definition as JSON. Members the designer does not know are kept verbatim (the server keeps them too). */
export interface DefinitionJson {
  key: string;
  name: string;
  description?: string | null;
  district?: string | null;
  version?: number;
  contentHash?: string | null;
  variables?: VariableJson[];
  activities?: ActivityJson[];
  connections?: ConnectionJson[];
  forms?: Record<string, FormJson>;
  triggers?: TriggerJson[];
  [extra: string]: unknown;
}

export interface VariableJson {
  name: string;
  type?: string;
  default?: unknown;
  label?: string;
  [extra: string]: unknown;
}

export interface ActivityJson {
  id: string;
  type: string;
  name?: string | null;
  properties?: Record<string, unknown> | null;
  position?: { x: number; y: number } | null;
  [extra: string]: unknown;
}

export interface ConnectionJson {
  from: string;
  port?: string | null;
  to: string;
  [extra: string]: unknown;
}

/** Forms belong to the forms feature (docs/form-format.md); the canvas only reads their action keys. */
export interface FormJson {
  key?: string;
  title?: string;
  fields?: Array<{ key: string; label?: string; kind?: string; [extra: string]: unknown }>;
  actions?: Array<{ key: string; label?: string; [extra: string]: unknown }>;
  [extra: string]: unknown;
}

export interface TriggerJson {
  id: string;
  type: string;
  cron?: string;
  signal?: string;
  input?: unknown;
  [extra: string]: unknown;
}

export type PropertyKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'choice'
  | 'duration'
  | 'cron'
  | 'expression'
  | 'script'
  | 'value'
  | 'stringList'
  | 'roles'
  | 'orgUnit'
  | 'formKey'
  | 'variable'
  | 'definitionKey'
  | 'cases'
  | 'json';

export interface PropertyDescriptor {
  name: string;
  kind: PropertyKind | string;
  label: string;
  labelEn: string;
  required?: boolean;
  default?: unknown;
  hint?: string | null;
  options?: string[] | null;
  computed?: boolean;
}

export interface PortDescriptor {
  name: string;
  label: string;
  labelEn: string;
}

export interface ActivityDescriptor {
  type: string;
  category: string;
  displayName: string;
  displayNameEn: string;
  description: string;
  properties: PropertyDescriptor[];
  ports: PortDescriptor[];
  dynamicPorts?: boolean;
  isStart?: boolean;
}

export interface DefinitionSummary {
  key: string;
  name: string;
  cityTemplate: boolean;
  latestVersion: number | null;
  latestStatus: string | null;
  draftRevision: number | null;
  updatedAt: string;
  /** Who (user id) changed the draft or a version last. */
  updatedBy: string | null;
}

export interface DefinitionRef {
  key: string;
  version: number;
}

export interface DraftResponse {
  key: string;
  revision: number;
  definition: DefinitionJson;
  forkedFrom: DefinitionRef | null;
  /** Who moved the draft to this revision (a save or a publish) and when; the name is null when the account is gone. */
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

export interface DefinitionVersionInfo {
  key: string;
  district: string | null;
  version: number;
  status: string;
  contentHash: string;
  author: string | null;
  changeNote: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
  forkedFrom: DefinitionRef | null;
  /** The author's display name (null when the account is not visible or gone; then `author`, the id, is shown). */
  authorName?: string | null;
}

export interface DefinitionProblem {
  code: string;
  message: string;
  messageEn?: string | null;
  activityId?: string | null;
  property?: string | null;
  line?: number | null;
  column?: number | null;
  connectionIndex?: number | null;
  path?: string | null;
  [extra: string]: unknown;
}

export interface ValidationResponse {
  ok: boolean;
  problems: DefinitionProblem[];
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PropertyChange {
  name: string;
  from?: unknown;
  to?: unknown;
}

/** Contract 7: the semantic diff. The structured members are optional so an older server (only `changes`) still works. */
export interface DefinitionDiff {
  key: string;
  from: number;
  to: number;
  identical: boolean;
  changes: Array<{ kind: string; id: string; change: string; fields?: string[] | null }>;
  activities?: Array<{ id: string; type: string; change: ChangeKind; properties?: PropertyChange[] }>;
  connections?: Array<{ source: string; sourcePort?: string | null; target: string; change: ChangeKind }>;
  variables?: Array<{ name: string; change: ChangeKind; properties?: PropertyChange[] }>;
  forms?: Array<{
    key: string;
    change: ChangeKind;
    fields?: Array<{ key: string; change: ChangeKind; properties?: PropertyChange[] }>;
  }>;
  triggers?: Array<{ id: string; change: ChangeKind; properties?: PropertyChange[] }>;
  text?: string;
}

export interface DefinitionBundle {
  format: string;
  exportedAt?: string;
  definitions: DefinitionJson[];
}

export interface ImportResult {
  index: number;
  key: string | null;
  version: number | null;
  problems: DefinitionProblem[];
}

export interface LineageResponse {
  templateKey: string;
  forkedFromVersion: number;
  templateLatestVersion: number;
  diff: DefinitionDiff;
}

export const definitionKeys = {
  all: ['definitions'] as const,
  list: () => ['definitions', 'list'] as const,
  draft: (key: string) => ['definitions', key, 'draft'] as const,
  versions: (key: string) => ['definitions', key, 'versions'] as const,
  version: (key: string, version: number) => ['definitions', key, 'version', version] as const,
  diff: (key: string, from: number, to: number) => ['definitions', key, 'diff', from, to] as const,
  lineage: (key: string) => ['definitions', key, 'lineage'] as const,
  activities: ['activities'] as const,
};

const enc = encodeURIComponent;

export const definitionsApi = {
  list: () => api.get<DefinitionSummary[]>('/api/definitions'),
  activities: () => api.get<ActivityDescriptor[]>('/api/activities'),
  draft: (key: string) => api.get<DraftResponse>(`/api/definitions/${enc(key)}/draft`),
  saveDraft: (key: string, revision: number, definition: DefinitionJson) =>
    api.put<{ key: string; revision: number }>(`/api/definitions/${enc(key)}/draft`, { revision, definition }),
  deleteDraft: (key: string, revision: number) =>
    api.delete<void>(`/api/definitions/${enc(key)}/draft${query({ revision })}`),
  validate: (definition: DefinitionJson, signal?: AbortSignal) =>
    api.post<ValidationResponse>('/api/definitions/validate', { definition }, { signal }),
  publish: (key: string, revision: number, note: string) =>
    api.post<DefinitionVersionInfo>(`/api/definitions/${enc(key)}/publish`, { revision, note }),
  versions: (key: string) => api.get<DefinitionVersionInfo[]>(`/api/definitions/${enc(key)}/versions`),
  version: (key: string, version: number) => api.get<DefinitionJson>(`/api/definitions/${enc(key)}/versions/${version}`),
  retire: (key: string, version: number) => api.post<void>(`/api/definitions/${enc(key)}/versions/${version}/retire`),
  rollback: (key: string, toVersion: number, note: string) =>
    api.post<DefinitionVersionInfo>(`/api/definitions/${enc(key)}/rollback`, { toVersion, note }),
  diff: (key: string, from: number, to: number) =>
    api.get<DefinitionDiff>(`/api/definitions/${enc(key)}/diff${query({ from, to })}`),
  exportOne: (key: string) => api.get<DefinitionBundle>(`/api/definitions/${enc(key)}/export`),
  exportAll: () => api.get<DefinitionBundle>('/api/definitions/export'),
  importBundle: (bundle: DefinitionBundle) => api.post<ImportResult[]>('/api/definitions/import', bundle),
  fork: (templateKey: string, newKey?: string) =>
    api.post<DraftResponse | { key: string; revision: number }>(`/api/definitions/${enc(templateKey)}/fork`, { newKey }),
  lineage: (key: string) => api.get<LineageResponse>(`/api/definitions/${enc(key)}/lineage`),
};

export function useDefinitionList() {
  return useQuery({ queryKey: definitionKeys.list(), queryFn: definitionsApi.list });
}

/** The palette rarely changes while a page is open. */
export function useActivityDescriptors() {
  return useQuery({ queryKey: definitionKeys.activities, queryFn: definitionsApi.activities, staleTime: 10 * 60_000 });
}

export function useVersions(key: string, enabled = true) {
  return useQuery({ queryKey: definitionKeys.versions(key), queryFn: () => definitionsApi.versions(key), enabled, retry: false });
}

export function useDefinitionVersion(key: string, version: number | null) {
  return useQuery({
    queryKey: definitionKeys.version(key, version ?? -1),
    queryFn: () => definitionsApi.version(key, version!),
    enabled: version !== null && version > 0,
    staleTime: Infinity, // a published version never changes
  });
}

export function useDiff(key: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: definitionKeys.diff(key, from ?? -1, to ?? -1),
    queryFn: () => definitionsApi.diff(key, from!, to!),
    enabled: from !== null && to !== null,
  });
}

/** Invalidates everything cached about one key after a publish, rollback or import. */
export function useInvalidateDefinition() {
  const client = useQueryClient();
  return (key?: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: definitionKeys.list() }),
      key ? client.invalidateQueries({ queryKey: ['definitions', key] }) : Promise.resolve(),
    ]);
}

export function usePublish(key: string) {
  const invalidate = useInvalidateDefinition();
  return useMutation({
    mutationFn: ({ revision, note }: { revision: number; note: string }) => definitionsApi.publish(key, revision, note),
    onSuccess: () => invalidate(key),
  });
}

export function useRollback(key: string) {
  const invalidate = useInvalidateDefinition();
  return useMutation({
    mutationFn: ({ toVersion, note }: { toVersion: number; note: string }) => definitionsApi.rollback(key, toVersion, note),
    onSuccess: () => invalidate(key),
  });
}
