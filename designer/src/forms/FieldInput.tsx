// One input per field kind (docs/form-format.md "Kinds and their values"). Each input is controlled:
// it shows `value` and reports the new value; empty input reports undefined ("no value").
import { Button, Checkbox, DatePicker, Image, Input, InputNumber, Radio, Rate, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { AimOutlined, CameraOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentUpload, FieldDefinition, OptionDefinition } from './types';

export interface TaxonomyNode {
  code: string;
  name: string;
  children?: TaxonomyNode[];
}

export interface DirectoryEntry {
  id: string;
  name: string;
}

/** What the surrounding page can give the inputs: pickers' data and the upload. */
export interface FieldEnvironment {
  attachmentUpload?: AttachmentUpload;
  taxonomy?: TaxonomyNode[];
  users?: DirectoryEntry[];
  orgUnits?: DirectoryEntry[];
}

export interface FieldInputProps {
  field: FieldDefinition;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  options: OptionDefinition[] | null;
  readOnly: boolean;
  invalid: boolean;
  environment: FieldEnvironment;
}

const mobilePattern = '1[3-9][0-9]{9}';

function asString(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function emptyToUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function optionItems(options: OptionDefinition[] | null) {
  return (options ?? []).map((option) => ({ value: option.value, label: option.label ?? option.value }));
}

export function FieldInput(props: FieldInputProps) {
  const { field, value, onChange, readOnly, invalid, path } = props;
  const status = invalid ? 'error' : undefined;
  const testId = `field-input-${path}`;
  const common = { disabled: readOnly, status, 'data-testid': testId } as const;

  switch (field.kind) {
    case 'text':
    case 'email':
      return <Input {...common} value={asString(value)} placeholder={field.placeholder} maxLength={field.maxLength}
        type={field.kind === 'email' ? 'email' : 'text'} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
    case 'mobile':
      return <Input {...common} value={asString(value)} placeholder={field.placeholder} inputMode="tel" maxLength={11}
        pattern={mobilePattern} onChange={(e) => onChange(emptyToUndefined(e.target.value.trim()))} />;
    case 'idcard':
      return <Input {...common} value={asString(value)} placeholder={field.placeholder} maxLength={18}
        onChange={(e) => onChange(emptyToUndefined(e.target.value.trim().toUpperCase()))} />;
    case 'textarea':
      return <Input.TextArea {...common} value={asString(value)} placeholder={field.placeholder} maxLength={field.maxLength}
        autoSize={{ minRows: 2, maxRows: 8 }} showCount={field.maxLength !== undefined} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
    case 'number':
    case 'integer':
    case 'money':
      return <InputNumber {...common} style={{ width: '100%' }} value={typeof value === 'number' ? value : value === undefined || value === null || value === '' ? null : Number(value)}
        min={typeof field.min === 'number' ? field.min : undefined} max={typeof field.max === 'number' ? field.max : undefined}
        precision={field.kind === 'integer' ? 0 : field.kind === 'money' ? 2 : undefined}
        prefix={field.kind === 'money' ? '¥' : undefined} inputMode="decimal"
        onChange={(next) => onChange(next === null ? undefined : next)} />;
    case 'date':
      return <DatePicker {...common} style={{ width: '100%' }} value={value ? dayjs(String(value)) : null}
        onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)} />;
    case 'datetime':
      return <DatePicker {...common} showTime style={{ width: '100%' }} value={value ? dayjs(String(value)) : null}
        onChange={(next) => onChange(next ? next.format('YYYY-MM-DDTHH:mm:ssZ') : undefined)} />;
    case 'select':
      return <Select {...common} style={{ width: '100%' }} allowClear showSearch={{ optionFilterProp: 'label' }} value={value === undefined || value === null ? undefined : String(value)}
        options={optionItems(props.options)} placeholder={field.placeholder} onChange={(next: string | undefined) => onChange(next)} />;
    case 'multiselect':
      return <Select {...common} mode="multiple" style={{ width: '100%' }} allowClear value={asList(value)}
        options={optionItems(props.options)} placeholder={field.placeholder} onChange={(next: string[]) => onChange(next.length ? next : undefined)} />;
    case 'radio':
      return <Radio.Group disabled={readOnly} data-testid={testId} value={value ?? null} onChange={(e) => onChange(e.target.value)}>
        <Space wrap>{optionItems(props.options).map((o) => <Radio key={o.value} value={o.value}>{o.label}</Radio>)}</Space>
      </Radio.Group>;
    case 'checkboxes':
      return <Checkbox.Group disabled={readOnly} data-testid={testId} value={asList(value)} options={optionItems(props.options)}
        onChange={(next) => onChange(next.length ? next.map(String) : undefined)} />;
    case 'boolean':
      return <Switch disabled={readOnly} data-testid={testId} checked={value === true || value === 'true'} onChange={(next) => onChange(next)} />;
    case 'rating':
      return <Rate disabled={readOnly} data-testid={testId} count={typeof field.max === 'number' ? field.max : 5}
        value={typeof value === 'number' ? value : Number(value) || 0} onChange={(next) => onChange(next || undefined)} />;
    case 'photo':
    case 'file':
      return <AttachmentInput {...props} />;
    case 'location':
      return <LocationInput {...props} />;
    case 'category':
      return props.environment.taxonomy
        ? <TreeSelect {...common} style={{ width: '100%' }} allowClear showSearch treeNodeFilterProp="title" value={value === undefined ? undefined : asString(value)}
            treeData={taxonomyTree(props.environment.taxonomy, field.taxonomyRoot)} onChange={(next: string | undefined) => onChange(next)} />
        : <Input {...common} value={asString(value)} placeholder={field.placeholder} onChange={(e) => onChange(emptyToUndefined(e.target.value.trim()))} />;
    case 'person':
    case 'orgunit': {
      const entries = field.kind === 'person' ? props.environment.users : props.environment.orgUnits;
      return entries
        ? <Select {...common} style={{ width: '100%' }} allowClear showSearch={{ optionFilterProp: 'label' }} value={value === undefined ? undefined : asString(value)}
            options={entries.map((entry) => ({ value: entry.id, label: entry.name }))} onChange={(next: string | undefined) => onChange(next)} />
        : <Input {...common} value={asString(value)} placeholder={field.placeholder} onChange={(e) => onChange(emptyToUndefined(e.target.value.trim()))} />;
    }
    case 'info':
      return <Typography.Paragraph type="secondary" data-testid={testId} style={{ marginBottom: 0 }}>{field.text}</Typography.Paragraph>;
    default:
      return <Input {...common} value={asString(value)} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
  }
}

