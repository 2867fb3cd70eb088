import { Button, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffOverlay } from '../../../graph/diffOverlay';
import type { DefinitionDraft } from '../useDefinitionDraft';

const colors: Record<string, string> = { added: 'green', removed: 'red', changed: 'gold' };

/** Someone saved the draft meanwhile (409): show their revision and what differs, and let the designer choose. */
export function ConflictModal({ draft }: { draft: DefinitionDraft }) {
  const { t } = useTranslation('designer');
  const conflict = draft.conflict;
  const differences = useMemo(() => {
    if (!conflict?.current || !draft.definition) return [];
    const { highlight } = diffOverlay(conflict.current, draft.definition);
    return [
      ...Object.entries(highlight.activities).map(([id, change]) => ({ id, change, kind: 'activity' })),
      ...Object.entries(highlight.connections).map(([id, change]) => ({ id: id.replace(/\|/g, ' · '), change, kind: 'connection' })),
    ];
  }, [conflict, draft.definition]);
  if (!conflict) return null;
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      title={t('conflict.title')}
      footer={
        <Space>
          <Button data-testid="conflict-theirs" onClick={() => draft.store.resolveTakeTheirs()} disabled={!conflict.current}>
            {t('conflict.takeTheirs')}
          </Button>
          <Button data-testid="conflict-mine" type="primary" danger onClick={() => draft.store.resolveKeepMine()}>
            {t('conflict.keepMine')}
          </Button>
        </Space>
      }
    >
      <div data-testid="conflict-modal">
        {conflict.changedBy && (
          <Typography.Paragraph data-testid="conflict-who" strong>
            {t('conflict.changedBy', { name: conflict.changedBy, at: conflict.changedAt ? dayjs(conflict.changedAt).format('YYYY-MM-DD HH:mm:ss') : '—' })}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph>{t('conflict.body', { expected: conflict.expected, current: conflict.currentRevision })}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('conflict.differences')}</Typography.Text>
        <List
          size="small"
          dataSource={differences}
          locale={{ emptyText: t('conflict.onlyOther') }}
          renderItem={(d) => (
            <List.Item>
              <Tag color={colors[d.change]}>{t(`conflict.mine.${d.change}`)}</Tag> {t(`diff.kind.${d.kind}`)} <Typography.Text code>{d.id}</Typography.Text>
            </List.Item>
          )}
        />
      </div>
    </Modal>
  );
}
