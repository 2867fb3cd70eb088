// Properties of the selected field, and of the form itself. Every edit goes straight into the draft,
// so the live preview and the server's validation follow it.
import { Button, Divider, Form, Input, InputNumber, Segmented, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionJson } from '../../../api/definitions';
import { fieldKinds, type FieldDefinition, type FieldKind, type FormDefinition, type OptionDefinition } from '../../../forms/types';
import { fieldKeyPattern, setProperty } from './formDesign';
import { ScriptField } from './ScriptField';

const optionKinds: FieldKind[] = ['select', 'radio', 'checkboxes', 'multiselect'];
const numberKinds: FieldKind[] = ['number', 'integer', 'money', 'rating'];
const stringKinds: FieldKind[] = ['text', 'textarea', 'mobile', 'idcard', 'email'];
const countKinds: FieldKind[] = ['checkboxes', 'multiselect', 'photo', 'file'];
const hooks = ['visibleWhen', 'requiredWhen', 'readOnlyWhen', 'compute', 'validate'] as const;

export interface FieldPropertiesProps {
  field: FieldDefinition;
  inGroup: boolean;
  siblings: string[];
  definition: DefinitionJson;
  formKey: string;
  readOnly: boolean;
  onChange: (field: FieldDefinition) => void;
}

