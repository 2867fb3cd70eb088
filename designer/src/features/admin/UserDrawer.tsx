import { App, Alert, Button, Divider, Drawer, Flex, Form, Input, InputNumber, List, Popconfirm, Select, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { IssuedToken, User } from '../../api/admin';
import { useTokenMutations, useTokens, useUserMutations } from '../../api/admin';
import { useOrgUnits } from '../../api/orgUnits';
import { unitTree } from './dashboardData';
import { useRoleOptions } from './roles';

/** One user's roles at units and personal access tokens (the token text is shown once, right after issuing). */
export function UserDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Drawer open={!!user} onClose={onClose} title={user ? `${user.displayName}（${user.userName}）` : ''} size="large" destroyOnHidden>
      {user && (
        <>
          <Roles user={user} />
          <Divider />
          <Typography.Title level={5}>{t('tokens.title')}</Typography.Title>
          <Tokens userId={user.id} />
        </>
      )}
    </Drawer>
  );
}

function Roles({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const units = useOrgUnits();
  const roleOptions = useRoleOptions();
  const { addRole, removeRole } = useUserMutations();
  const [form] = Form.useForm();
  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));
  return (
    <>
      <Typography.Title level={5}>{t('users.roles')}</Typography.Title>
      <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="user-roles">
        {user.roles.length === 0 && <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>}
        {user.roles.map((r) => (
          <Tag key={r.id} closable onClose={(e) => { e.preventDefault(); removeRole.mutateAsync({ id: user.id, assignmentId: r.id }).catch(fail); }}>
            {`${tc(`roles.${r.role}`, { defaultValue: r.role })} @ ${r.orgUnitName ?? r.orgUnitId}`}
          </Tag>
        ))}
      </Flex>
      <Form form={form} layout="inline" onFinish={(v: { role: string; orgUnitId: string }) => addRole.mutateAsync({ id: user.id, ...v }).then(() => form.resetFields(), fail)}>
        <Form.Item name="role" rules={[{ required: true, message: t('required') }]}>
          <Select placeholder={t('users.role')} style={{ width: 150 }} options={roleOptions} />
        </Form.Item>
        <Form.Item name="orgUnitId" rules={[{ required: true, message: t('required') }]}>
          <TreeSelect placeholder={t('users.unit')} style={{ width: 180 }} showSearch treeNodeFilterProp="title" treeData={unitTree(units.data ?? [])} popupMatchSelectWidth={false} />
        </Form.Item>
        <Button htmlType="submit" loading={addRole.isPending}>
          {t('users.addRole')}
        </Button>
      </Form>
    </>
  );
}

function Tokens({ userId }: { userId: string }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const tokens = useTokens(userId);
  const { issue, revoke } = useTokenMutations(userId);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));
  return (
    <>
      {issued && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setIssued(null)}
          style={{ marginBottom: 12 }}
          title={t('tokens.issued')}
          description={<Typography.Text copyable code data-testid="token-text">{issued.token}</Typography.Text>}
        />
      )}
      <Form layout="inline" onFinish={(v: { name: string; expiresInDays?: number }) => issue.mutateAsync(v).then(setIssued, fail)}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input data-testid="token-name" placeholder={t('tokens.name')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="expiresInDays">
          <InputNumber min={1} max={3650} placeholder={t('tokens.days')} style={{ width: 120 }} />
        </Form.Item>
        <Button data-testid="token-issue" htmlType="submit" loading={issue.isPending}>
          {t('tokens.issue')}
        </Button>
      </Form>
      <List
        size="small"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        locale={{ emptyText: t('tokens.none') }}
        renderItem={(token) => (
          <List.Item
            actions={token.revokedAt ? [] : [
              <Popconfirm key="revoke" title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutateAsync(token.id).catch(fail)}>
                <Button size="small" danger>
                  {t('tokens.revoke')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={<>{token.name} {token.revokedAt && <Tag>{t('tokens.revoked')}</Tag>}</>}
              description={t('tokens.meta', {
                created: dayjs(token.createdAt).format('YYYY-MM-DD'),
                expires: token.expiresAt ? dayjs(token.expiresAt).format('YYYY-MM-DD') : t('tokens.never'),
              })}
            />
          </List.Item>
        )}
      />
    </>
  );
}