interface TreeItem {
  value: string;
  title: string;
  selectable: boolean;
  children?: TreeItem[];
}

/** Only items (the taxonomy's leaves) can be chosen, under `taxonomyRoot` when the field names one. */
export function taxonomyTree(nodes: TaxonomyNode[], root?: string): TreeItem[] {
  const convert = (node: TaxonomyNode): TreeItem => ({
    value: node.code,
    title: node.name,
    selectable: !node.children || node.children.length === 0,
    children: node.children?.map(convert),
  });
  const pick = root ? nodes.filter((node) => node.code === root) : nodes;
  return pick.map(convert);
}

function AttachmentInput({ field, value, onChange, readOnly, path, environment }: FieldInputProps) {
  const { t } = useTranslation('forms');
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ids = asList(value);
  const isPhoto = field.kind === 'photo';
  const limit = field.maxCount ?? (isPhoto ? 9 : 10);

  const upload = async (files: FileList | null) => {
    if (!files || !environment.attachmentUpload) return;
    setBusy(true);
    setFailure(null);
    try {
      const added: string[] = [];
      for (const file of Array.from(files).slice(0, Math.max(0, limit - ids.length))) {
        added.push(await environment.attachmentUpload(field.key, file));
      }
      onChange([...ids, ...added]);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      if (picker.current) picker.current.value = '';
    }
  };

  return (
    <div data-testid={`field-input-${path}`}>
      <Space wrap size={8}>
        {ids.map((id) => (
          <Space key={id} size={4} align="center" className="fg-attachment">
            {isPhoto
              ? <Image src={`/api/attachments/${id}`} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt={field.label} />
              : <a href={`/api/attachments/${id}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {id.slice(0, 8)}</a>}
            {!readOnly && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('renderer.removeAttachment')}
              onClick={() => onChange(ids.filter((other) => other !== id).length ? ids.filter((other) => other !== id) : undefined)} />}
          </Space>
        ))}
        {!readOnly && ids.length < limit && (
          <Button icon={isPhoto ? <CameraOutlined /> : <PaperClipOutlined />} loading={busy} disabled={!environment.attachmentUpload}
            onClick={() => picker.current?.click()} data-testid={`field-upload-${path}`}>
            {isPhoto ? t('renderer.takePhoto') : t('renderer.chooseFile')}
          </Button>
        )}
      </Space>
      <input ref={picker} type="file" hidden multiple={limit - ids.length > 1}
        accept={isPhoto ? 'image/*' : Array.isArray(field.accept) ? field.accept.join(',') : field.accept}
        {...(isPhoto ? { capture: 'environment' } : {})}
        onChange={(e) => void upload(e.target.files)} />
      {!environment.attachmentUpload && !readOnly && <Typography.Text type="secondary"> {t('renderer.uploadUnavailable')}</Typography.Text>}
      {failure && <Typography.Text type="danger"> {failure}</Typography.Text>}
    </div>
  );
}

interface LocationValue {
  lat?: number;
  lng?: number;
  address?: string;
}

function LocationInput({ value, onChange, readOnly, path, invalid }: FieldInputProps) {
  const { t } = useTranslation('forms');
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const location = (value && typeof value === 'object' ? value : {}) as LocationValue;
  const status = invalid ? 'error' : undefined;

  const update = (patch: LocationValue) => {
    const next = { ...location, ...patch };
    const empty = next.lat === undefined && next.lng === undefined && !next.address;
    onChange(empty ? undefined : next);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setFailure(t('renderer.locationUnavailable'));
      return;
    }
    setLocating(true);
    setFailure(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        update({ lat: Number(position.coords.latitude.toFixed(6)), lng: Number(position.coords.longitude.toFixed(6)) });
      },
      () => {
        setLocating(false);
        setFailure(t('renderer.locationFailed'));
      },
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };

  return (
    <div data-testid={`field-input-${path}`}>
      <Space wrap size={8} style={{ width: '100%' }}>
        {!readOnly && <Button icon={<AimOutlined />} loading={locating} onClick={locate}>{t('renderer.locate')}</Button>}
        <InputNumber status={status} disabled={readOnly} placeholder={t('renderer.latitude')} min={-90} max={90} value={location.lat ?? null}
          onChange={(lat) => update({ lat: lat ?? undefined })} style={{ width: 130 }} />
        <InputNumber status={status} disabled={readOnly} placeholder={t('renderer.longitude')} min={-180} max={180} value={location.lng ?? null}
          onChange={(lng) => update({ lng: lng ?? undefined })} style={{ width: 130 }} />
      </Space>
      <Input status={status} disabled={readOnly} style={{ marginTop: 8 }} placeholder={t('renderer.address')} maxLength={200}
        value={location.address ?? ''} onChange={(e) => update({ address: e.target.value || undefined })} />
      {failure && <Typography.Text type="warning">{failure}</Typography.Text>}
    </div>
  );
}
