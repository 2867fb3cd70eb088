import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { App, Button, Flex, Form, Input, Modal, Select, Switch, Table, Tag, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { User } from '../../api/admin';
import { useUserMutations, useUsers } from '../../api/admin';
import { useOrgUnits } from '../../api/orgUnits';
import { unitTree } from './dashboardData';
import { useRoleOptions } from './roles';
import { UserDrawer } from './UserDrawer';

/** Users of the district with their roles at units; a user's drawer edits roles and access tokens. */
export function UsersPanel() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(1);
  const users = useUsers(search, page);
  const units = useOrgUnits();
  const roleOptions = useRoleOptions();
  const { create, update } = useUserMutations();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form] = Form.useForm();
  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));

  const submit = async () => {
    const v = (await form.validateFields()) as { userName: string; displayName: string; password: string; role?: string; orgUnitId?: string };
    try {
      await create.mutateAsync({ userName: v.userName, displayName: v.displayName, password: v.password, roles: v.role && v.orgUnitId ? [{ role: v.role, orgUnitId: v.orgUnitId }] : [] });
      message.success(t('saved'));
      setCreating(false);
      // Show the new user: the list is filtered to it, and the search box says so.
      setSearch(v.userName);
      setTyped(v.userName);
      setPage(1);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} justify="space-between">
        <Input.Search data-testid="user-search" allowClear placeholder={t('users.search')} style={{ maxWidth: 320 }} value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(value) => { setSearch(value); setPage(1); }} />
        <Button data-testid="user-new" type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setCreating(true); }}>
          {t('users.new')}
        </Button>
      </Flex>
      <Table<User>
        data-testid="user-table"
        size="small"
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: users.data?.pageSize ?? 20, total: users.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: t('users.userName'), dataIndex: 'userName' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_, u) => (
              <Flex wrap gap={4}>
                {u.roles.map((r) => (
                  <Tag key={r.id}>{`${tc(`roles.${r.role}`, { defaultValue: r.role })} @ ${r.orgUnitName ?? r.orgUnitId}`}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('users.active'),
            key: 'active',
            render: (_, u) => <Switch size="small" checked={u.isActive} onChange={(isActive) => update.mutateAsync({ id: u.id, isActive }).catch(fail)} />,
          },
          { title: t('users.lastLogin'), key: 'last', render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : '—') },
          {
            title: '',
            key: 'open',
            render: (_, u) => (
              <Button size="small" icon={<KeyOutlined />} data-testid={`user-open-${u.userName}`} onClick={() => setOpenId(u.id)}>
                {t('users.manage')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('users.new')} onOk={submit} onCancel={() => setCreating(false)} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'user-save' } as ButtonProps} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="userName" label={t('users.userName')} rules={[{ required: true, pattern: /^\S{1,64}$/, message: t('users.userNameRule') }]}>
            <Input data-testid="user-username" autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input data-testid="user-displayname" />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8, max: 256, message: t('users.passwordRule') }]}>
            <Input.Password data-testid="user-password" autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item name="role" label={t('users.role')} style={{ flex: 1, minWidth: 160 }}>
              <Select data-testid="user-role" allowClear options={roleOptions} />
            </Form.Item>
            <Form.Item name="orgUnitId" label={t('users.unit')} style={{ flex: 1, minWidth: 160 }} dependencies={['role']} rules={[({ getFieldValue }) => ({ validator: (_, value) => (getFieldValue('role') && !value ? Promise.reject(new Error(t('users.unitRequired'))) : Promise.resolve()) })]}>
              <TreeSelect data-testid="user-unit" allowClear showSearch treeNodeFilterProp="title" treeData={unitTree(units.data ?? [])} popupMatchSelectWidth={false} />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
      <UserDrawer user={users.data?.items.find((u) => u.id === openId) ?? null} onClose={() => setOpenId(null)} />
    </Flex>
  );
}
