// Forms of one definition: pick a form, drag field kinds onto it, edit properties, buttons and scripts,
// and try it in the live preview — the real FormRenderer evaluated by the server as staff will see it.
import { Button, Empty, Input, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionDiff, DefinitionJson, FormJson } from '../../../api/definitions';
import type { FieldDefinition, FieldKind, FormDefinition } from '../../../forms/types';
import { ActionsEditor } from './ActionsEditor';
import { FieldProperties, FormProperties } from './FieldProperties';
import { FieldPalette } from './FieldPalette';
import { FormPreview } from './FormPreview';
import { FormStructure } from './FormStructure';
import {
  type FieldLocation, fieldAt, fieldDiffFor, formKeyPattern, freshKey, insertField, newField, normalizeForm, updateField,
} from './formDesign';
import './formDesigner.css';

export interface FormDesignerPanelProps {
  definition: DefinitionJson;
  onChange: (definition: DefinitionJson) => void;
  readOnly?: boolean;
  /** When a diff is shown, the form part of it (contract 7) to highlight. */
  diff?: DefinitionDiff | null;
}

export function FormDesignerPanel({ definition, onChange, readOnly = false, diff }: FormDesignerPanelProps) {
  const { t } = useTranslation('forms');
  const forms = (definition.forms ?? {}) as Record<string, FormDefinition>;
  const keys = Object.keys(forms);
  const [chosen, setChosen] = useState<string | null>(null);
  const formKey = chosen !== null && chosen in forms ? chosen : (keys[0] ?? null);
  const [selected, setSelected] = useState<FieldLocation | null>(null);
  const [side, setSide] = useState('field');
  const [newKey, setNewKey] = useState('');

  const form = useMemo(() => (formKey ? normalizeForm(forms[formKey]) : null), [forms, formKey]);
  const fieldDiff = formKey ? fieldDiffFor(diff, formKey) : undefined;

  const setForm = (next: FormDefinition) => {
    if (!formKey) return;
    onChange({ ...definition, forms: { ...(definition.forms ?? {}), [formKey]: next as FormJson } });
  };

  const addForm = () => {
    const key = newKey.trim();
    if (!formKeyPattern.test(key) || key in forms) return;
    onChange({ ...definition, forms: { ...(definition.forms ?? {}), [key]: { title: key, sections: [{ fields: [] }], actions: [{ key: 'submit', label: t('designer.defaultSubmit'), style: 'primary' }] } as FormJson } });
    setChosen(key);
    setNewKey('');
    setSelected(null);
  };

  const removeForm = () => {
    if (!formKey) return;
    const rest = { ...(definition.forms ?? {}) };
    delete rest[formKey];
    onChange({ ...definition, forms: rest });
    setChosen(null);
    setSelected(null);
  };

  const addKind = (kind: FieldKind, at?: FieldLocation) => {
    if (!form) return;
    const group = at?.sub !== undefined ? fieldAt(form, { section: at.section, index: at.index }) : undefined;
    const key = freshKey(form, kind, group);
    const field = newField(kind, key, t(`kinds.${kind}`));
    const target = at ?? { section: selected?.section ?? form.sections!.length - 1, index: Number.MAX_SAFE_INTEGER };
    const next = insertField(form, target, field);
    if (next === form) return;
    setForm(next);
    const placed: FieldLocation = target.sub === undefined
      ? { section: target.section, index: Math.min(target.index, form.sections![target.section].fields.length) }
      : { ...target, sub: Math.min(target.sub, group?.fields?.length ?? 0) };
    setSelected(placed);
    setSide('field');
  };

  const selectedField = form && selected ? fieldAt(form, selected) : undefined;

  const toolbar = (
    <div className="fd-toolbar">
      <Space wrap>
        <Typography.Text strong>{t('designer.form')}</Typography.Text>
        <Select data-testid="fd-form-select" style={{ minWidth: 220 }} value={formKey ?? undefined} placeholder={t('designer.noForms')}
          options={keys.map((key) => ({ value: key, label: `${forms[key].title ?? key} (${key})` }))}
          onChange={(key: string) => { setChosen(key); setSelected(null); }} />
        {!readOnly && (
          <>
            <Input data-testid="fd-new-form-key" style={{ width: 160 }} placeholder={t('designer.newFormKey')} value={newKey}
              status={newKey && (!formKeyPattern.test(newKey) || newKey in forms) ? 'error' : undefined}
              onChange={(e) => setNewKey(e.target.value)} onPressEnter={addForm} />
            <Button data-testid="fd-add-form" icon={<PlusOutlined />} onClick={addForm} disabled={!formKeyPattern.test(newKey) || newKey in forms}>{t('designer.addForm')}</Button>
            {formKey && (
              <Popconfirm title={t('designer.removeFormConfirm', { key: formKey })} onConfirm={removeForm}>
                <Button danger icon={<DeleteOutlined />}>{t('designer.removeForm')}</Button>
              </Popconfirm>
            )}
          </>
        )}
      </Space>
    </div>
  );

  if (!form || !formKey) {
    return <div data-testid="form-designer-panel" className="fd-panel">{toolbar}<Empty style={{ marginTop: 48 }} description={t('designer.noForms')} /></div>;
  }

  return (
    <div data-testid="form-designer-panel" className="fd-panel">
      {toolbar}
      <div className="fd-body">
        {!readOnly && <div className="fd-palette"><FieldPalette onAdd={(kind) => addKind(kind)} /></div>}
        <div className="fd-structure">
          <FormStructure form={form} selected={selected} onSelect={(at) => { setSelected(at); setSide('field'); }} onChange={setForm}
            onDropKind={addKind} readOnly={readOnly} diff={fieldDiff} />
        </div>
        <div className="fd-side">
          <Tabs size="small" activeKey={side} onChange={setSide} items={[
            {
              key: 'field', label: t('designer.tabs.field'),
              children: selectedField && selected
                ? <FieldProperties key={`${formKey}:${selected.section}:${selected.index}:${selected.sub ?? ''}`} field={selectedField} inGroup={selected.sub !== undefined}
                    siblings={siblingKeys(form, selected)} definition={definition} formKey={formKey} readOnly={readOnly}
                    onChange={(field: FieldDefinition) => setForm(updateField(form, selected, field))} />
                : <Typography.Paragraph type="secondary" style={{ padding: 8 }}>{t('designer.selectField')}</Typography.Paragraph>,
            },
            { key: 'form', label: t('designer.tabs.form'), children: <FormProperties form={form} definition={definition} formKey={formKey} readOnly={readOnly} onChange={setForm} /> },
            { key: 'actions', label: t('designer.tabs.actions'), children: <ActionsEditor form={form} readOnly={readOnly} onChange={setForm} /> },
            { key: 'preview', label: <span data-testid="fd-preview-tab">{t('designer.tabs.preview')}</span>, children: <FormPreview form={form} definition={definition} diff={fieldDiff} /> },
          ]} />
        </div>
      </div>
    </div>
  );
}

/** Keys the selected field must not take: the other fields of its list. */
function siblingKeys(form: FormDefinition, at: FieldLocation): string[] {
  if (at.sub !== undefined) {
    const group = fieldAt(form, { section: at.section, index: at.index });
    return (group?.fields ?? []).filter((_, i) => i !== at.sub).map((f) => f.key);
  }
  return form.sections!.flatMap((s, si) => s.fields.filter((_, fi) => !(si === at.section && fi === at.index)).map((f) => f.key));
}
