// Small pieces the frontline pages share: phone detection, due tags, attachment thumbnails, value display.
import { Grid, Image, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../../api/tasks';
import { dueColour, dueStatus, isAttachmentHash } from './logic';

dayjs.extend(relativeTime);

/** Below antd's md breakpoint (768px) the pages use cards, drawers and full-width buttons. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function DueTag({ task }: { task: Pick<TaskItem, 'dueAt' | 'warnAt' | 'deadlineState'> }) {
  const { t } = useTranslation('frontline');
  const status = dueStatus(task, new Date());
  if (status === 'none') return <Tag data-testid="due-tag" data-due="none">{t('due.none')}</Tag>;
  return (
    <Tag color={dueColour[status]} data-testid="due-tag" data-due={status}>
      {t(`due.${status}`)} · {dayjs(task.dueAt).fromNow()}
    </Tag>
  );
}

export function AttachmentThumb({ hash }: { hash: string }) {
  return <Image src={`/api/attachments/${hash}`} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="attachment" />;
}

/** A submitted value as people read it: attachments as thumbnails, locations as coordinates, lists joined. */
export function ValueView({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (isAttachmentHash(value)) return <AttachmentThumb hash={value} />;
  if (Array.isArray(value)) {
    if (value.every(isAttachmentHash)) return <Space wrap>{value.map((h) => <AttachmentThumb key={h} hash={h} />)}</Space>;
    if (value.every((v) => typeof v !== 'object')) return <span>{value.join('、')}</span>;
  }
  if (typeof value === 'boolean') return <span>{value ? '✓' : '✗'}</span>;
  if (typeof value === 'object') {
    const location = value as { lat?: number; lng?: number; address?: string };
    if ('lat' in location || 'address' in location) {
      return <span>{[location.address, location.lat !== undefined ? `${location.lat}, ${location.lng}` : null].filter(Boolean).join(' · ')}</span>;
    }
    return <Typography.Text code style={{ wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
  }
  return <span style={{ wordBreak: 'break-word' }}>{String(value)}</span>;
}

export function FileLink({ hash }: { hash: string }) {
  return <a href={`/api/attachments/${hash}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {hash.slice(0, 8)}</a>;
}
