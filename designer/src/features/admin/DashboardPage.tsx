import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Dropdown, Flex, Row, Statistic, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useOrgUnits } from '../../api/orgUnits';
import type { CategoryRow, CountRow, OverdueRow, ReportFilter, ReportName, SatisfactionRow, SlaRow, ThroughputRow } from '../../api/reports';
import { csvUrl, reportKeys, useDefinitions, useReport, useUnitCounts } from '../../api/reports';
import { Chart } from './Chart';
import { categoryName } from '../frontline/logic';
import { taxonomy } from '../frontline/taxonomy';
import { useMe } from '../../auth/session';
import { categoriesOption, countsOption, heatMatrix, heatRows, onTimeRate, periodBuckets, satisfactionOption, slaOption, slaTotals, throughputOption, todayIn, totalCount, unitTree } from './dashboardData';
import { HeatTable } from './HeatTable';
import { OverdueTable } from './OverdueTable';

const csvReports: (ReportName | 'tasks')[] = ['counts', 'categories', 'sla', 'satisfaction', 'throughput', 'overdue', 'tasks'];
const nameOfCategory = (code: string) => categoryName(taxonomy, code);

/** Supervisors' dashboard: the district (or one unit's subtree) over a period. */
export function DashboardPage() {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const timeZone = useMe().data?.timeZone;
  const today = dayjs(todayIn(timeZone));
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today.subtract(29, 'day'), today]);
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const filter: ReportFilter = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), orgUnitId };

  const units = useOrgUnits();
  const definitions = useDefinitions();
  const names = useMemo(() => new Map((definitions.data ?? []).map((d) => [d.key, d.name])), [definitions.data]);
  const counts = useReport<CountRow>('counts', filter);
  const satisfaction = useReport<SatisfactionRow>('satisfaction', filter);
  const throughput = useReport<ThroughputRow>('throughput', filter);
  const overdue = useReport<OverdueRow>('overdue', filter);
  const sla = useReport<SlaRow>('sla', filter);
  const categories = useReport<CategoryRow>('categories', filter);

  // SLA over time: the server reports SLA for one period, so each week (or month) is asked separately.
  const buckets = useMemo(() => periodBuckets(filter.from!, filter.to!), [filter.from, filter.to]);
  const slaByBucket = useQueries({
    queries: buckets.map((b) => {
      const f = { from: b.from, to: b.to, orgUnitId };
      return { queryKey: reportKeys.report('sla', f), enabled: counts.isSuccess, queryFn: () => api.get<SlaRow[]>(`/api/reports/sla?from=${b.from}&to=${b.to}${orgUnitId ? `&orgUnitId=${encodeURIComponent(orgUnitId)}` : ''}`) };
    }),
  });

  const rows = useMemo(() => heatRows(units.data ?? [], orgUnitId), [units.data, orgUnitId]);
  // The heat table and SLA buckets are many small requests: they wait for the headline counts so the KPIs come first.
  const unitCounts = useUnitCounts(rows.map((r) => r.id), { from: filter.from, to: filter.to }, counts.isSuccess);
  const matrix = useMemo(
    () => heatMatrix(rows, new Map(rows.map((r, i) => [r.id, unitCounts[i]?.data ?? []]))),
    // unitCounts is a new array each render; its data timestamps say when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, unitCounts.map((q) => q.dataUpdatedAt).join()],
  );

  const totals = slaTotals(sla.data ?? []);
  const rate = onTimeRate(totals);
  const ratings = satisfaction.data ?? [];
  const answered = ratings.reduce((s, r) => s + r.count, 0);
  const average = answered ? ratings.reduce((s, r) => s + r.rating * r.count, 0) / answered : null;

  return (
    <Flex vertical gap={12} data-testid="dashboard">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <DatePicker.RangePicker
            data-testid="dashboard-period"
            allowClear={false}
            value={range}
            onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            presets={[
              { label: t('dashboard.last7'), value: [today.subtract(6, 'day'), today] },
              { label: t('dashboard.last30'), value: [today.subtract(29, 'day'), today] },
              { label: t('dashboard.thisYear'), value: [today.startOf('year'), today] },
            ]}
          />
          <TreeSelect
            data-testid="dashboard-unit"
            style={{ minWidth: 200 }}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('dashboard.allUnits')}
            value={orgUnitId}
            onChange={(value?: string) => setOrgUnitId(value || undefined)}
            treeData={unitTree(units.data ?? [])}
            treeDefaultExpandAll={false}
            popupMatchSelectWidth={false}
          />
          <Button data-testid="dashboard-refresh" icon={<ReloadOutlined />} onClick={() => client.invalidateQueries({ queryKey: reportKeys.all })}>
            {t('dashboard.refresh')}
          </Button>
          <Dropdown
            menu={{
              items: csvReports.map((name) => ({
                key: name,
                label: (
                  <a href={csvUrl(name, filter)} download data-testid={`csv-${name}`}>
                    {t(`csv.${name}`)}
                  </a>
                ),
              })),
            }}
          >
            <Button data-testid="dashboard-csv" icon={<DownloadOutlined />}>
              {t('dashboard.csv')}
            </Button>
          </Dropdown>
        </Flex>
      </Flex>

      <Row gutter={[12, 12]}>
        <Kpi testId="kpi-total" title={t('kpi.total')} value={counts.data ? totalCount(counts.data) : undefined} />
        <Kpi testId="kpi-running" title={t('kpi.running')} value={counts.data ? totalCount(counts.data, 'running') : undefined} />
        <Kpi testId="kpi-completed" title={t('kpi.completed')} value={counts.data ? totalCount(counts.data, 'completed') : undefined} />
        <Kpi testId="kpi-ontime" title={t('kpi.onTime')} value={rate ?? '—'} suffix={rate === null ? undefined : '%'} />
        <Kpi testId="kpi-overdue" title={t('kpi.overdue')} value={overdue.data === null ? '—' : overdue.data?.length} danger />
        <Kpi testId="kpi-satisfaction" title={t('kpi.satisfaction')} value={average === null ? '—' : average.toFixed(1)} />
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.byProcess')} loading={counts.isLoading}>
            <Chart testId="chart-counts" option={countsOption(counts.data ?? [], names, t)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.byCategory')} loading={categories.isLoading}>
            {categories.data === null ? <Typography.Text type="secondary">{t('unavailable')}</Typography.Text> : <Chart testId="chart-categories" option={categoriesOption(categories.data ?? [], nameOfCategory, t)} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.heat')}>
            <HeatTable matrix={matrix} names={names} loading={units.isLoading || unitCounts.some((q) => q.isLoading)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.sla')} extra={rate === null ? null : t('charts.slaRate', { rate })}>
            <Chart testId="chart-sla" option={slaOption(buckets, slaByBucket.map((q) => q.data), t)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.satisfaction')} extra={t('charts.answered', { count: answered })}>
            {satisfaction.data === null ? <Typography.Text type="secondary">{t('unavailable')}</Typography.Text> : <Chart testId="chart-satisfaction" option={satisfactionOption(ratings, t)} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.throughput')}>
            {throughput.data === null ? <Typography.Text type="secondary">{t('unavailable')}</Typography.Text> : <Chart testId="chart-throughput" option={throughputOption(throughput.data ?? [], names, t)} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('charts.overdue')}>
            <OverdueTable rows={overdue.data} names={names} loading={overdue.isLoading} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function Kpi({ title, value, suffix, testId, danger }: { title: string; value: number | string | undefined; suffix?: string; testId: string; danger?: boolean }) {
  return (
    <Col xs={12} sm={8} lg={4}>
      <Card size="small">
        <Statistic
          title={title}
          value={value ?? '—'}
          suffix={suffix}
          loading={value === undefined}
          valueStyle={danger && typeof value === 'number' && value > 0 ? { color: '#c0392b' } : undefined}
          // The E2E test reads the number from here.
          valueRender={(node) => <span data-testid={testId}>{node}</span>}
        />
      </Card>
    </Col>
  );
}
