// Task actions besides submitting: claim/unclaim in sight, the rest (hand over 转办, delegate 委托, send back 退回,
// nudge 催办, comment) behind one "more" button that opens a bottom drawer on a phone and a side drawer elsewhere.
import { App, Button, Drawer, Form, Input, List, Select, Space, Typography } from 'antd';
import { CommentOutlined, MoreOutlined, RollbackOutlined, SendOutlined, SwapOutlined, TeamOutlined, BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { taskApi, useSendBackTargets, useTaskComments, useTaskMutation, type TaskDetail } from '../../api/tasks';
import { formatTime, useIsPhone } from './shared';

type Panel = 'handover' | 'delegate' | 'sendBack' | 'nudge' | 'comment';

export function TaskToolbar({ detail, meId }: { detail: TaskDetail; meId: string }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const task = detail.task;
  const open = task.status === 'open';
  const id = task.id;

  const report = (error: unknown) => message.error(error instanceof ApiError ? error.message : t('task.actionFailed'));
  const claim = useTaskMutation(() => taskApi.claim(id));
  const unclaim = useTaskMutation(() => taskApi.unclaim(id));

  const entries: { key: Panel; icon: React.ReactNode; show: boolean }[] = [
    { key: 'handover', icon: <SwapOutlined />, show: open && detail.canWork },
    { key: 'delegate', icon: <TeamOutlined />, show: open && detail.canWork },
    { key: 'sendBack', icon: <RollbackOutlined />, show: open && detail.canWork },
    { key: 'nudge', icon: <BellOutlined />, show: open },
    { key: 'comment', icon: <CommentOutlined />, show: true },
  ];

  return (
    <>
      <Space wrap data-testid="task-toolbar">
        {open && detail.canWork && task.assignee == null && (
          <Button type="primary" ghost loading={claim.isPending} data-testid="task-claim"
            onClick={() => claim.mutate(undefined, { onSuccess: () => message.success(t('task.claimed')), onError: report })}>
            {t('task.claim')}
          </Button>
        )}
        {open && task.assignee === meId && task.candidateRoles.length > 0 && (
          <Button loading={unclaim.isPending} data-testid="task-unclaim"
            onClick={() => unclaim.mutate(undefined, { onSuccess: () => message.success(t('task.unclaimed')), onError: report })}>
            {t('task.unclaim')}
          </Button>
        )}
        <Button icon={<MoreOutlined />} onClick={() => setMenuOpen(true)} data-testid="task-more">{t('task.more')}</Button>
      </Space>
      <Drawer
        open={menuOpen}
        placement={phone ? 'bottom' : 'right'}
        size={phone ? 400 : 360}
        title={t('task.actions')}
        onClose={() => setMenuOpen(false)}
      >
        <List
          dataSource={entries.filter((e) => e.show)}
          renderItem={(e) => (
            <List.Item style={{ padding: 0 }}>
              <Button type="text" block icon={e.icon} style={{ height: 48, justifyContent: 'flex-start' }} data-testid={`task-action-${e.key}`}
                onClick={() => { setMenuOpen(false); setPanel(e.key); }}>
                {t(`task.action.${e.key}`)}
              </Button>
            </List.Item>
          )}
        />
      </Drawer>
      <Drawer
        open={panel !== null}
        placement={phone ? 'bottom' : 'right'}
        size={phone ? '80%' : 420}
        destroyOnHidden
        title={panel ? t(`task.action.${panel}`) : ''}
        onClose={() => setPanel(null)}
      >
        {panel === 'handover' || panel === 'delegate' ? <AssignForm id={id} mode={panel} done={() => setPanel(null)} /> : null}
        {panel === 'sendBack' && <SendBackForm id={id} done={() => setPanel(null)} />}
        {panel === 'nudge' && <NudgeForm id={id} done={() => setPanel(null)} />}
        {panel === 'comment' && <Comments id={id} />}
      </Drawer>
    </>
  );
}

function useReport() {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  return (error: unknown) => message.error(error instanceof ApiError ? error.message : t('task.actionFailed'));
}

function AssignForm({ id, mode, done }: { id: string; mode: 'handover' | 'delegate'; done: () => void }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const report = useReport();
  const assign = useTaskMutation(({ userId, comment }: { userId: string; comment?: string }) =>
    mode === 'handover' ? taskApi.handOver(id, userId, comment) : taskApi.delegate(id, userId, comment));
  return (
    <Form layout="vertical" onFinish={(v: { userId: string; comment?: string }) =>
      assign.mutate({ userId: v.userId.trim(), comment: v.comment }, { onSuccess: () => { message.success(t('task.done')); done(); }, onError: report })}>
      <Typography.Paragraph type="secondary">{t(`task.${mode}Help`)}</Typography.Paragraph>
      <Form.Item name="userId" label={t('task.userId')} rules={[{ required: true, message: t('task.userIdRequired') }]}>
        <Input placeholder="tc-grid02" autoCapitalize="off" data-testid="assign-user" />
      </Form.Item>
      <Form.Item name="comment" label={t('task.comment')}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="assign-comment" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={assign.isPending} icon={<SendOutlined />} data-testid="assign-submit">
        {t(`task.action.${mode}`)}
      </Button>
    </Form>
  );
}

function SendBackForm({ id, done }: { id: string; done: () => void }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const report = useReport();
  const targets = useSendBackTargets(id, true);
  const sendBack = useTaskMutation(({ to, comment }: { to: string; comment?: string }) => taskApi.sendBack(id, to, comment));
  if (targets.error) return <Typography.Text type="secondary">{t('task.sendBackUnavailable')}</Typography.Text>;
  return (
    <Form layout="vertical" onFinish={(v: { to: string; comment?: string }) =>
      sendBack.mutate(v, { onSuccess: () => { message.success(t('task.sentBack')); done(); }, onError: report })}>
      <Form.Item name="to" label={t('task.sendBackTo')} rules={[{ required: true, message: t('task.sendBackToRequired') }]}>
        <Select loading={targets.isLoading} options={(targets.data ?? []).map((x) => ({ value: x.activityId, label: x.name }))}
          notFoundContent={t('task.noSendBackTargets')} data-testid="send-back-target" />
      </Form.Item>
      <Form.Item name="comment" label={t('task.comment')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" block size="large" loading={sendBack.isPending} data-testid="send-back-submit">{t('task.action.sendBack')}</Button>
    </Form>
  );
}

function NudgeForm({ id, done }: { id: string; done: () => void }) {
  const { t } = useTranslation('frontline');
  const { message } = App.useApp();
  const report = useReport();
  const nudge = useTaskMutation((text?: string) => taskApi.nudge(id, text));
  return (
    <Form layout="vertical" onFinish={(v: { message?: string }) =>
      nudge.mutate(v.message, { onSuccess: () => { message.success(t('task.nudged')); done(); }, onError: report })}>
      <Form.Item name="message" label={t('task.nudgeMessage')}>
        <Input.TextArea rows={3} maxLength={500} data-testid="nudge-message" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={nudge.isPending} data-testid="nudge-submit">{t('task.action.nudge')}</Button>
    </Form>
  );
}

function Comments({ id }: { id: string }) {
  const { t } = useTranslation('frontline');
  const report = useReport();
  const comments = useTaskComments(id);
  const [text, setText] = useState('');
  const add = useTaskMutation((value: string) => taskApi.comment(id, value));
  return (
    <>
      <List
        loading={comments.isLoading}
        dataSource={comments.data ?? []}
        locale={{ emptyText: t('task.noComments') }}
        renderItem={(c) => (
          <List.Item data-testid="comment">
            <List.Item.Meta title={<Space><span>{c.author}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(c.at)}</Typography.Text></Space>} description={c.text} />
          </List.Item>
        )}
      />
      <Input.TextArea rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('task.commentPlaceholder')} data-testid="comment-text" />
      <Button type="primary" block size="large" style={{ marginTop: 8 }} disabled={!text.trim()} loading={add.isPending} data-testid="comment-submit"
        onClick={() => add.mutate(text.trim(), { onSuccess: () => { setText(''); void comments.refetch(); }, onError: report })}>
        {t('task.addComment')}
      </Button>
    </>
  );
}
