// Report rows → ECharts options and the grid heat table. No React here, so vitest covers it directly.
import dayjs from 'dayjs';
import type { CategoryRow, CountRow, OverdueRow, SatisfactionRow, SlaRow, ThroughputRow } from '../../api/reports';
import type { OrgUnit } from '../../api/orgUnits';

/** Translates a key of the admin namespace; passed in so this file stays free of React and i18n state. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

// The app's palette: on time green, warned amber, overdue the brand red.
export const slaColours = { onTime: '#52a35a', warned: '#e6a23c', overdue: '#c0392b' } as const;
const statusColours: Record<string, string> = { running: '#3b7dd8', completed: '#52a35a', faulted: '#c0392b', cancelled: '#9e9e9e', suspended: '#e6a23c' };

export interface TreeNode { value: string; title: string; children?: TreeNode[] }
export interface UnitRow { id: string; name: string; kind: string; depth: number }

/** Org units as a tree for TreeSelect/Tree; roots are units whose parent is not in the list (the district). Departments come last. */
export function unitTree(units: OrgUnit[]): TreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  // The territorial tree (streets, communities, grids) first; the functional departments under the city after it.
  const departmentLast = (u: OrgUnit) => (u.kind.toLowerCase() === 'department' ? 1 : 0);
  const build = (parent: string | null): TreeNode[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => departmentLast(a) - departmentLast(b) || a.id.localeCompare(b.id))
      .map((u) => {
        const below = build(u.id);
        return below.length ? { value: u.id, title: u.name, children: below } : { value: u.id, title: u.name };
      });
  return build(null);
}

/** The units below (not including) a root, depth-first in tree order, down to grids; buildings are too fine for a heat table. */
export function heatRows(units: OrgUnit[], rootId: string | undefined, kinds = ['street', 'community', 'grid']): UnitRow[] {
  const byParent = new Map<string, OrgUnit[]>();
  for (const unit of units) if (unit.parentId) byParent.set(unit.parentId, [...(byParent.get(unit.parentId) ?? []), unit]);
  const root = rootId ?? units.find((u) => !u.parentId || !units.some((p) => p.id === u.parentId))?.id;
  const rows: UnitRow[] = [];
  const walk = (id: string, depth: number) => {
    for (const child of (byParent.get(id) ?? []).sort((a, b) => a.id.localeCompare(b.id))) {
      if (!kinds.includes(child.kind.toLowerCase())) continue;
      rows.push({ id: child.id, name: child.name, kind: child.kind.toLowerCase(), depth });
      walk(child.id, depth + 1);
    }
  };
  if (root) walk(root, 0);
  return rows;
}

export interface HeatMatrix { columns: string[]; rows: { unit: UnitRow; cells: number[]; total: number }[]; max: number }

/** Instances per unit (rows) and process (columns); a unit's counts include its subtree, as the server scopes them. */
export function heatMatrix(rows: UnitRow[], countsByUnit: Map<string, CountRow[]>): HeatMatrix {
  const columns = [...new Set([...countsByUnit.values()].flat().map((c) => c.definitionKey))].sort();
  let max = 0;
  const out = rows.map((unit) => {
    const counts = countsByUnit.get(unit.id) ?? [];
    const cells = columns.map((key) => counts.filter((c) => c.definitionKey === key).reduce((sum, c) => sum + c.count, 0));
    max = Math.max(max, ...cells);
    return { unit, cells, total: cells.reduce((a, b) => a + b, 0) };
  });
  return { columns, rows: out, max };
}

/** Background for a heat cell: white at 0, the brand red at the maximum. */
export function heatColour(value: number, max: number): string {
  if (value <= 0 || max <= 0) return 'transparent';
  const alpha = 0.12 + 0.78 * (value / max);
  return `rgba(192, 57, 43, ${alpha.toFixed(2)})`;
}

export function totalCount(rows: CountRow[], status?: string): number {
  return rows.filter((r) => !status || r.status === status).reduce((sum, r) => sum + r.count, 0);
}

const label = (names: Map<string, string>, key: string) => names.get(key) ?? key;

/** Instances per process, stacked by status. */
export function countsOption(rows: CountRow[], names: Map<string, string>, t: Translate) {
  const keys = [...new Set(rows.map((r) => r.definitionKey))].sort();
  const statuses = [...new Set(rows.map((r) => r.status))].sort();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: keys.map((k) => label(names, k)), axisLabel: { width: 110, overflow: 'truncate' } },
    series: statuses.map((status) => ({
      name: t(`status.${status}`, { defaultValue: status }),
      type: 'bar',
      stack: 'status',
      barMaxWidth: 28,
      itemStyle: statusColours[status] ? { color: statusColours[status] } : undefined,
      data: keys.map((k) => rows.find((r) => r.definitionKey === k && r.status === status)?.count ?? 0),
    })),
  };
}

/**
 * Today's date (YYYY-MM-DD) in the district's time zone. Reports count whole days there, so near midnight a
 * browser elsewhere (or on UTC) would otherwise ask for a period that ends yesterday and miss today's work.
 */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return dayjs(now).format('YYYY-MM-DD');
  }
}

