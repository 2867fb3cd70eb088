import { Badge, List, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DefinitionProblem } from '../../../api/definitions';

/**
 * Height of the panel, problems or not: the canvas above must not change size while the designer edits, or a
 * node they aim at moves under the pointer (and a connection drag near the edge pans the canvas; ADR 0030).
 */
const panelHeight = 112;

/** The server's problems; each one clicks through to its activity, property and line. */
export function ValidationPanel({ problems, checking, onPick }: { problems: DefinitionProblem[]; checking: boolean; onPick: (p: DefinitionProblem) => void }) {
  const { t, i18n } = useTranslation('designer');
  const en = i18n.language === 'en';
  if (problems.length === 0)
    return (
      <div data-testid="validation-panel" data-count={0} style={{ height: panelHeight, padding: '6px 12px', color: '#389e0d' }}>
        <CheckCircleOutlined /> {checking ? t('validation.checking') : t('validation.ok')}
      </div>
    );
  return (
    <div data-testid="validation-panel" data-count={problems.length} style={{ height: panelHeight, overflow: 'auto' }}>
      <List
        size="small"
        dataSource={problems}
        renderItem={(p, i) => (
          <List.Item
            key={i}
            data-testid="validation-problem"
            style={{ cursor: p.activityId ? 'pointer' : undefined, padding: '3px 12px' }}
            onClick={() => onPick(p)}
          >
            <span>
              {/* The kind of problem in the reader's language; the code stays in the tooltip for support. */}
              <Badge status="error" /> <Tag title={p.code} data-testid="validation-kind">{t(`validation.code.${p.code}`, { defaultValue: p.code })}</Tag>
              {p.activityId && <Typography.Text code>{p.activityId}</Typography.Text>}
              {p.property && <Typography.Text type="secondary"> · {p.property}</Typography.Text>}
              {p.line != null && (
                <Typography.Text type="danger" data-testid="validation-line">
                  {' '}
                  {t('validation.line', { line: p.line })}
                  {p.column != null ? `:${p.column}` : ''}
                </Typography.Text>
              )}{' '}
              {en ? (p.messageEn ?? p.message) : p.message}
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
