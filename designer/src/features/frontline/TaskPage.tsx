// One task: its generated form (live evaluation by the server), photo and location inputs, outcome buttons,
// and the actions toolbar. Submitting sends an Idempotency-Key so a retry after a lost answer is safe.
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { taskApi, taskKeys, useTask, type TaskDetail } from '../../api/tasks';
import { useOrgUnits } from '../../api/orgUnits';
import { useMe } from '../../auth/session';
import { FormRenderer, type Evaluation, type FormDefinition, type FormErrorDto, type FormValues } from '../../forms';
import { attemptFor, fieldErrorsOf, unitEntries, type PendingAttempt } from './logic';
import { DueTag, formatTime, useIsPhone } from './shared';
import { TaskToolbar } from './TaskToolbar';
import { taxonomy } from './taxonomy';

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('frontline');
  const task = useTask(id);
  const me = useMe().data;

  if (task.isLoading) return <Skeleton active className="fg-page" />;
  if (task.error || !task.data) {
    return <Result status="404" title={t('task.notFound')} extra={<Link to="/inbox">{t('task.backToInbox')}</Link>} />;
  }
  return <TaskView detail={task.data} meId={me?.id ?? ''} />;
}

function TaskView({ detail, meId }: { detail: TaskDetail; meId: string }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const phone = useIsPhone();
  const orgUnits = useOrgUnits().data;
  const { task } = detail;
  const nameOf = (userId: string) => detail.people?.[userId] ?? userId;
  const [errors, setErrors] = useState<FormErrorDto[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  // The last attempt that did not get an answer: pressing the same button with the same values reuses its key.
  const unanswered = useRef<PendingAttempt | null>(null);
  const writable = task.status === 'open' && detail.canWork;

  const evaluate = useCallback((values: FormValues) => taskApi.evaluate<Evaluation>(task.id, values), [task.id]);
  const upload = useCallback((field: string, file: File) => taskApi.upload(task.id, field, file), [task.id]);
  const environment = useMemo(() => ({ taxonomy, orgUnits: orgUnits ? unitEntries(orgUnits) : undefined }), [orgUnits]);

  const submit = async (outcome: string, values: FormValues) => {
    const attempt = attemptFor(unanswered.current, outcome, values);
    unanswered.current = attempt;
    const { key } = attempt;
    setBusy(outcome);
    setErrors([]);
    try {
      const result = await taskApi.submit(task.id, outcome, values, key);
      unanswered.current = null;
      message.success(t('task.submitted'));
      await client.invalidateQueries({ queryKey: taskKeys.all });
      navigate(await nextPlace(result.newTasks, meId));
    } catch (error) {
      if (error instanceof ApiError) {
        // The server answered: this attempt is settled, a corrected submission is a new one.
        unanswered.current = null;
        const fieldErrors = fieldErrorsOf(error.problem);
        setErrors(fieldErrors);
        message.error(fieldErrors.length > 0 && error.status < 500 ? t('task.invalid') : error.message);
      } else {
        message.error(t('task.networkRetry'));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="fg-page fg-task-page" data-testid="task-page" data-task-id={task.id}>
      {!phone && (
        <Breadcrumb items={[{ title: <Link to="/inbox">{t('inbox.title')}</Link> }, { title: task.title }]} style={{ marginBottom: 8 }} />
      )}
      <Card size="small" className="fg-task-head">
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }} data-testid="task-title">{task.title}</Typography.Title>
          <Space wrap size={[6, 6]}>
            <DueTag task={task} />
            <Tag data-testid="task-status">{t(`task.status.${task.status}`, { defaultValue: task.status })}</Tag>
            {task.assignee ? <Tag color="blue" data-testid="task-holder">{t('task.holder', { who: nameOf(task.assignee) })}</Tag> : <Tag>{t('inbox.unclaimed')}</Tag>}
            {task.delegatedBy && <Tag color="purple">{t('task.delegatedBy', { who: nameOf(task.delegatedBy) })}</Tag>}
          </Space>
          {!phone && (
            <Descriptions size="small" column={3} items={[
              { key: 'created', label: t('task.createdAt'), children: formatTime(task.createdAt) },
              { key: 'due', label: t('task.dueAt'), children: formatTime(task.dueAt) },
              { key: 'instance', label: t('task.instance'), children: <Link to={`/instances/${task.instanceId}`}>{t('task.timeline')}</Link> },
            ]} />
          )}
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <TaskToolbar detail={detail} meId={meId} />
            {phone && <Link to={`/instances/${task.instanceId}`} data-testid="task-timeline-link">{t('task.timeline')}</Link>}
          </Space>
        </Space>
      </Card>
      {!writable && task.status === 'open' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('task.notYours')} />}
      {task.status !== 'open' && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('task.completed', { outcome: task.outcome ?? '' })} />}
      <Card size="small" style={{ marginTop: 12 }} data-testid="task-form">
        {detail.form ? (
          <FormRenderer
            form={detail.form as FormDefinition}
            initialValues={detail.values ?? undefined}
            evaluate={writable ? evaluate : undefined}
            readOnly={!writable}
            attachmentUpload={writable ? upload : undefined}
            environment={environment}
            errors={errors}
            busyAction={busy}
            onAction={submit}
          />
        ) : (
          <NoFormActions outcomes={task.outcomes} disabled={!writable} busy={busy} onSubmit={(o) => submit(o, {}).catch(() => undefined)} />
        )}
      </Card>
    </div>
  );
}

/** A task without a form still has its outcome buttons. */
function NoFormActions({ outcomes, disabled, busy, onSubmit }: { outcomes: string[]; disabled: boolean; busy: string | null; onSubmit: (o: string) => void }) {
  const { t } = useTranslation('frontline');
  return (
    <Space wrap>
      <Typography.Text type="secondary">{t('task.noForm')}</Typography.Text>
      {outcomes.map((o) => (
        <Button key={o} type="primary" size="large" disabled={disabled} loading={busy === o} onClick={() => onSubmit(o)} data-testid={`task-outcome-${o}`}>
          {o}
        </Button>
      ))}
    </Space>
  );
}

/** After submitting: the next task if it is mine to work right away, else back to the inbox. */
async function nextPlace(newTasks: string[], meId: string): Promise<string> {
  for (const id of newTasks) {
    try {
      const next = await api.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
      if (next.canWork && next.task.assignee === meId) return `/tasks/${id}`;
    } catch {
      // Not visible to me: somebody else's step.
    }
  }
  return '/inbox';
}
