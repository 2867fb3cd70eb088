// The user's notifications (Notify activities, deadline events, nudges, assignments), unread first to act on.
import { Badge, Button, Card, Empty, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMarkRead, useNotifications, type NotificationItem } from '../../api/notifications';
import { formatTime } from './shared';

const kindColour: Record<string, string> = { notify: 'blue', warning: 'orange', overdue: 'red', escalation: 'volcano', nudge: 'purple', assigned: 'green' };

export function NotificationsPage() {
  const { t } = useTranslation('frontline');
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page);
  const markRead = useMarkRead();

  const open = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.taskId) navigate(`/tasks/${n.taskId}`);
    else if (n.instanceId) navigate(`/instances/${n.instanceId}`);
  };

  return (
    <div className="fg-page" data-testid="notifications-page">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('notifications.title')}</Typography.Title>
        <Segmented value={unreadOnly ? 'unread' : 'all'} onChange={(v) => { setUnreadOnly(v === 'unread'); setPage(1); }}
          options={[{ value: 'all', label: t('notifications.all') }, { value: 'unread', label: t('notifications.unread') }]} />
      </Space>
      {list.error ? <Empty description={t('notifications.unavailable')} /> : (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
          renderItem={(n) => (
            <Card size="small" style={{ marginBottom: 8, cursor: n.taskId || n.instanceId ? 'pointer' : 'default' }} onClick={() => open(n)}
              data-testid="notification" data-kind={n.kind} data-read={n.readAt ? 'true' : 'false'}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
                <Space direction="vertical" size={2}>
                  <Space size={6} wrap>
                    {!n.readAt && <Badge status="processing" />}
                    <Tag color={kindColour[n.kind] ?? 'default'}>{t(`notifications.kind.${n.kind}`, { defaultValue: n.kind })}</Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                  {n.body && <Typography.Text type="secondary">{n.body}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(n.createdAt)}</Typography.Text>
                </Space>
                {!n.readAt && (
                  <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); markRead.mutate(n.id); }} data-testid="notification-read">
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Space>
            </Card>
          )}
        />
      )}
      <Pagination simple current={page} pageSize={20} total={list.data?.total ?? 0} onChange={setPage} hideOnSinglePage style={{ marginTop: 8 }} />
    </div>
  );
}
