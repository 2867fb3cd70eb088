import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../api/orgUnits';
import { categoriesOption, countsOption, escalationState, heatColour, heatMatrix, heatRows, onTimeRate, periodBuckets, satisfactionOption, slaOption, slaTotals, throughputOption, todayIn, totalCount, unitTree } from './dashboardData';

const t = (key: string, options?: Record<string, unknown>) => (options && 'rating' in options ? `${key}:${String(options.rating)}` : key);

const units: OrgUnit[] = [
  { id: 'tongcheng', parentId: null, kind: 'district', name: '桐城市' },
  { id: 'tc-wc', parentId: 'tongcheng', kind: 'street', name: '文昌街道' },
  { id: 'tc-wc-lcx', parentId: 'tc-wc', kind: 'community', name: '六尺巷社区' },
  { id: 'tc-wc-lcx-g02', parentId: 'tc-wc-lcx', kind: 'grid', name: '网格02' },
  { id: 'tc-wc-lcx-g01', parentId: 'tc-wc-lcx', kind: 'grid', name: '网格01' },
  { id: 'tc-wc-lcx-g01-b1', parentId: 'tc-wc-lcx-g01', kind: 'building', name: '1栋' },
  { id: 'tc-lt', parentId: 'tongcheng', kind: 'street', name: '龙腾街道' },
];

describe('org unit tree', () => {
  it('nests units under their parents, sorted by id', () => {
    const tree = unitTree(units);
    expect(tree).toHaveLength(1);
    expect(tree[0].children?.map((c) => c.value)).toEqual(['tc-lt', 'tc-wc']);
    expect(tree[0].children?.[1].children?.[0].children?.map((c) => c.value)).toEqual(['tc-wc-lcx-g01', 'tc-wc-lcx-g02']);
  });

  it('puts the departments under the city after its streets', () => {
    const withDepartments: OrgUnit[] = [...units, { id: 'dept-municipal', parentId: 'tongcheng', kind: 'department', name: '市政园林局' }];
    expect(unitTree(withDepartments)[0].children?.map((c) => c.value)).toEqual(['tc-lt', 'tc-wc', 'dept-municipal']);
  });

  it('heat rows list streets, communities and grids below the root in tree order, without buildings', () => {
    expect(heatRows(units, undefined).map((r) => `${r.depth}:${r.id}`)).toEqual(['0:tc-lt', '0:tc-wc', '1:tc-wc-lcx', '2:tc-wc-lcx-g01', '2:tc-wc-lcx-g02']);
    expect(heatRows(units, 'tc-wc-lcx').map((r) => r.id)).toEqual(['tc-wc-lcx-g01', 'tc-wc-lcx-g02']);
  });
});

describe('heat matrix', () => {
  it('sums statuses per unit and process and finds the maximum', () => {
    const rows = heatRows(units, 'tc-wc-lcx');
    const counts = new Map([
      ['tc-wc-lcx-g01', [{ definitionKey: 'grid-event', status: 'running', count: 2 }, { definitionKey: 'grid-event', status: 'completed', count: 3 }, { definitionKey: 'micro-wish', status: 'running', count: 1 }]],
      ['tc-wc-lcx-g02', []],
    ]);
    const m = heatMatrix(rows, counts);
    expect(m.columns).toEqual(['grid-event', 'micro-wish']);
    expect(m.rows.map((r) => r.cells)).toEqual([[5, 1], [0, 0]]);
    expect(m.rows[0].total).toBe(6);
    expect(m.max).toBe(5);
  });

  it('colours zero as transparent and the maximum darkest', () => {
    expect(heatColour(0, 5)).toBe('transparent');
    expect(heatColour(5, 5)).toBe('rgba(192, 57, 43, 0.90)');
  });
});

