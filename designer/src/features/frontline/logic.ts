// Pure rules of the frontline pages (no React), tested beside this file.
import type { ProblemDetails } from '../../api/client';
import type { OrgUnit } from '../../api/orgUnits';
import type { JournalItem } from '../../api/instances';
import type { TaskItem } from '../../api/tasks';
import type { TaxonomyNode } from '../../forms';

export type DueStatus = 'overdue' | 'warned' | 'onTime' | 'none';

/** Overdue once past due (or the server says so), warned from the warning time, else on time; none without a deadline. */
export function dueStatus(task: Pick<TaskItem, 'dueAt' | 'warnAt' | 'deadlineState'>, now: Date): DueStatus {
  const state = task.deadlineState?.toLowerCase();
  if (state === 'overdue' || (task.dueAt && Date.parse(task.dueAt) < now.getTime())) return 'overdue';
  if (state === 'warned' || (task.warnAt && Date.parse(task.warnAt) <= now.getTime())) return 'warned';
  return task.dueAt ? 'onTime' : 'none';
}

/** The colour antd components take for each due status: red overdue, amber warned. */
export const dueColour: Record<DueStatus, string> = { overdue: 'red', warned: 'orange', onTime: 'green', none: 'default' };

/** Earliest due first, tasks without a deadline last, then oldest first — the server's own order, kept after client filtering. */
export function byDue(a: Pick<TaskItem, 'dueAt' | 'createdAt'>, b: Pick<TaskItem, 'dueAt' | 'createdAt'>): number {
  const due = (t: Pick<TaskItem, 'dueAt'>) => (t.dueAt ? Date.parse(t.dueAt) : Number.POSITIVE_INFINITY);
  const d = due(a) - due(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

export interface CategoryTreeNode { value: string; title: string; children?: CategoryTreeNode[] }

/** The event taxonomy's upper levels (duty › category › sub-category) for a category filter; items are too fine to filter by. */
export function categoryTree(nodes: TaxonomyNode[], levels = 3): CategoryTreeNode[] {
  return nodes.map((n) => {
    const children = levels > 1 && n.children?.some((c) => c.children?.length) ? categoryTree(n.children, levels - 1) : [];
    return children.length ? { value: n.code, title: n.name, children } : { value: n.code, title: n.name };
  });
}

/** The name of a taxonomy code at any level (`city.roads` → 道路设施), or the code itself when the taxonomy lacks it. */
export function categoryName(nodes: TaxonomyNode[], code: string): string {
  for (const n of nodes) {
    if (n.code === code) return n.name;
    if (n.children && code.startsWith(`${n.code}.`)) return categoryName(n.children, code);
  }
  return code;
}

const unitVariable: Record<string, string> = { grid: 'gridId', community: 'communityId', compound: 'compoundId', street: 'streetId', building: 'buildingId' };

/**
 * The start input the seeded processes expect (docs/processes.md: gridId, communityId, compoundId,
 * streetId): taken from where the user works, walking up from their unit through its ancestors.
 */
export function startInputFor(unitId: string | null | undefined, units: OrgUnit[]): Record<string, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const input: Record<string, string> = {};
  const seen = new Set<string>();
  for (let unit = unitId ? byId.get(unitId) : undefined; unit && !seen.has(unit.id); unit = unit.parentId ? byId.get(unit.parentId) : undefined) {
    seen.add(unit.id);
    const name = unitVariable[unit.kind.toLowerCase()];
    if (name && !(name in input)) input[name] = unit.id;
  }
  return input;
}

/** A readable business key: process, local date and time, a short random tail to keep two starts in one second apart. */
export function businessKeyFor(definitionKey: string, now: Date, random: () => number = Math.random): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const tail = Math.floor(random() * 36 ** 3).toString(36).padStart(3, '0');
  return `${definitionKey}-${stamp}-${tail}`;
}

/** Attachment ids are sha-256 hex digests (GET /api/attachments/{hash}). */
export function isAttachmentHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

export interface FieldError {
  path: string;
  key: string;
  message: string;
  messageEn: string;
}

/**
 * A rejected submission's problem as field errors for the renderer: `errors` is either
 * { path: [messages] } (ASP.NET validation shape, what task submit answers) or a list naming a field.
 * Field-less problems land on the form itself (path '').
 */
export function fieldErrorsOf(problem: ProblemDetails | undefined): FieldError[] {
  if (!problem) return [];
  const out: FieldError[] = [];
  const errors = problem.errors;
  if (Array.isArray(errors)) {
    for (const e of errors) {
      const path = e.path ?? e.field ?? '';
      out.push({ path: path === '$' ? '' : path, key: 'server', message: e.message, messageEn: e.message });
    }
  } else if (errors && typeof errors === 'object') {
    for (const [path, messages] of Object.entries(errors)) {
      for (const message of messages) out.push({ path: path === '$' ? '' : path, key: 'server', message, messageEn: message });
    }
  }
  if (out.length === 0 && typeof problem.field === 'string' && problem.detail) {
    out.push({ path: problem.field, key: 'server', message: problem.detail, messageEn: problem.detail });
  }
  return out;
}

/** Journal entries worth a step on the timeline: a person acting, an instance event, a fault; routine token moves are dropped. */
export function timelineSteps(journal: JournalItem[]): JournalItem[] {
  return journal.filter((j) =>
    j.kind !== 'ActivityExecuted' || ['UserTask', 'MultiInstanceTask', 'Vote', 'Notify', 'Delay', 'End'].includes(j.activityType ?? ''),
  );
}

/** A journal entry's data as an object when it is JSON, so the timeline can show what was submitted. */
export function journalData(item: Pick<JournalItem, 'data'>): Record<string, unknown> | null {
  if (!item.data) return null;
  try {
    const parsed: unknown = JSON.parse(item.data);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { value: item.data };
  }
}

/** A fresh idempotency key for one submit attempt. */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Picker entries for org units: grids and buildings carry their parent's name, since "网格01" exists in every community. */
export function unitEntries(units: OrgUnit[]): { id: string; name: string }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return units.map((u) => {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    const nested = ['grid', 'building'].includes(u.kind.toLowerCase()) && parent;
    return { id: u.id, name: nested ? `${parent.name} ${u.name}` : u.name };
  });
}

/** A submit attempt that got no answer (network failure): its key is reused when the same submission is retried. */
export interface PendingAttempt {
  signature: string;
  key: string;
}

/**
 * The Idempotency-Key for pressing `outcome` with `values`: the unanswered attempt's key when this is a
 * retry of exactly that submission, else a fresh one — so a retry after a lost answer cannot complete
 * the task twice, while a changed submission is a new request.
 */
export function attemptFor(unanswered: PendingAttempt | null, outcome: string, values: unknown, fresh: () => string = newIdempotencyKey): PendingAttempt {
  const signature = JSON.stringify([outcome, values]);
  return unanswered?.signature === signature ? unanswered : { signature, key: fresh() };
}