export interface Bucket { from: string; to: string; label: string }

/**
 * Splits a period into weeks (up to ~13 weeks) or else calendar months, each bucket's ends
 * inclusive like the report API's from/to, so SLA can be asked per bucket and drawn over time.
 */
export function periodBuckets(from: string, to: string): Bucket[] {
  const start = dayjs(from);
  const end = dayjs(to);
  if (end.isBefore(start)) return [];
  const weekly = end.diff(start, 'day') <= 92;
  const buckets: Bucket[] = [];
  let cursor = start;
  while (!cursor.isAfter(end)) {
    const next = weekly ? cursor.add(7, 'day') : cursor.startOf('month').add(1, 'month');
    const last = next.subtract(1, 'day').isAfter(end) ? end : next.subtract(1, 'day');
    buckets.push({ from: cursor.format('YYYY-MM-DD'), to: last.format('YYYY-MM-DD'), label: weekly ? cursor.format('MM-DD') : cursor.format('YYYY-MM') });
    cursor = next;
  }
  return buckets;
}

export interface SlaTotals { onTime: number; warned: number; overdue: number }

export function slaTotals(rows: SlaRow[]): SlaTotals {
  return rows.reduce((sum, r) => ({ onTime: sum.onTime + r.onTime, warned: sum.warned + r.warned, overdue: sum.overdue + r.overdue }), { onTime: 0, warned: 0, overdue: 0 });
}

/** Share of tasks kept on time, 0..100, or null with no tasks. */
export function onTimeRate(totals: SlaTotals): number | null {
  const all = totals.onTime + totals.warned + totals.overdue;
  return all ? Math.round((totals.onTime / all) * 1000) / 10 : null;
}

/** SLA per bucket, stacked: on time / warned / overdue. */
export function slaOption(buckets: Bucket[], perBucket: (SlaRow[] | undefined)[], t: Translate) {
  const totals = perBucket.map((rows) => slaTotals(rows ?? []));
  const series = (['onTime', 'warned', 'overdue'] as const).map((k) => ({
    name: t(`sla.${k}`),
    type: 'bar',
    barMaxWidth: 28,
    stack: 'sla',
    itemStyle: { color: slaColours[k] },
    data: totals.map((x) => x[k]),
  }));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: buckets.map((b) => b.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

/** Ratings 1..5 always shown (zeros too), plus any other rating the data holds. */
export function satisfactionOption(rows: SatisfactionRow[], t: Translate) {
  const ratings = [...new Set([1, 2, 3, 4, 5, ...rows.map((r) => r.rating)])].sort((a, b) => a - b);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ratings.map((r) => t('satisfaction.rating', { rating: r })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('satisfaction.count'),
        type: 'bar',
        barMaxWidth: 28,
        data: ratings.map((r) => ({
          value: rows.find((x) => x.rating === r)?.count ?? 0,
          // Low ratings are the ones a supervisor follows up: red for 1–2, amber 3, green 4–5.
          itemStyle: { color: r <= 2 ? slaColours.overdue : r === 3 ? slaColours.warned : slaColours.onTime },
        })),
      },
    ],
  };
}

/** Started and completed per process over the period. */
export function throughputOption(rows: ThroughputRow[], names: Map<string, string>, t: Translate) {
  const keys = [...new Set(rows.map((r) => r.definitionKey))].sort();
  const sum = (key: string, field: 'started' | 'completed') => rows.filter((r) => r.definitionKey === key).reduce((s, r) => s + r[field], 0);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: keys.map((k) => label(names, k)), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      { name: t('throughput.started'), type: 'bar', barMaxWidth: 20, itemStyle: { color: '#3b7dd8' }, data: keys.map((k) => sum(k, 'started')) },
      { name: t('throughput.completed'), type: 'bar', barMaxWidth: 20, itemStyle: { color: slaColours.onTime }, data: keys.map((k) => sum(k, 'completed')) },
    ],
  };
}

/** Events per category, biggest first, split into running and completed (anything else — cancelled, faulted — as other). */
export function categoriesOption(rows: CategoryRow[], nameOf: (code: string) => string, t: Translate) {
  // ECharts draws a category y axis bottom-up: reversed so the biggest category is on top.
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)).reverse();
  const part = (name: string, colour: string, value: (r: CategoryRow) => number) => ({
    name, type: 'bar', stack: 'status', barMaxWidth: 24, itemStyle: { color: colour }, data: sorted.map(value),
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => nameOf(r.category)), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      part(t('categories.running'), statusColours.running, (r) => r.running),
      part(t('categories.completed'), statusColours.completed, (r) => r.completed),
      part(t('categories.other'), statusColours.cancelled, (r) => r.count - r.running - r.completed),
    ],
  };
}

export type EscalationState = 'escalated' | 'nudged' | 'none';

export function escalationState(row: OverdueRow): EscalationState {
  return row.escalated ? 'escalated' : row.nudges > 0 ? 'nudged' : 'none';
}