describe('chart options', () => {
  it('stacks counts per process by status with process names', () => {
    const rows = [
      { definitionKey: 'grid-event', status: 'running', count: 2 },
      { definitionKey: 'grid-event', status: 'completed', count: 1 },
      { definitionKey: 'micro-wish', status: 'running', count: 4 },
    ];
    const option = countsOption(rows, new Map([['grid-event', '网格事件']]), t);
    expect(option.yAxis.data).toEqual(['网格事件', 'micro-wish']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['status.completed', [1, 0]], ['status.running', [2, 4]]]);
    expect(totalCount(rows)).toBe(7);
    expect(totalCount(rows, 'running')).toBe(6);
  });

  it('draws SLA per bucket as on time / warned / overdue and computes the on-time rate', () => {
    const sla = (onTime: number, warned: number, overdue: number) => ({ definitionKey: 'k', activityId: 'a', total: onTime + warned + overdue, onTime, warned, overdue, open: 0 });
    const option = slaOption([{ from: '2026-01-01', to: '2026-01-07', label: '01-01' }, { from: '2026-01-08', to: '2026-01-14', label: '01-08' }], [[sla(3, 1, 0), sla(1, 0, 1)], undefined], t);
    expect(option.series.map((s) => s.data)).toEqual([[4, 0], [1, 0], [1, 0]]);
    expect(onTimeRate(slaTotals([sla(3, 1, 0)]))).toBe(75);
    expect(onTimeRate(slaTotals([]))).toBeNull();
  });

  it('shows ratings 1 to 5 even when some have no answers', () => {
    const option = satisfactionOption([{ rating: 1, count: 2 }, { rating: 5, count: 7 }], t);
    expect(option.xAxis.data).toHaveLength(5);
    expect(option.series[0].data.map((d) => d.value)).toEqual([2, 0, 0, 0, 7]);
  });

  it('sums throughput per process over the days', () => {
    const option = throughputOption([
      { definitionKey: 'grid-event', day: '2026-01-01', started: 2, completed: 0 },
      { definitionKey: 'grid-event', day: '2026-01-02', started: 1, completed: 2 },
    ], new Map(), t);
    expect(option.series.map((s) => s.data)).toEqual([[3], [2]]);
  });

  it('names the escalation state of an overdue task', () => {
    const row = { taskId: 't', instanceId: 'i', definitionKey: 'k', activityId: 'a', title: 'x', assignee: null, candidateRoles: null, candidateUnit: null, dueAt: null, overdueHours: 3, escalated: false, escalations: 0, nudges: 0, lastEscalatedAt: null };
    expect(escalationState(row)).toBe('none');
    expect(escalationState({ ...row, nudges: 1 })).toBe('nudged');
    expect(escalationState({ ...row, escalated: true, escalations: 1 })).toBe('escalated');
  });
});

describe('period buckets', () => {
  it('splits a month into weeks with inclusive ends, the last one cut at the period end', () => {
    const b = periodBuckets('2026-01-01', '2026-01-20');
    expect(b.map((x) => `${x.from}..${x.to}`)).toEqual(['2026-01-01..2026-01-07', '2026-01-08..2026-01-14', '2026-01-15..2026-01-20']);
  });

  it('uses calendar months for long periods', () => {
    const b = periodBuckets('2026-01-15', '2026-06-30');
    expect(b.map((x) => x.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(b[0]).toEqual({ from: '2026-01-15', to: '2026-01-31', label: '2026-01' });
  });

  it('is empty for a reversed period', () => {
    expect(periodBuckets('2026-02-01', '2026-01-01')).toEqual([]);
  });
});

describe('categoriesOption', () => {
  it('puts the biggest category on top with its name, split running / completed / other', () => {
    const names: Record<string, string> = { 'city.roads': '道路设施', 'safety.fire': '消防安全' };
    const option = categoriesOption(
      [{ category: 'safety.fire', count: 1, running: 1, completed: 0 }, { category: 'city.roads', count: 5, running: 2, completed: 2 }],
      (code) => names[code] ?? code,
      t,
    );
    // ECharts draws category axes bottom-up: the last entry is the top bar.
    expect(option.yAxis.data).toEqual(['消防安全', '道路设施']);
    expect(option.series.map((s) => s.data)).toEqual([[1, 2], [0, 2], [0, 1]]);
  });
});

describe('todayIn', () => {
  it("gives the district's date, not the browser's, near midnight", () => {
    const lateUtc = new Date('2026-12-04T16:30:00Z');
    expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2026-12-05');
    expect(todayIn('UTC', lateUtc)).toBe('2026-12-04');
  });

  it('falls back to the browser date for an unknown zone', () => {
    expect(todayIn('Nowhere/Else', new Date(2026, 0, 2, 12))).toBe('2026-01-02');
  });
});
