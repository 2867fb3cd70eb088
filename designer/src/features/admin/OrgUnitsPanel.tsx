import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Row, Select, Tree } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useOrgUnitMutations } from '../../api/admin';
import { useOrgUnits } from '../../api/orgUnits';
import { unitTree } from './dashboardData';

const childKinds = ['street', 'community', 'grid', 'building', 'department'];

/** The district's org tree: pick a unit, then add a unit below it, rename or delete it. */
export function OrgUnitsPanel() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const units = useOrgUnits();
  const { create, rename, remove } = useOrgUnitMutations();
  const [selected, setSelected] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'create' | 'rename' | null>(null);
  const [form] = Form.useForm();
  const unit = units.data?.find((u) => u.id === selected);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  // Open down to the communities at first: grids and buildings are many, so they unfold on demand.
  const defaultExpanded = (units.data ?? []).filter((u) => ['city', 'district', 'street'].includes(u.kind.toLowerCase())).map((u) => u.id);
  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));

  const submit = async () => {
    const values = (await form.validateFields()) as { id: string; name: string; kind: string };
    try {
      if (dialog === 'create' && unit) {
        await create.mutateAsync({ id: values.id, name: values.name, kind: values.kind, parentId: unit.id });
        setExpanded([...new Set([...(expanded ?? defaultExpanded), unit.id])]);
        setSelected(values.id);
      } else if (dialog === 'rename' && unit) {
        await rename.mutateAsync({ id: unit.id, name: values.name });
      }
      message.success(t('saved'));
      setDialog(null);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={10}>
        <Card size="small" title={t('units.tree')} loading={units.isLoading}>
          <Tree
            data-testid="unit-tree"
            treeData={unitTree(units.data ?? []).map(function toTree(n): { key: string; title: string; children?: ReturnType<typeof toTree>[] } {
              return { key: n.value, title: n.title, children: n.children?.map(toTree) };
            })}
            expandedKeys={expanded ?? defaultExpanded}
            onExpand={(keys) => setExpanded(keys as string[])}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => setSelected(keys[0] as string | undefined)}
            height={560}
          />
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title={t('units.detail')}>
          {unit ? (
            <>
              <Descriptions size="small" column={1} items={[
                { key: 'name', label: t('units.name'), children: <span data-testid="unit-name">{unit.name}</span> },
                { key: 'id', label: t('units.id'), children: unit.id },
                { key: 'kind', label: t('units.kind'), children: t(`kinds.${unit.kind.toLowerCase()}`, { defaultValue: unit.kind }) },
              ]} />
              <Row gutter={8} style={{ marginTop: 12 }}>
                <Col>
                  <Button data-testid="unit-add" icon={<PlusOutlined />} type="primary" onClick={() => { form.resetFields(); form.setFieldsValue({ kind: nextKind(unit.kind) }); setDialog('create'); }}>
                    {t('units.addChild')}
                  </Button>
                </Col>
                <Col>
                  <Button data-testid="unit-rename" icon={<EditOutlined />} onClick={() => { form.setFieldsValue({ name: unit.name }); setDialog('rename'); }}>
                    {t('units.rename')}
                  </Button>
                </Col>
                <Col>
                  <Popconfirm title={t('units.deleteConfirm', { name: unit.name })} onConfirm={() => remove.mutateAsync(unit.id).then(() => { setSelected(undefined); message.success(t('deleted')); }, fail)}>
                    <Button data-testid="unit-delete" danger icon={<DeleteOutlined />} disabled={!unit.parentId}>
                      {t('units.delete')}
                    </Button>
                  </Popconfirm>
                </Col>
              </Row>
            </>
          ) : (
            <Empty description={t('units.pick')} />
          )}
        </Card>
      </Col>
      <Modal
        open={dialog !== null}
        title={dialog === 'create' ? t('units.addUnder', { name: unit?.name }) : t('units.rename')}
        onOk={submit}
        onCancel={() => setDialog(null)}
        confirmLoading={create.isPending || rename.isPending}
        okButtonProps={{ 'data-testid': 'unit-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'create' && (
            <>
              <Form.Item name="id" label={t('units.id')} extra={t('units.idHint')} rules={[{ required: true, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('units.idRule') }]}>
                <Input data-testid="unit-id" />
              </Form.Item>
              <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
                <Select data-testid="unit-kind" options={childKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input data-testid="unit-name-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

/** The usual kind one level down: district → street → community → grid → building. */
function nextKind(kind: string): string {
  const order = ['district', 'street', 'community', 'grid', 'building'];
  const i = order.indexOf(kind.toLowerCase());
  return order[Math.min(order.length - 1, i + 1)] ?? 'grid';
}
