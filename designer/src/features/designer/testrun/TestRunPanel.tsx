// Test run of the draft (contract 8): start it with sample input, answer its tasks right here with the
// real FormRenderer through the normal task endpoints, and watch the path light up step by step.
// Pinned answers (n8n's pinned data) let a rerun get through the answered steps by itself.
import { Alert, Button, Card, Empty, Input, Space, Switch, Tag, Timeline, Tooltip, Typography } from 'antd';
import { CaretRightOutlined, PushpinFilled, PushpinOutlined, RedoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { DefinitionJson } from '../../../api/definitions';
import { taskFormBindings } from '../../../api/forms';
import { testRunApi, useTaskDetail, useTestRunInstance, type JournalItem, type TaskSummary } from '../../../api/formsTestRun';
import { FormRenderer } from '../../../forms';
import type { FormValues } from '../../../forms/types';
import { instanceOverlay, ProcessCanvas } from '../canvas';
import { useDefinitionDraft } from '../useDefinitionDraft';
import { clearPin, readPin, sampleInput, tasksToAutoSubmit, writePin } from './pins';
import './testRun.css';

export interface TestRunPanelProps {
  definitionKey: string;
  definition: DefinitionJson | null;
}

export function TestRunPanel({ definitionKey, definition }: TestRunPanelProps) {
  const { t } = useTranslation('forms');
  const draft = useDefinitionDraft(definitionKey);
  const [input, setInput] = useState(() => JSON.stringify(sampleInput(definition?.variables), null, 2));
  const [instanceId, setInstanceId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [usePins, setUsePins] = useState(true);
  const [pinGeneration, setPinGeneration] = useState(0);
  const run = useTestRunInstance(instanceId);
  const client = useQueryClient();
  const autoSent = useRef(new Set<string>());

  const parsedInput = useMemo(() => {
    try {
      const value = JSON.parse(input || '{}') as unknown;
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }, [input]);

  const start = async () => {
    if (!parsedInput) return;
    setStarting(true);
    setFailure(null);
    autoSent.current = new Set();
    try {
      const started = await testRunApi.start(definitionKey, parsedInput);
      setInstanceId(started.instanceId);
    } catch (error) {
      setFailure(describe(error));
    } finally {
      setStarting(false);
    }
  };

  const refresh = () => client.invalidateQueries({ queryKey: ['instances', instanceId, 'test-run'] });

  // A rerun answers the steps that have a pinned answer by itself, each task once.
  const openTasks = run.data?.openTasks;
  useEffect(() => {
    if (!usePins || !openTasks) return;
    const due = tasksToAutoSubmit(localStorage, definitionKey, openTasks, autoSent.current);
    if (due.length === 0) return;
    for (const { task } of due) autoSent.current.add(task.id);
    void Promise.all(due.map(({ task, pin }) => testRunApi.submit(task.id, pin.outcome, pin.values)))
      .catch((error: unknown) => setFailure(describe(error)))
      .finally(() => void refresh());
    // refresh only depends on the instance id, which openTasks already follows
  }, [openTasks, usePins, definitionKey, pinGeneration]);

  const highlight = useMemo(() => definition && run.data
    ? instanceOverlay(definition, run.data.journal, run.data.openTasks.map((task) => task.activityId), run.data.incidents.filter((i) => !i.resolved).map((i) => i.activityId))
    : undefined, [definition, run.data]);

  const status = run.data?.instance.status.toLowerCase();
  return (
    <div className="tr-panel" data-testid="test-run-panel">
      <div className="tr-left">
        <Card size="small" title={t('testRun.input')} extra={
          <Button size="small" onClick={() => setInput(JSON.stringify(sampleInput(definition?.variables), null, 2))}>{t('testRun.fromVariables')}</Button>}>
          <Input.TextArea data-testid="tr-input" className="tr-json" autoSize={{ minRows: 4, maxRows: 12 }} value={input} status={parsedInput ? undefined : 'error'}
            onChange={(e) => setInput(e.target.value)} />
          {!parsedInput && <Typography.Text type="danger">{t('testRun.inputInvalid')}</Typography.Text>}
          {draft.status === 'dirty' || draft.status === 'saving'
            ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('testRun.unsaved')} />
            : null}
          <Space style={{ marginTop: 8 }} wrap>
            <Button type="primary" icon={instanceId ? <RedoOutlined /> : <CaretRightOutlined />} loading={starting} disabled={!parsedInput || draft.status === 'saving'}
              data-testid="tr-start" onClick={() => void start()}>{instanceId ? t('testRun.rerun') : t('testRun.start')}</Button>
            <Space size={4}>
              <Switch size="small" checked={usePins} onChange={setUsePins} data-testid="tr-use-pins" />
              <Typography.Text>{t('testRun.usePins')}</Typography.Text>
            </Space>
          </Space>
          {failure && <Alert style={{ marginTop: 8 }} type="error" showIcon data-testid="tr-error" title={failure} />}
        </Card>
        {run.data && (
          <Card size="small" style={{ marginTop: 12 }} title={<Space>{t('testRun.run')}<Tag data-testid="tr-status" color={status === 'completed' ? 'green' : status === 'faulted' ? 'red' : 'blue'}>{t(`testRun.status.${status}`, { defaultValue: status })}</Tag></Space>}>
            {run.data.openTasks.length === 0
              ? <Typography.Text type="secondary">{status === 'completed' ? t('testRun.finished') : t('testRun.noTasks')}</Typography.Text>
              : run.data.openTasks.map((task) => (
                <TaskAnswer key={task.id} task={task} definitionKey={definitionKey} onSubmitted={() => void refresh()} onPinsChanged={() => setPinGeneration((n) => n + 1)} />
              ))}
            {run.data.incidents.filter((i) => !i.resolved).map((incident) => (
              <Alert key={incident.id} type="error" showIcon style={{ marginTop: 8 }} title={`${incident.activityId}: ${incident.message}`} />
            ))}
          </Card>
        )}
      </div>
      <div className="tr-right">
        <div className="tr-canvas" data-testid="tr-canvas">
          {definition ? <ProcessCanvas definition={definition} highlight={highlight} readOnly height="100%" /> : null}
        </div>
        <div className="tr-journal">
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('testRun.steps')}</Typography.Title>
          {run.data ? <Steps journal={run.data.journal} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('testRun.notStarted')} />}
        </div>
      </div>
    </div>
  );
}

