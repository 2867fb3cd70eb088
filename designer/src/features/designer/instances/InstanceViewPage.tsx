// An instance's path and state over the canvas of its own version.
import { Card, Descriptions, Result, Spin, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { useDefinitionVersion } from '../../../api/definitions';
import { instanceOverlay } from '../../../graph/diffOverlay';
import { ProcessCanvas } from '../canvas/ProcessCanvas';

export interface InstanceDetail {
  instance: { id: string; definitionKey: string; definitionVersion: number; status: string; businessKey: string | null; startedBy: string | null; createdAt: string; completedAt: string | null };
  openTasks: Array<{ id: string; activityId: string; title: string; status: string }>;
  incidents: Array<{ id: string; activityId: string; message: string; resolved: boolean }>;
  journal: Array<{ sequence: number; kind: string; activityId: string | null; activityType: string | null; port: string | null; actor: string | null; at: string; message: string | null }>;
}

export function useInstanceDetail(id: string) {
  return useQuery({ queryKey: ['instances', id], queryFn: () => api.get<InstanceDetail>(`/api/instances/${encodeURIComponent(id)}`) });
}

export function InstanceViewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('designer');
  const detail = useInstanceDetail(id);
  const instance = detail.data?.instance;
  const definition = useDefinitionVersion(instance?.definitionKey ?? '', instance?.definitionVersion ?? null);
  const highlight = useMemo(
    () =>
      definition.data && detail.data
        ? instanceOverlay(
            definition.data,
            detail.data.journal,
            detail.data.openTasks.map((task) => task.activityId),
            detail.data.incidents.filter((i) => !i.resolved).map((i) => i.activityId),
          )
        : undefined,
    [definition.data, detail.data],
  );
  if (detail.isError) return <Result status="warning" title={t('instance.notFound')} subTitle={detail.error.message} />;
  if (!instance) return <Spin style={{ margin: 48 }} />;
  return (
    <div style={{ display: 'flex', height: 'calc(100vh - 64px)' }} data-testid="instance-view">
      <div style={{ flex: 1, minWidth: 0 }}>
        {definition.data ? <ProcessCanvas definition={definition.data} highlight={highlight} readOnly /> : <Spin style={{ margin: 48 }} />}
      </div>
      <div style={{ width: 340, borderLeft: '1px solid #f0f0f0', overflow: 'auto', padding: 12 }}>
        <Card size="small" title={<Link to={`/designer/${encodeURIComponent(instance.definitionKey)}`}>{instance.definitionKey} v{instance.definitionVersion}</Link>}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('instance.status')}>
              <Tag>{t(`instanceStatus.${instance.status.toLowerCase()}`, { defaultValue: instance.status })}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('instance.startedBy')}>{instance.startedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('instance.started')}>{dayjs(instance.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('instance.journal')}
        </Typography.Title>
        <Timeline
          items={detail.data!.journal.map((j) => ({
            key: j.sequence,
            color: /fault/i.test(j.kind) ? 'red' : 'blue',
            content: (
              <span style={{ fontSize: 12 }}>
                {dayjs(j.at).format('MM-DD HH:mm')} · {j.kind}
                {j.activityId ? ` · ${j.activityId}` : ''}
                {j.port ? ` → ${j.port}` : ''}
                {j.message ? <div style={{ color: '#8c8c8c' }}>{j.message}</div> : null}
              </span>
            ),
          }))}
        />
      </div>
    </div>
  );
}
