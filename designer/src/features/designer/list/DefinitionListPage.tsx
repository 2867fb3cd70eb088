// The district's definitions: status, versions, last change; create, fork a city template, import/export bundles.
import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import {
  definitionsApi,
  useDefinitionList,
  useInvalidateDefinition,
  type DefinitionBundle,
  type DefinitionJson,
  type DefinitionSummary,
  type ImportResult,
} from '../../../api/definitions';
import { downloadJson } from './download';

const keyPattern = /^[a-z][a-z0-9-]*$/;

/** A new definition: one start and one end, connected, so it validates from the first save. */
function blankDefinition(key: string, name: string): DefinitionJson {
  return {
    key,
    name,
    variables: [],
    forms: {},
    activities: [
      { id: 'start', type: 'Start', name: '开始', position: { x: 0, y: 80 } },
      { id: 'end', type: 'End', name: '结束', position: { x: 480, y: 80 } },
    ],
    connections: [{ from: 'start', to: 'end' }],
  };
}

export function DefinitionListPage() {
  const { t } = useTranslation('designer');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const list = useDefinitionList();
  const invalidate = useInvalidateDefinition();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ key: string; name: string }>();

  const create = async () => {
    const { key, name } = await form.validateFields();
    try {
      await definitionsApi.saveDraft(key, 0, blankDefinition(key, name));
      await invalidate(key);
      setCreating(false);
      form.resetFields();
      navigate(`/designer/${encodeURIComponent(key)}`);
    } catch (error) {
      message.error(error instanceof ApiError && error.status === 409 ? t('list.keyTaken', { key }) : error instanceof Error ? error.message : String(error));
    }
  };

  const fork = async (row: DefinitionSummary) => {
    try {
      const result = await definitionsApi.fork(row.key);
      await invalidate(row.key);
      message.success(t('list.forked', { key: result.key }));
      navigate(`/designer/${encodeURIComponent(result.key)}`);
    } catch (error) {
      message.error(error instanceof ApiError && error.status === 404 ? t('list.forkUnavailable') : error instanceof Error ? error.message : String(error));
    }
  };

  const importFile = async (file: File) => {
    try {
      const parsed = JSON.parse(await file.text()) as DefinitionBundle | DefinitionJson;
      // A single definition file is wrapped into a bundle, so both the library's files and exports import.
      const bundle: DefinitionBundle = 'definitions' in parsed && Array.isArray(parsed.definitions) ? (parsed as DefinitionBundle) : { format: 'flowgov-bundle/1', definitions: [parsed as DefinitionJson] };
      const results = await definitionsApi.importBundle(bundle);
      await invalidate();
      showImportResults(results);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const showImportResults = (results: ImportResult[]) =>
    modal.info({
      title: t('list.importResult'),
      width: 560,
      content: (
        <div data-testid="import-results">
          {results.map((r) => (
            <div key={r.index}>
              <Typography.Text code>{r.key ?? `#${r.index}`}</Typography.Text>{' '}
              {r.version ? <Tag color="green">v{r.version}</Tag> : <Tag color="red">{t('list.importFailed')}</Tag>}
              {r.problems.slice(0, 5).map((p, i) => (
                <div key={i} style={{ fontSize: 12, color: '#cf1322' }}>
                  {p.code}: {p.message}
                </div>
              ))}
            </div>
          ))}
        </div>
      ),
    });

  return (
    <div style={{ padding: 16 }} data-testid="designer-home">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-definition">
            {t('list.create')}
          </Button>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => (void importFile(file), false)}>
            <Button icon={<UploadOutlined />} data-testid="import-definitions">
              {t('list.import')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} onClick={async () => downloadJson('flowgov-definitions.json', await definitionsApi.exportAll())}>
            {t('list.exportAll')}
          </Button>
        </Space>
      </Space>
      <Table<DefinitionSummary>
        data-testid="definition-table"
        rowKey="key"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('list.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Link to={`/designer/${encodeURIComponent(row.key)}`} data-testid={`open-${row.key}`}>
                {name}
              </Link>
            ),
          },
          { title: t('list.key'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
          {
            title: t('list.status'),
            render: (_, row) => (
              <Space size={2} wrap>
                {row.cityTemplate && <Tag color="purple">{t('list.template')}</Tag>}
                {row.latestStatus && <Tag color={row.latestStatus === 'published' ? 'green' : 'default'}>{t(`versionStatus.${row.latestStatus}`, { defaultValue: row.latestStatus })}</Tag>}
                {row.draftRevision !== null && <Tag color="orange">{t('list.hasDraft')}</Tag>}
              </Space>
            ),
          },
          { title: t('list.latest'), dataIndex: 'latestVersion', width: 90, render: (v: number | null) => (v ? `v${v}` : '—') },
          { title: t('list.updatedBy'), dataIndex: 'updatedBy', width: 110, render: (v?: string | null) => v ?? '—' },
          { title: t('list.updated'), dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: t('list.actions'),
            width: 170,
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => navigate(`/designer/${encodeURIComponent(row.key)}`)}>
                  {t('list.open')}
                </Button>
                {row.cityTemplate && (
                  <Button type="link" size="small" onClick={() => void fork(row)} data-testid={`fork-${row.key}`}>
                    {t('list.fork')}
                  </Button>
                )}
                {row.latestVersion && (
                  <Button type="link" size="small" onClick={async () => downloadJson(`${row.key}.json`, await definitionsApi.exportOne(row.key))}>
                    {t('list.export')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('list.create')} onOk={() => void create()} onCancel={() => setCreating(false)} okButtonProps={{ htmlType: 'submit' }} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="key" label={t('list.key')} extra={t('list.keyHint')} rules={[{ required: true, pattern: keyPattern, message: t('list.keyHint') }]}>
            <Input data-testid="new-key" autoFocus />
          </Form.Item>
          <Form.Item name="name" label={t('list.name')} rules={[{ required: true, message: t('list.nameRequired') }]}>
            <Input data-testid="new-name" onPressEnter={() => void create()} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
