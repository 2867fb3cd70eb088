import { Flex, Input, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter } from '../../api/admin';
import { useAudit } from '../../api/admin';

/** The district's audit log, newest first; an action ending in * matches a prefix (e.g. user.*). */
export function AuditPanel() {
  const { t } = useTranslation('admin');
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const audit = useAudit(filter);
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        <Input.Search allowClear placeholder={t('audit.action')} style={{ maxWidth: 240 }} onSearch={(action) => setFilter({ ...filter, action: action || undefined, page: 1 })} />
        <Input.Search allowClear placeholder={t('audit.actor')} style={{ maxWidth: 240 }} onSearch={(actor) => setFilter({ ...filter, actor: actor || undefined, page: 1 })} />
      </Flex>
      <Table<AuditEntry>
        data-testid="audit-table"
        size="small"
        rowKey="id"
        loading={audit.isFetching}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: filter.page, pageSize: filter.pageSize, total: audit.data?.total ?? 0, onChange: (page) => setFilter({ ...filter, page }), showSizeChanger: false, size: 'small' }}
        columns={[
          { title: t('audit.at'), key: 'at', render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(a.at).format('YYYY-MM-DD HH:mm:ss')}</span> },
          { title: t('audit.actor'), dataIndex: 'actor' },
          { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{action}</Typography.Text> },
          { title: t('audit.subject'), dataIndex: 'subject' },
          { title: t('audit.data'), dataIndex: 'data', ellipsis: true },
        ]}
      />
    </Flex>
  );
}