export function FieldProperties({ field, inGroup, siblings, definition, formKey, readOnly, onChange }: FieldPropertiesProps) {
  const { t } = useTranslation('forms');
  const [key, setKey] = useState(field.key);
  const keyProblem = !fieldKeyPattern.test(key) ? t('designer.keyFormat') : siblings.includes(key) ? t('designer.keyTaken') : null;
  const set = <K extends keyof FieldDefinition>(name: K, value: FieldDefinition[K] | undefined) => onChange(setProperty(field, name, value));
  const kind = field.kind;
  const numberOrUndefined = (value: number | string | null) => (value === null || value === '' ? undefined : Number(value));

  return (
    <Form layout="vertical" size="small" className="fd-props" data-testid="fd-field-properties" disabled={readOnly}>
      <Form.Item label={t('designer.props.key')} validateStatus={keyProblem ? 'error' : undefined} help={keyProblem ?? t('designer.props.keyHelp')}>
        <Input data-testid="fd-prop-key" value={key} onChange={(e) => {
          setKey(e.target.value);
          if (fieldKeyPattern.test(e.target.value) && !siblings.includes(e.target.value)) set('key', e.target.value);
        }} />
      </Form.Item>
      {kind !== 'info' && (
        <Form.Item label={t('designer.props.label')}>
          <Input data-testid="fd-prop-label" value={field.label ?? ''} onChange={(e) => set('label', e.target.value)} />
        </Form.Item>
      )}
      <Form.Item label={t('designer.props.kind')}>
        <Select data-testid="fd-prop-kind" value={kind} showSearch={{ optionFilterProp: 'label' }}
          options={fieldKinds.filter((k) => !(inGroup && k === 'group')).map((k) => ({ value: k, label: `${t(`kinds.${k}`)} (${k})` }))}
          onChange={(next: FieldKind) => onChange({ ...field, kind: next })} />
      </Form.Item>
      {kind === 'info' && (
        <Form.Item label={t('designer.props.text')}>
          <Input.TextArea autoSize value={field.text ?? ''} onChange={(e) => set('text', e.target.value)} />
        </Form.Item>
      )}
      {kind !== 'info' && kind !== 'group' && (
        <Space size={16} wrap>
          <Form.Item label={t('designer.props.required')}>
            <Switch data-testid="fd-prop-required" checked={field.required === true} onChange={(on) => set('required', on || undefined)} />
          </Form.Item>
          <Form.Item label={t('designer.props.readOnly')}>
            <Switch checked={field.readOnly === true} onChange={(on) => set('readOnly', on || undefined)} />
          </Form.Item>
        </Space>
      )}
      {kind !== 'info' && kind !== 'group' && (
        <>
          <Form.Item label={t('designer.props.placeholder')}>
            <Input value={field.placeholder ?? ''} onChange={(e) => set('placeholder', e.target.value)} />
          </Form.Item>
          <Form.Item label={t('designer.props.help')}>
            <Input value={field.help ?? ''} onChange={(e) => set('help', e.target.value)} />
          </Form.Item>
          <Form.Item label={t('designer.props.default')}>
            {numberKinds.includes(kind)
              ? <InputNumber style={{ width: '100%' }} value={typeof field.default === 'number' ? field.default : null} onChange={(v) => set('default', v ?? undefined)} />
              : kind === 'boolean'
                ? <Select allowClear value={typeof field.default === 'boolean' ? String(field.default) : undefined}
                    options={[{ value: 'true', label: t('designer.props.true') }, { value: 'false', label: t('designer.props.false') }]}
                    onChange={(v: string | undefined) => set('default', v === undefined ? undefined : v === 'true')} />
                : <Input value={typeof field.default === 'string' ? field.default : ''} onChange={(e) => set('default', e.target.value)} />}
          </Form.Item>
        </>
      )}
      {(numberKinds.includes(kind) || kind === 'date' || kind === 'datetime') && (
        <Space>
          <Form.Item label={t('designer.props.min')}>
            {numberKinds.includes(kind)
              ? <InputNumber value={typeof field.min === 'number' ? field.min : null} onChange={(v) => set('min', numberOrUndefined(v))} />
              : <Input value={typeof field.min === 'string' ? field.min : ''} placeholder="2026-01-01" onChange={(e) => set('min', e.target.value)} />}
          </Form.Item>
          <Form.Item label={t('designer.props.max')}>
            {numberKinds.includes(kind)
              ? <InputNumber value={typeof field.max === 'number' ? field.max : null} onChange={(v) => set('max', numberOrUndefined(v))} />
              : <Input value={typeof field.max === 'string' ? field.max : ''} placeholder="2026-12-31" onChange={(e) => set('max', e.target.value)} />}
          </Form.Item>
        </Space>
      )}
      {stringKinds.includes(kind) && (
        <>
          <Space>
            <Form.Item label={t('designer.props.minLength')}>
              <InputNumber min={0} value={field.minLength ?? null} onChange={(v) => set('minLength', numberOrUndefined(v))} />
            </Form.Item>
            <Form.Item label={t('designer.props.maxLength')}>
              <InputNumber min={1} value={field.maxLength ?? null} onChange={(v) => set('maxLength', numberOrUndefined(v))} />
            </Form.Item>
          </Space>
          <Form.Item label={t('designer.props.pattern')} help={t('designer.props.patternHelp')}>
            <Input value={field.pattern ?? ''} onChange={(e) => set('pattern', e.target.value)} />
          </Form.Item>
          {field.pattern && (
            <Form.Item label={t('designer.props.patternMessage')}>
              <Input value={typeof field.patternMessage === 'string' ? field.patternMessage : ''} onChange={(e) => set('patternMessage', e.target.value)} />
            </Form.Item>
          )}
        </>
      )}
      {countKinds.includes(kind) && (
        <Space>
          <Form.Item label={t('designer.props.minCount')}>
            <InputNumber min={0} value={field.minCount ?? null} onChange={(v) => set('minCount', numberOrUndefined(v))} />
          </Form.Item>
          <Form.Item label={t('designer.props.maxCount')}>
            <InputNumber min={1} value={field.maxCount ?? null} onChange={(v) => set('maxCount', numberOrUndefined(v))} />
          </Form.Item>
        </Space>
      )}
      {kind === 'group' && (
        <Space>
          <Form.Item label={t('designer.props.minRows')}>
            <InputNumber min={0} value={field.minRows ?? null} onChange={(v) => set('minRows', numberOrUndefined(v))} />
          </Form.Item>
          <Form.Item label={t('designer.props.maxRows')}>
            <InputNumber min={1} value={field.maxRows ?? null} onChange={(v) => set('maxRows', numberOrUndefined(v))} />
          </Form.Item>
        </Space>
      )}
      {kind === 'category' && (
        <Form.Item label={t('designer.props.taxonomyRoot')}>
          <Input value={field.taxonomyRoot ?? ''} onChange={(e) => set('taxonomyRoot', e.target.value)} />
        </Form.Item>
      )}
      {optionKinds.includes(kind) && (
        <OptionsEditor field={field} onChange={onChange} definition={definition} formKey={formKey} readOnly={readOnly} />
      )}
      <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>{t('designer.props.scripts')}</Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('designer.props.es5Hint')}</Typography.Paragraph>
      {hooks.filter((hook) => kind !== 'info' || hook === 'visibleWhen').map((hook) => (
        <Form.Item key={hook} label={<Space size={4}>{t(`designer.hooks.${hook}`)}<Typography.Text type="secondary" code>{hook}</Typography.Text></Space>}
          help={t(`designer.hookHelp.${hook}`)}>
          <ScriptField value={field[hook]} onChange={(v) => set(hook, v)} definition={definition} formKey={formKey} readOnly={readOnly} testId={`fd-script-${hook}`} />
        </Form.Item>
      ))}
    </Form>
  );
}

