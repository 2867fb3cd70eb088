import { Button, Drawer, Input, List, Modal, Select, Space, Tag, Typography, App } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRollback, useVersions, type DefinitionVersionInfo } from '../../../api/definitions';

export interface VersionsDrawerProps {
  definitionKey: string;
  open: boolean;
  onClose: () => void;
  onView: (version: number) => void;
  onDiff: (from: number, to: number) => void;
  onRolledBack: (info: DefinitionVersionInfo, toVersion: number) => void;
  readOnly?: boolean;
}

/** Version history: view any version read-only, diff two (0 = the draft), roll back. */
export function VersionsDrawer({ definitionKey, open, onClose, onView, onDiff, onRolledBack, readOnly }: VersionsDrawerProps) {
  const { t } = useTranslation('designer');
  const { message } = App.useApp();
  const versions = useVersions(definitionKey, open);
  const rollback = useRollback(definitionKey);
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const options = [{ value: 0, label: t('versions.draft') }, ...list.map((v) => ({ value: v.version, label: `v${v.version}` }))];
  const latest = list[0]?.version ?? null;

  return (
    <Drawer title={t('versions.title')} open={open} onClose={onClose} size={420} data-testid="versions-drawer">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select data-testid="diff-from" style={{ width: 100 }} placeholder={t('versions.from')} value={from ?? undefined} onChange={setFrom} options={options} />
        →
        <Select data-testid="diff-to" style={{ width: 100 }} placeholder={t('versions.to')} value={to ?? undefined} onChange={setTo} options={options} />
        <Button data-testid="diff-open" type="primary" disabled={from === null || to === null || from === to} onClick={() => onDiff(from!, to!)}>
          {t('versions.compare')}
        </Button>
      </Space>
      <List
        loading={versions.isLoading}
        dataSource={list}
        locale={{ emptyText: t('versions.none') }}
        renderItem={(v) => (
          // One column: version, status and who/when on top, the note, then the actions on their own line,
          // so a long note or three actions never squeeze the text into a sliver (as side-by-side actions did).
          <List.Item key={v.version} data-testid={`version-${v.version}`} style={{ display: 'block' }}>
            <Space size={6} wrap>
              <Typography.Text strong>v{v.version}</Typography.Text>
              <Tag color={v.status === 'published' ? 'green' : 'default'}>{t(`versionStatus.${v.status}`, { defaultValue: v.status })}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`version-author-${v.version}`}>
                {v.authorName ?? v.author ?? '—'} · {v.publishedAt ? dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm') : ''}
              </Typography.Text>
            </Space>
            {v.changeNote && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{v.changeNote}</Typography.Paragraph>}
            <Space size={0} wrap style={{ marginLeft: -8 }}>
              <Button size="small" type="link" onClick={() => onView(v.version)}>
                {t('versions.view')}
              </Button>
              {v.version > 1 && (
                <Button size="small" type="link" data-testid={`version-diff-${v.version}`} onClick={() => onDiff(v.version - 1, v.version)}>
                  {t('versions.diffPrevious')}
                </Button>
              )}
              {!readOnly && v.version !== latest && (
                <Button size="small" type="link" danger data-testid={`version-rollback-${v.version}`} onClick={() => setRollbackTo(v.version)}>
                  {t('versions.rollback')}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={rollbackTo !== null}
        title={t('versions.rollbackTitle', { version: rollbackTo })}
        okText={t('versions.rollback')}
        okButtonProps={{ danger: true, disabled: !note.trim(), loading: rollback.isPending, 'data-testid': 'rollback-confirm' } as ButtonProps}
        onCancel={() => setRollbackTo(null)}
        onOk={async () => {
          try {
            const info = await rollback.mutateAsync({ toVersion: rollbackTo!, note: note.trim() });
            message.success(t('versions.rolledBack', { version: info.version, to: rollbackTo }));
            onRolledBack(info, rollbackTo!);
            setRollbackTo(null);
            setNote('');
          } catch (error) {
            message.error(error instanceof Error ? error.message : String(error));
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('versions.rollbackHint')}</Typography.Paragraph>
        <Input.TextArea data-testid="rollback-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('versions.notePlaceholder')} />
      </Modal>
    </Drawer>
  );
}
