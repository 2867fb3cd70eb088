import { Collapse, Input, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityDescriptor } from '../../../api/definitions';
import { paletteMime } from '../canvas/ProcessCanvas';

const categoryOrder = ['flow', 'human', 'time', 'data'];

/** Activity types grouped by category, straight from the server's descriptors: a new kind shows up without UI code. */
export function Palette({ descriptors }: { descriptors: ActivityDescriptor[] }) {
  const { t, i18n } = useTranslation('designer');
  const en = i18n.language === 'en';
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = descriptors.filter(
      (d) => !needle || d.type.toLowerCase().includes(needle) || d.displayName.includes(needle) || d.displayNameEn.toLowerCase().includes(needle),
    );
    const categories = [...new Set([...categoryOrder, ...shown.map((d) => d.category)])].filter((c) => shown.some((d) => d.category === c));
    return categories.map((c) => ({ category: c, items: shown.filter((d) => d.category === c) }));
  }, [descriptors, filter]);

  return (
    <div data-testid="palette" style={{ padding: 8 }}>
      <Input.Search size="small" allowClear placeholder={t('palette.search')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Collapse
        ghost
        size="small"
        defaultActiveKey={categoryOrder}
        items={groups.map(({ category, items }) => ({
          key: category,
          label: t(`category.${category}`, { defaultValue: category }),
          children: items.map((d) => (
            <Tooltip key={d.type} title={d.description} placement="right" mouseEnterDelay={0.6}>
              <div
                className={`fg-palette-item fg-cat-${d.category}`}
                draggable
                data-testid={`palette-${d.type}`}
                onDragStart={(event) => {
                  event.dataTransfer.setData(paletteMime, d.type);
                  event.dataTransfer.effectAllowed = 'move';
                }}
              >
                {en ? d.displayNameEn : d.displayName}
              </div>
            </Tooltip>
          )),
        }))}
      />
    </div>
  );
}
