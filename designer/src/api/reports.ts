import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ApiError, query } from './client';

// Report rows exactly as src/FlowGov.Server/Reports answers them (contract 6).
export interface CountRow { definitionKey: string; status: string; count: number }
export interface SlaRow { definitionKey: string; activityId: string; total: number; onTime: number; warned: number; overdue: number; open: number }
export interface SatisfactionRow { rating: number; count: number }
/** Instances whose event category (a taxonomy code cut to two levels: duty.category) is this one. */
export interface CategoryRow { category: string; count: number; running: number; completed: number }
export interface ThroughputRow { definitionKey: string; day: string; started: number; completed: number }
export interface OverdueRow {
  taskId: string;
  instanceId: string;
  definitionKey: string;
  activityId: string;
  title: string;
  assignee: string | null;
  candidateRoles: string | null;
  candidateUnit: string | null;
  dueAt: string | null;
  overdueHours: number;
  escalated: boolean;
  escalations: number;
  nudges: number;
  lastEscalatedAt: string | null;
}
export interface DefinitionSummary { key: string; name: string; cityTemplate: boolean; latestVersion: number | null }

/** Period as whole days (yyyy-MM-dd, both ends included) and an optional org unit whose subtree the reports cover. */
export interface ReportFilter { from?: string; to?: string; orgUnitId?: string }

export type ReportName = 'counts' | 'sla' | 'satisfaction' | 'throughput' | 'overdue' | 'categories';

function params(filter: ReportFilter) {
  return query({ from: filter.from, to: filter.to, orgUnitId: filter.orgUnitId });
}

export const reportKeys = {
  all: ['reports'] as const,
  report: (name: ReportName, filter: ReportFilter) => ['reports', name, filter] as const,
};

/** A report the server may not have yet (an older build) reads as null, so the dashboard can say "not available". */
async function optional<T>(url: string): Promise<T | null> {
  try {
    return await api.get<T>(url);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function useReport<T>(name: ReportName, filter: ReportFilter) {
  return useQuery({ queryKey: reportKeys.report(name, filter), queryFn: () => optional<T[]>(`/api/reports/${name}${params(filter)}`) });
}

/** Instance counts for each of several units (one request per unit: the server scopes a report to one subtree). */
export function useUnitCounts(unitIds: string[], filter: ReportFilter, enabled = true) {
  return useQueries({
    queries: unitIds.map((orgUnitId) => ({
      queryKey: reportKeys.report('counts', { ...filter, orgUnitId }),
      queryFn: () => api.get<CountRow[]>(`/api/reports/counts${params({ ...filter, orgUnitId })}`),
      enabled,
    })),
  });
}

export function useDefinitions() {
  return useQuery({ queryKey: ['definitions'], queryFn: () => api.get<DefinitionSummary[]>('/api/definitions'), staleTime: 300_000 });
}

/** Plain links: the browser downloads the file with the sign-in cookie, nothing is buffered in the page. */
export function csvUrl(name: ReportName | 'tasks', filter: ReportFilter): string {
  return `/api/reports/${name}.csv${params(filter)}`;
}
