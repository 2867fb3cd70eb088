import { Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OverdueRow } from '../../api/reports';
import { escalationState } from './dashboardData';

const stateColour = { escalated: 'red', nudged: 'orange', none: 'default' } as const;

/** Open tasks past their deadline, most overdue first, with how far escalation (督办) and nudging (催办) went. */
export function OverdueTable({ rows, names, loading }: { rows: OverdueRow[] | null | undefined; names: Map<string, string>; loading: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <Table<OverdueRow>
      data-testid="overdue-table"
      size="small"
      loading={loading}
      rowKey="taskId"
      dataSource={rows ?? []}
      pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: rows === null ? t('unavailable') : t('overdue.none') }}
      columns={[
        { title: t('overdue.task'), key: 'title', render: (_, r) => <Link to={`/instances/${r.instanceId}`}>{r.title}</Link> },
        { title: t('overdue.process'), key: 'process', render: (_, r) => names.get(r.definitionKey) ?? r.definitionKey },
        { title: t('overdue.handler'), key: 'handler', render: (_, r) => r.assignee ?? r.candidateUnit ?? '—' },
        { title: t('overdue.due'), key: 'due', render: (_, r) => (r.dueAt ? dayjs(r.dueAt).format('YYYY-MM-DD HH:mm') : '—') },
        { title: t('overdue.hours'), key: 'hours', align: 'right', render: (_, r) => t('overdue.hoursValue', { hours: r.overdueHours }) },
        {
          title: t('overdue.escalation'),
          key: 'escalation',
          render: (_, r) => {
            const state = escalationState(r);
            return <Tag color={stateColour[state]}>{t(`overdue.state.${state}`, { escalations: r.escalations, nudges: r.nudges })}</Tag>;
          },
        },
      ]}
    />
  );
}