function Steps({ journal }: { journal: JournalItem[] }) {
  const { t } = useTranslation('forms');
  return (
    <Timeline data-testid="tr-steps" items={journal.map((entry) => ({
      key: entry.sequence,
      color: /fault/i.test(entry.kind) ? 'red' : /complete|leave|exit/i.test(entry.kind) ? 'green' : 'blue',
      content: (
        <div data-testid={`tr-step-${entry.sequence}`} data-activity={entry.activityId ?? ''}>
          <Space size={6} wrap>
            <Typography.Text strong>{entry.activityId ?? t('testRun.instance')}</Typography.Text>
            <Tag>{entry.kind}</Tag>
            {entry.port && <Tag color="geekblue">→ {entry.port}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(entry.at).format('HH:mm:ss')}{entry.actor ? ` · ${entry.actor}` : ''}</Typography.Text>
          </Space>
          {entry.message && <div><Typography.Text type="secondary">{entry.message}</Typography.Text></div>}
          {entry.data && (
            <details>
              <summary>{t('testRun.data')}</summary>
              <pre className="tr-data">{pretty(entry.data)}</pre>
            </details>
          )}
        </div>
      ),
    }))} />
  );
}

function TaskAnswer({ task, definitionKey, onSubmitted, onPinsChanged }: { task: TaskSummary; definitionKey: string; onSubmitted: () => void; onPinsChanged: () => void }) {
  const { t } = useTranslation('forms');
  const detail = useTaskDetail(task.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pinned, setPinned] = useState(() => readPin(localStorage, definitionKey, task.activityId));
  const [pinNext, setPinNext] = useState(false);
  const bindings = useMemo(() => taskFormBindings(task.id), [task.id]);

  const submit = async (outcome: string, values: FormValues) => {
    setBusy(outcome);
    setFailure(null);
    try {
      await testRunApi.submit(task.id, outcome, values);
      if (pinNext) {
        setPinned(writePin(localStorage, definitionKey, task.activityId, { outcome, values }, new Date()));
        onPinsChanged();
      }
      onSubmitted();
    } catch (error) {
      setFailure(describe(error));
    } finally {
      setBusy(null);
    }
  };

  const form = detail.data?.form;
  return (
    <Card size="small" type="inner" className="tr-task" data-testid={`tr-task-${task.activityId}`}
      title={<Space>{task.title}<Typography.Text type="secondary" code>{task.activityId}</Typography.Text></Space>}
      extra={pinned
        ? <Tooltip title={t('testRun.unpinHint')}><Button size="small" icon={<PushpinFilled />} data-testid="tr-unpin"
            onClick={() => { clearPin(localStorage, definitionKey, task.activityId); setPinned(null); }}>{t('testRun.pinned')}</Button></Tooltip>
        : <Space size={4}><Switch size="small" checked={pinNext} onChange={setPinNext} data-testid="tr-pin" /><PushpinOutlined />{t('testRun.pinOnSubmit')}</Space>}>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={failure} />}
      {detail.isLoading && <Typography.Text type="secondary">…</Typography.Text>}
      {form
        ? <FormRenderer form={form} initialValues={pinned?.values ?? detail.data?.values ?? undefined} evaluate={bindings.evaluate}
            attachmentUpload={bindings.attachmentUpload} busyAction={busy} onAction={submit} />
        : detail.data && (
          <Space wrap>
            {(task.outcomes.length ? task.outcomes : ['done']).map((outcome) => (
              <Button key={outcome} loading={busy === outcome} data-testid={`form-action-${outcome}`} onClick={() => void submit(outcome, {})}>{outcome}</Button>
            ))}
          </Space>
        )}
    </Card>
  );
}

function pretty(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    return data;
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const problems = error.problem.problems;
    const list = Array.isArray(problems) ? problems.map((p: { message?: string }) => p.message).filter(Boolean).join('；') : '';
    return [error.message, list].filter(Boolean).join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}
