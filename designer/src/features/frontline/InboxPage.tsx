// The task inbox: mine / my units' / overdue, with counts, process and event-category filters (both asked of the server), due colours.
// Phones get a list of cards (big tap targets); tablets and desktops a table.
import { Badge, Card, Empty, List, Select, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useInbox, useInboxCounts, type InboxTab, type TaskItem } from '../../api/tasks';
import { byDue, categoryTree, dueStatus } from './logic';
import { taxonomy } from './taxonomy';
import { DueTag, formatTime, useIsPhone } from './shared';

interface DefinitionSummary {
  key: string;
  name: string;
}

function useDefinitionNames() {
  return useQuery({
    queryKey: ['definitions', 'list'],
    queryFn: () => api.get<DefinitionSummary[] | { items: DefinitionSummary[] }>('/api/definitions'),
    select: (data) => Object.fromEntries((Array.isArray(data) ? data : data.items).map((d) => [d.key, d.name])) as Record<string, string>,
    staleTime: 300_000,
  });
}

export function InboxPage() {
  const { t } = useTranslation('frontline');
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as InboxTab | null) ?? 'mine';
  const definitionKey = params.get('process') ?? undefined;
  const category = params.get('category') ?? undefined;
  const phone = useIsPhone();
  const navigate = useNavigate();
  const inbox = useInbox(tab, definitionKey, category);
  const counts = useInboxCounts();
  const names = useDefinitionNames().data ?? {};
  const categories = useMemo(() => categoryTree(taxonomy), []);
  const tasks = useMemo(() => [...(inbox.data?.items ?? [])].sort(byDue), [inbox.data]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (task: TaskItem) => navigate(`/tasks/${task.id}`);
  const processName = (key: string) => names[key] ?? key;
  const c = counts.data;

  const tabs = [
    { key: 'mine', label: <span data-testid="inbox-tab-mine">{t('inbox.mine')} <Badge count={c?.assigned ?? 0} showZero color="#c0392b" size="small" /></span> },
    { key: 'units', label: <span data-testid="inbox-tab-units">{t('inbox.units')} <Badge count={c?.candidate ?? 0} showZero color="#1677ff" size="small" /></span> },
    { key: 'overdue', label: <span data-testid="inbox-tab-overdue">{t('inbox.overdue')} <Badge count={c?.overdue ?? 0} showZero size="small" /></span> },
  ];

  return (
    <div className="fg-page" data-testid="inbox">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('inbox.title')}</Typography.Title>
        {c && c.warned > 0 && <Tag color="orange" data-testid="inbox-warned">{t('inbox.warnedCount', { count: c.warned })}</Tag>}
      </Space>
      <Tabs activeKey={tab} items={tabs} onChange={(key) => set('tab', key)} />
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <Select
          allowClear
          placeholder={t('inbox.filterProcess')}
          style={{ minWidth: phone ? 160 : 220 }}
          value={definitionKey}
          onChange={(value?: string) => set('process', value)}
          options={Object.entries(names).map(([key, name]) => ({ value: key, label: name }))}
          data-testid="inbox-filter-process"
        />
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('inbox.filterCategory')}
          style={{ minWidth: phone ? 160 : 220 }}
          popupMatchSelectWidth={false}
          value={category}
          onChange={(value?: string) => set('category', value)}
          treeData={categories}
          data-testid="inbox-filter-category"
        />
      </Space>
      {phone ? (
        <List
          loading={inbox.isLoading}
          dataSource={tasks}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          renderItem={(task) => (
            <Card
              size="small"
              hoverable
              className={`fg-task-card fg-due-${dueStatus(task, new Date())}`}
              style={{ marginBottom: 10 }}
              onClick={() => open(task)}
              data-testid="inbox-item"
              data-task-id={task.id}
            >
              <Typography.Text strong style={{ fontSize: 16 }}>{task.title}</Typography.Text>
              <div className="fg-task-meta">
                <Typography.Text type="secondary">{processName(task.definitionKey)}</Typography.Text>
                <DueTag task={task} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('inbox.created')} {formatTime(task.createdAt)}
                {task.assignee ? '' : ` · ${t('inbox.unclaimed')}`}
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<TaskItem>
          rowKey="id"
          size="middle"
          loading={inbox.isLoading}
          dataSource={tasks}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          onRow={(task) => ({ onClick: () => open(task), style: { cursor: 'pointer' }, 'data-testid': 'inbox-item', 'data-task-id': task.id }) as React.HTMLAttributes<HTMLElement>}
          rowClassName={(task) => `fg-due-row-${dueStatus(task, new Date())}`}
          columns={[
            { title: t('inbox.colTitle'), dataIndex: 'title', render: (title: string) => <Typography.Text strong>{title}</Typography.Text> },
            { title: t('inbox.colProcess'), dataIndex: 'definitionKey', render: processName, responsive: ['lg'] },
            { title: t('inbox.colDue'), key: 'due', width: 190, render: (_, task) => <DueTag task={task} /> },
            { title: t('inbox.colDueAt'), dataIndex: 'dueAt', width: 150, render: formatTime },
            { title: t('inbox.colHolder'), key: 'holder', width: 120, responsive: ['lg'], render: (_, task) => task.assignee ?? <Tag>{t('inbox.unclaimed')}</Tag> },
          ]}
        />
      )}
    </div>
  );
}
