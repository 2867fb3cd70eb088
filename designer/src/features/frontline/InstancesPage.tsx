// Instances of the district: started by me or all, by process and status; a tap opens the timeline.
import { Card, Empty, List, Pagination, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInstances, useStartable, type InstanceSummary } from '../../api/instances';
import { useMe } from '../../auth/session';
import { formatTime, useIsPhone } from './shared';

export const instanceStatusColour: Record<string, string> = { running: 'blue', completed: 'green', cancelled: 'default', faulted: 'red', suspended: 'orange' };

export function InstancesPage() {
  const { t } = useTranslation('frontline');
  const me = useMe().data;
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [mine, setMine] = useState<'mine' | 'all'>('mine');
  const [definitionKey, setDefinitionKey] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const instances = useInstances({ definitionKey, status, startedBy: mine === 'mine' ? me?.id : undefined, page });
  const names = Object.fromEntries((useStartable().data ?? []).map((p) => [p.key, p.name]));
  const items = instances.data?.items ?? [];
  const name = (key: string) => names[key] ?? key;
  const statusTag = (s: string) => <Tag color={instanceStatusColour[s] ?? 'default'}>{t(`instance.status.${s}`, { defaultValue: s })}</Tag>;
  const open = (i: InstanceSummary) => navigate(`/instances/${i.id}`);

  return (
    <div className="fg-page" data-testid="instances-page">
      <Typography.Title level={4}>{t('instances.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={mine} onChange={(v) => { setMine(v as 'mine' | 'all'); setPage(1); }}
          options={[{ value: 'mine', label: t('instances.mine') }, { value: 'all', label: t('instances.all') }]} />
        <Select allowClear placeholder={t('inbox.filterProcess')} style={{ minWidth: 160 }} value={definitionKey}
          onChange={(v?: string) => { setDefinitionKey(v); setPage(1); }} options={Object.entries(names).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder={t('instances.status')} style={{ minWidth: 120 }} value={status} onChange={(v?: string) => { setStatus(v); setPage(1); }}
          options={['running', 'completed', 'cancelled', 'faulted'].map((s) => ({ value: s, label: t(`instance.status.${s}`) }))} />
      </Space>
      {phone ? (
        <>
          <List loading={instances.isLoading} dataSource={items} locale={{ emptyText: <Empty description={t('instances.empty')} /> }}
            renderItem={(i) => (
              <Card size="small" hoverable style={{ marginBottom: 10 }} onClick={() => open(i)} data-testid="instance-item">
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{name(i.definitionKey)}</Typography.Text>
                  {statusTag(i.status)}
                </Space>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.businessKey ?? i.id}</Typography.Text></div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(i.createdAt)}</Typography.Text>
              </Card>
            )} />
          <Pagination simple current={page} total={instances.data?.total ?? 0} pageSize={30} onChange={setPage} hideOnSinglePage />
        </>
      ) : (
        <Table<InstanceSummary> rowKey="id" size="middle" loading={instances.isLoading} dataSource={items}
          pagination={{ current: page, pageSize: 30, total: instances.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false,
            showTotal: (count) => t(instances.data?.totalIsLowerBound ? 'instances.totalAtLeast' : 'instances.total', { count }) }}
          onRow={(i) => ({ onClick: () => open(i), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('instances.process'), dataIndex: 'definitionKey', render: (k: string, i) => <>{name(k)} {i.test && <Tag color="purple">{t('instances.test')}</Tag>}</> },
            { title: t('instances.businessKey'), dataIndex: 'businessKey', render: (v: string | null, i) => v ?? i.id },
            { title: t('instances.status'), dataIndex: 'status', width: 100, render: statusTag },
            { title: t('instances.startedBy'), dataIndex: 'startedBy', width: 130, responsive: ['lg'] },
            { title: t('instances.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
          ]} />
      )}
    </div>
  );
}