function OptionsEditor({ field, onChange, definition, formKey, readOnly }: Omit<FieldPropertiesProps, 'inGroup' | 'siblings'>) {
  const { t } = useTranslation('forms');
  const mode = typeof field.options === 'string' ? 'script' : field.optionsFrom !== undefined ? 'variable' : 'list';
  const list: OptionDefinition[] = Array.isArray(field.options)
    ? field.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o)) : [];
  const setList = (next: OptionDefinition[]) => onChange({ ...field, options: next });
  const setMode = (next: string) => {
    const rest = { ...field };
    delete rest.options;
    delete rest.optionsFrom;
    if (next === 'list') rest.options = [{ value: 'a', label: 'A' }];
    if (next === 'script') rest.options = "[{value: 'a', label: 'A'}]";
    if (next === 'variable') rest.optionsFrom = 'vars.';
    onChange(rest);
  };
  return (
    <Form.Item label={t('designer.props.options')}>
      <Segmented size="small" value={mode} onChange={(v) => setMode(String(v))} disabled={readOnly}
        options={[{ value: 'list', label: t('designer.options.list') }, { value: 'variable', label: t('designer.options.variable') }, { value: 'script', label: t('designer.options.script') }]} />
      <div style={{ marginTop: 8 }}>
        {mode === 'list' && (
          <>
            {list.map((option, i) => (
              <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
                <Input placeholder={t('designer.options.value')} value={option.value} onChange={(e) => setList(list.map((o, j) => (j === i ? { ...o, value: e.target.value } : o)))} />
                <Input placeholder={t('designer.options.label')} value={option.label ?? ''} onChange={(e) => setList(list.map((o, j) => (j === i ? { ...o, label: e.target.value } : o)))} />
                <Button icon={<DeleteOutlined />} aria-label={t('designer.options.remove')} onClick={() => setList(list.filter((_, j) => j !== i))} />
              </Space.Compact>
            ))}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setList([...list, { value: `o${list.length + 1}`, label: '' }])}>{t('designer.options.add')}</Button>
          </>
        )}
        {mode === 'variable' && <Input value={field.optionsFrom ?? ''} placeholder="vars.departments" onChange={(e) => onChange({ ...field, optionsFrom: e.target.value })} />}
        {mode === 'script' && (
          <ScriptField value={typeof field.options === 'string' ? field.options : ''} onChange={(v) => onChange({ ...field, options: v ?? '' })}
            definition={definition} formKey={formKey} readOnly={readOnly} testId="fd-script-options" />
        )}
      </div>
    </Form.Item>
  );
}

export interface FormPropertiesProps {
  form: FormDefinition;
  definition: DefinitionJson;
  formKey: string;
  readOnly: boolean;
  onChange: (form: FormDefinition) => void;
}

export function FormProperties({ form, definition, formKey, readOnly, onChange }: FormPropertiesProps) {
  const { t } = useTranslation('forms');
  return (
    <Form layout="vertical" size="small" className="fd-props" disabled={readOnly} data-testid="fd-form-properties">
      <Form.Item label={t('designer.props.title')}>
        <Input data-testid="fd-form-title" value={form.title ?? ''} onChange={(e) => onChange({ ...form, title: e.target.value || undefined })} />
      </Form.Item>
      <Form.Item label={t('designer.props.description')}>
        <Input.TextArea autoSize value={form.description ?? ''} onChange={(e) => onChange({ ...form, description: e.target.value || undefined })} />
      </Form.Item>
      <Form.Item label={t('designer.props.formValidate')} help={t('designer.hookHelp.formValidate')}>
        <ScriptField value={form.validate} onChange={(v) => onChange(v === undefined ? withoutValidate(form) : { ...form, validate: v })}
          definition={definition} formKey={formKey} readOnly={readOnly} testId="fd-script-form-validate" height={120} />
      </Form.Item>
    </Form>
  );
}

function withoutValidate(form: FormDefinition): FormDefinition {
  const rest = { ...form };
  delete rest.validate;
  return rest;
}
