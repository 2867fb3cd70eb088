// The form's sections and fields as a list to arrange: drop palette kinds in, drag fields to reorder or
// between sections and into/out of repeating groups, select a field to edit it.
import { Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, FieldDiff, FieldKind, FormDefinition } from '../../../forms/types';
import { kindMime } from './FieldPalette';
import { addSection, type FieldLocation, moveField, removeField, removeSection, updateSection } from './formDesign';

const fieldMime = 'application/x-flowgov-field';

export interface FormStructureProps {
  form: FormDefinition;
  selected: FieldLocation | null;
  onSelect: (at: FieldLocation) => void;
  onChange: (form: FormDefinition) => void;
  onDropKind: (kind: FieldKind, at: FieldLocation) => void;
  readOnly: boolean;
  diff?: FieldDiff;
}

function same(a: FieldLocation | null, b: FieldLocation): boolean {
  return a !== null && a.section === b.section && a.index === b.index && a.sub === b.sub;
}

export function FormStructure({ form, selected, onSelect, onChange, onDropKind, readOnly, diff }: FormStructureProps) {
  const { t } = useTranslation('forms');
  const [over, setOver] = useState<string | null>(null);
  const sections = form.sections ?? [];

  const dropHandlers = (at: FieldLocation, id: string) => readOnly ? {} : {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(kindMime) && !e.dataTransfer.types.includes(fieldMime)) return;
      e.preventDefault();
      e.stopPropagation();
      setOver(id);
    },
    onDragLeave: () => setOver((current) => (current === id ? null : current)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setOver(null);
      const kind = e.dataTransfer.getData(kindMime);
      if (kind) return onDropKind(kind as FieldKind, at);
      const from = e.dataTransfer.getData(fieldMime);
      if (from) onChange(moveField(form, JSON.parse(from) as FieldLocation, at));
    },
  };

  const fieldRow = (field: FieldDefinition, at: FieldLocation) => {
    const id = `${at.section}-${at.index}-${at.sub ?? ''}`;
    const change = at.sub === undefined ? diff?.[field.key] : undefined;
    const scripts = (['visibleWhen', 'requiredWhen', 'readOnlyWhen', 'compute', 'validate'] as const).filter((hook) => field[hook]);
    const testKey = at.sub === undefined ? field.key : `${sections[at.section].fields[at.index].key}.${field.key}`;
    return (
      <div key={id}>
        <div className={`fd-field${same(selected, at) ? ' fd-field-selected' : ''}${over === id ? ' fd-drop-over' : ''}${change ? ` fd-diff-${change}` : ''}`}
          data-testid={`fd-field-${testKey}`} draggable={!readOnly} role="button" tabIndex={0}
          onDragStart={(e) => { e.stopPropagation(); e.dataTransfer.setData(fieldMime, JSON.stringify(at)); e.dataTransfer.effectAllowed = 'move'; }}
          onClick={(e) => { e.stopPropagation(); onSelect(at); }} onKeyDown={(e) => { if (e.key === 'Enter') onSelect(at); }}
          {...dropHandlers(at, id)}>
          {!readOnly && <HolderOutlined className="fd-handle" />}
          <span className="fd-field-label">{field.kind === 'info' ? (field.text ?? '').slice(0, 24) : (field.label ?? field.key)}</span>
          {field.required && <span className="fd-required">*</span>}
          <Typography.Text type="secondary" className="fd-field-key">{field.key}</Typography.Text>
          <Tag>{t(`kinds.${field.kind}`)}</Tag>
          {scripts.map((hook) => <Tag key={hook} color="purple">{t(`designer.hooks.${hook}`)}</Tag>)}
          {change && <Tag color={change === 'added' ? 'green' : change === 'removed' ? 'red' : 'orange'}>{t(`renderer.diff.${change}`)}</Tag>}
          {!readOnly && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} className="fd-field-remove" aria-label={t('designer.removeField')}
              data-testid={`fd-remove-${testKey}`} onClick={(e) => { e.stopPropagation(); onChange(removeField(form, at)); }} />
          )}
        </div>
        {field.kind === 'group' && at.sub === undefined && (
          <div className="fd-group-body">
            {(field.fields ?? []).map((sub, subIndex) => fieldRow(sub, { ...at, sub: subIndex }))}
            {!readOnly && (
              <div className={`fd-drop-end${over === `${id}-end` ? ' fd-drop-over' : ''}`} {...dropHandlers({ ...at, sub: field.fields?.length ?? 0 }, `${id}-end`)}>
                {t('designer.dropIntoGroup')}
              </div>
            )}
          </div>
        )}
      </div>
    );
  };

  return (
    <div className="fd-sections" data-testid="fd-structure">
      {sections.map((section, sectionIndex) => (
        <Card key={section.key ?? sectionIndex} size="small" className="fd-section" data-testid={`fd-section-${sectionIndex}`}
          title={readOnly
            ? (section.title ?? t('designer.untitledSection'))
            : <Input variant="borderless" value={section.title ?? ''} placeholder={t('designer.untitledSection')} data-testid={`fd-section-title-${sectionIndex}`}
                onChange={(e) => onChange(updateSection(form, sectionIndex, { title: e.target.value || undefined }))} />}
          extra={!readOnly && sections.length > 1 && (
            <Popconfirm title={t('designer.removeSectionConfirm')} onConfirm={() => onChange(removeSection(form, sectionIndex))}>
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('designer.removeSection')} />
            </Popconfirm>
          )}>
          {section.fields.map((field, index) => fieldRow(field, { section: sectionIndex, index }))}
          {!readOnly && (
            <div className={`fd-drop-end${over === `end-${sectionIndex}` ? ' fd-drop-over' : ''}`} data-testid={`fd-drop-${sectionIndex}`}
              {...dropHandlers({ section: sectionIndex, index: section.fields.length }, `end-${sectionIndex}`)}>
              {section.fields.length === 0 ? t('designer.emptySection') : t('designer.dropHere')}
            </div>
          )}
        </Card>
      ))}
      {!readOnly && (
        <Space>
          <Button icon={<PlusOutlined />} data-testid="fd-add-section" onClick={() => onChange(addSection(form, t('designer.newSection')))}>{t('designer.addSection')}</Button>
        </Space>
      )}
    </div>
  );
}
