// The unread count in the top bar; hidden when the notifications endpoint is unavailable.
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../../api/notifications';

export function NotificationBell() {
  const { t } = useTranslation('frontline');
  const navigate = useNavigate();
  const count = useUnreadCount();
  if (count.error) return null;
  return (
    <Badge count={count.data?.unread ?? 0} size="small" offset={[-6, 6]} data-testid="notification-badge">
      <Button type="text" aria-label={t('notifications.title')} icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => navigate('/notifications')} data-testid="notification-bell" />
    </Badge>
  );
}
