// One instance's timeline: every step with who and when, what was submitted (attachments viewable),
// the open steps with their deadline status, incidents, and cancel for those allowed.
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Input, Modal, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { instanceApi, instanceKeys, useInstance, type InstanceDetail, type JournalItem } from '../../api/instances';
import { hasRole, useMe } from '../../auth/session';
import { journalData, timelineSteps } from './logic';
import { DueTag, formatTime, useIsPhone, ValueView } from './shared';
import { instanceStatusColour } from './InstancesPage';

export function InstancePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('frontline');
  const instance = useInstance(id);
  if (instance.isLoading) return <Skeleton active className="fg-page" />;
  if (instance.error || !instance.data) return <Result status="404" title={t('instance.notFound')} extra={<Link to="/instances">{t('instances.title')}</Link>} />;
  return <InstanceView detail={instance.data} />;
}

function InstanceView({ detail }: { detail: InstanceDetail }) {
  const { t } = useTranslation('frontline');
  const me = useMe().data;
  const phone = useIsPhone();
  const { instance } = detail;
  const running = instance.status === 'running' || instance.status === 'faulted' || instance.status === 'suspended';
  const mayCancel = running && (instance.startedBy === me?.id || hasRole(me, 'supervisor', 'admin'));
  const steps = timelineSteps(detail.journal);
  const nameOf = (userId: string) => detail.people?.[userId] ?? userId;

  return (
    <div className="fg-page" data-testid="instance-page" data-instance-id={instance.id}>
      <Card size="small">
        <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>{instance.businessKey ?? instance.id}</Typography.Title>
          <Space>
            <Tag color={instanceStatusColour[instance.status] ?? 'default'} data-testid="instance-status">{t(`instance.status.${instance.status}`, { defaultValue: instance.status })}</Tag>
            {mayCancel && <CancelButton id={instance.id} />}
          </Space>
        </Space>
        <Descriptions size="small" column={phone ? 1 : 3} style={{ marginTop: 8 }} items={[
          { key: 'process', label: t('instances.process'), children: `${instance.definitionKey} v${instance.definitionVersion}` },
          { key: 'by', label: t('instances.startedBy'), children: instance.startedBy ? nameOf(instance.startedBy) : '—' },
          { key: 'at', label: t('instances.createdAt'), children: formatTime(instance.createdAt) },
        ]} />
      </Card>

      {detail.incidents.filter((i) => !i.resolved).map((i) => (
        <Alert key={i.id} type="error" showIcon style={{ marginTop: 12 }} data-testid="instance-incident"
          title={t('instance.incident', { activity: i.activityId })} description={`${i.message}${i.line ? ` (${t('instance.line', { line: i.line })})` : ''}`} />
      ))}

      {detail.openTasks.length > 0 && (
        <Card size="small" title={t('instance.openSteps')} style={{ marginTop: 12 }} data-testid="instance-open-tasks">
          {detail.openTasks.map((task) => (
            <div key={task.id} className="fg-open-step">
              <Link to={`/tasks/${task.id}`}>{task.title}</Link>
              <Space wrap size={4}>
                <DueTag task={task} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {task.assignee ? nameOf(task.assignee) : `${task.candidateRoles.join('、')}${task.candidateUnit ? ` @ ${task.candidateUnit}` : ''}`}
                </Typography.Text>
              </Space>
            </div>
          ))}
        </Card>
      )}

      <Card size="small" title={t('instance.timeline')} style={{ marginTop: 12 }}>
        {steps.length === 0 ? <Empty /> : (
          <Timeline data-testid="instance-timeline" items={steps.map((step) => ({
            key: step.sequence,
            color: colourOf(step),
            content: <Step step={step} nameOf={nameOf} />,
          }))} />
        )}
      </Card>

      {Object.keys(detail.forms).length > 0 && (
        <Card size="small" title={t('instance.submitted')} style={{ marginTop: 12 }}>
          <Collapse size="small" defaultActiveKey={Object.keys(detail.forms)} items={Object.entries(detail.forms).map(([formKey, values]) => ({
            key: formKey,
            label: formKey,
            children: (
              <Descriptions size="small" column={1} bordered data-testid={`instance-form-${formKey}`}
                items={Object.entries(values ?? {}).map(([field, value]) => ({ key: field, label: field, children: <ValueView value={value} /> }))} />
            ),
          }))} />
        </Card>
      )}
    </div>
  );
}

function colourOf(step: JournalItem): string {
  if (step.kind === 'ActivityFaulted') return 'red';
  if (step.kind === 'InstanceCompleted') return 'green';
  if (step.kind === 'InstanceCancelled' || step.kind === 'TaskSentBack') return 'gray';
  if (step.kind === 'ActivityWaiting') return 'gray';
  return 'green';
}

function Step({ step, nameOf }: { step: JournalItem; nameOf: (id: string) => string }) {
  const { t } = useTranslation('frontline');
  const data = journalData(step);
  return (
    <div data-testid="timeline-step" data-kind={step.kind}>
      <Space wrap size={6}>
        <Typography.Text strong>{t(`journal.${step.kind}`, { defaultValue: step.kind })}</Typography.Text>
        {step.activityId && <Tag>{step.activityId}</Tag>}
        {step.port && <Tag color="blue">{step.port}</Tag>}
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(step.at)}{step.actor ? ` · ${nameOf(step.actor)}` : ''}
        </Typography.Text>
      </div>
      {step.message && <Typography.Paragraph style={{ margin: 0 }}>{step.message}</Typography.Paragraph>}
      {data && Object.keys(data).length > 0 && (
        <div className="fg-step-data">
          {Object.entries(data).slice(0, 12).map(([k, v]) => (
            <div key={k}><Typography.Text type="secondary">{k}：</Typography.Text><ValueView value={v} /></div>
          ))}
        </div>
      )}
    </div>
  );
}

function CancelButton({ id }: { id: string }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await instanceApi.cancel(id, reason || undefined);
      await client.invalidateQueries({ queryKey: instanceKeys.all });
      setOpen(false);
      message.success(t('instance.cancelled'));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('task.actionFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger size="small" onClick={() => setOpen(true)} data-testid="instance-cancel">{t('instance.cancel')}</Button>
      <Modal open={open} title={t('instance.cancelTitle')} okText={t('instance.cancel')} okButtonProps={{ danger: true, loading: busy }} onOk={cancel} onCancel={() => setOpen(false)}>
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('instance.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
