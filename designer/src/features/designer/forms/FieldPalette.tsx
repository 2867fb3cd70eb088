// Field kinds to drag onto the form (HTML5 drag and drop) or click to append to the selected section.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldKinds, type FieldKind } from '../../../forms/types';

export const kindMime = 'application/x-flowgov-field-kind';

const groups: Array<{ key: string; kinds: FieldKind[] }> = [
  { key: 'basic', kinds: ['text', 'textarea', 'number', 'integer', 'money', 'date', 'datetime', 'boolean', 'rating'] },
  { key: 'choice', kinds: ['select', 'radio', 'checkboxes', 'multiselect'] },
  { key: 'special', kinds: ['mobile', 'idcard', 'email', 'photo', 'file', 'location', 'category', 'person', 'orgunit'] },
  { key: 'layout', kinds: ['group', 'info'] },
];

export function FieldPalette({ onAdd }: { onAdd: (kind: FieldKind) => void }) {
  const { t } = useTranslation('forms');
  return (
    <div data-testid="fd-palette">
      {groups.map((group) => (
        <div key={group.key} className="fd-palette-group">
          <Typography.Text type="secondary" className="fd-palette-title">{t(`designer.palette.${group.key}`)}</Typography.Text>
          <div className="fd-palette-items">
            {group.kinds.filter((kind) => fieldKinds.includes(kind)).map((kind) => (
              <div key={kind} className="fd-palette-item" draggable role="button" tabIndex={0} data-testid={`fd-palette-${kind}`}
                title={t('designer.paletteHint')}
                onDragStart={(e) => { e.dataTransfer.setData(kindMime, kind); e.dataTransfer.effectAllowed = 'copy'; }}
                onClick={() => onAdd(kind)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') onAdd(kind); }}>
                {t(`kinds.${kind}`)}
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
