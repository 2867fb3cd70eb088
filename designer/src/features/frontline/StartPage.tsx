// Start a process: the list the user may start (contract 3), a short start sheet (business key, what the
// first step asks for), then straight into the first task when it is the user's, else the instance timeline.
import { App, Button, Card, Col, Drawer, Empty, Form, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { instanceApi, useStartable, type InstanceDetail, type StartableProcess } from '../../api/instances';
import { useOrgUnits } from '../../api/orgUnits';
import { taskKeys } from '../../api/tasks';
import { useMe, type Me } from '../../auth/session';
import { businessKeyFor, startInputFor } from './logic';
import { useIsPhone } from './shared';

interface FormSummary {
  title?: string;
  description?: string;
}

export function StartPage() {
  const { t } = useTranslation('frontline');
  const startable = useStartable();
  const [chosen, setChosen] = useState<StartableProcess | null>(null);
  const phone = useIsPhone();

  return (
    <div className="fg-page" data-testid="start-page">
      <Typography.Title level={4}>{t('start.title')}</Typography.Title>
      {startable.isLoading && <Skeleton active />}
      {startable.error && <Empty description={t('start.unavailable')} />}
      {startable.data && startable.data.length === 0 && <Empty description={t('start.none')} />}
      <Row gutter={[12, 12]}>
        {(startable.data ?? []).map((p) => {
          const form = (p.startForm ?? null) as FormSummary | null;
          return (
            <Col key={p.key} xs={24} sm={12} lg={8}>
              <Card hoverable size="small" onClick={() => setChosen(p)} data-testid={`start-${p.key}`} style={{ height: '100%' }}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong style={{ fontSize: 16 }}>{p.name}</Typography.Text>
                  <Space wrap size={4}>
                    {p.category && <Tag>{p.category}</Tag>}
                    <Tag color="default">v{p.version}</Tag>
                  </Space>
                  {form?.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{form.description}</Typography.Paragraph>}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Drawer open={chosen !== null} onClose={() => setChosen(null)} placement={phone ? 'bottom' : 'right'} destroyOnHidden
        title={chosen?.name} size={phone ? 400 : 420}>
        {chosen && <StartSheet process={chosen} />}
      </Drawer>
    </div>
  );
}

function StartSheet({ process }: { process: StartableProcess }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe().data;
  const units = useOrgUnits().data;
  const [busy, setBusy] = useState(false);
  // The start input names the starter's org unit and the first place depends on who they are: until
  // both are loaded (a slow network, a loaded server) a start would go to the wrong unit.
  const ready = me != null && units != null;
  const form = (process.startForm ?? null) as FormSummary | null;

  const start = async ({ businessKey }: { businessKey: string }) => {
    setBusy(true);
    try {
      const input = startInputFor(me?.roles[0]?.orgUnitId, units ?? []);
      const detail = await instanceApi.start({ definitionKey: process.key, businessKey: businessKey.trim() || undefined, input });
      await client.invalidateQueries({ queryKey: taskKeys.all });
      message.success(t('start.started'));
      navigate(firstPlace(detail, me));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('start.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={start} initialValues={{ businessKey: businessKeyFor(process.key, new Date()) }}>
      {form?.title && <Typography.Title level={5}>{t('start.firstStep', { title: form.title })}</Typography.Title>}
      {form?.description && <Typography.Paragraph type="secondary">{form.description}</Typography.Paragraph>}
      <Form.Item name="businessKey" label={t('start.businessKey')} extra={t('start.businessKeyHelp')}>
        <Input maxLength={200} data-testid="start-business-key" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block icon={<PlayCircleOutlined />} loading={busy} disabled={!ready} data-testid="start-submit">
        {t('start.go')}
      </Button>
    </Form>
  );
}

/** The first open task if it is the starter's (assigned, or offered to a role they hold), else the timeline. */
function firstPlace(detail: InstanceDetail, me: Me | null | undefined): string {
  const myRoles = new Set(me?.roles.map((r) => r.role) ?? []);
  const mine = detail.openTasks.find((task) => task.assignee === me?.id)
    ?? detail.openTasks.find((task) => task.assignee == null && task.candidateRoles.some((r) => myRoles.has(r)));
  return mine ? `/tasks/${mine.id}` : `/instances/${detail.instance.id}`;
}
