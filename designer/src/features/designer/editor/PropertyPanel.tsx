// The property form of one activity, generated from its descriptor's property kinds.
import { AutoComplete, Button, Empty, Form, Input, InputNumber, Select, Space, Spin, Switch, Tag, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { ActivityDescriptor, ActivityJson, DefinitionJson, DefinitionProblem, PropertyDescriptor } from '../../../api/definitions';
import { useDefinitionList } from '../../../api/definitions';
import { renameActivity, setProperty, updateActivity } from '../../../graph/definitionGraph';
import { useRoleOptions } from '../../admin/roles';

const ScriptEditor = lazy(() => import('../script/ScriptEditor'));

interface OrgUnit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
}

const durationPresets = ['1WD', '3WD', '5WD', 'PT4H', 'PT24H', 'PT72H', 'P3D', 'P7D', 'P1M', '2/3'];
const cronPresets = ['0 0 9 ? * MON-FRI', '0 0 8 * * ?', '0 0 9 1 * ?', '0 0 9 ? * MON'];
const durationPattern = /^(P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?|\d+WD|\d+\/\d+)$/;

function useOrgUnits() {
  return useQuery({ queryKey: ['org-units'], queryFn: () => api.get<OrgUnit[]>('/api/org-units'), staleTime: 5 * 60_000 });
}

function isScript(value: unknown): value is { js: string } {
  return !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { js?: unknown }).js === 'string';
}

export interface PropertyPanelProps {
  definition: DefinitionJson;
  activity: ActivityJson;
  descriptor?: ActivityDescriptor;
  readOnly?: boolean;
  problems: DefinitionProblem[];
  onChange: (definition: DefinitionJson, coalesce?: string) => void;
  onRenamed: (newId: string) => void;
  /** Property and line to reveal (validation click-through). */
  focus?: { property: string | null; line: number | null; token: number } | null;
}

export function PropertyPanel({ definition, activity, descriptor, readOnly, problems, onChange, onRenamed, focus }: PropertyPanelProps) {
  const { t, i18n } = useTranslation('designer');
  const en = i18n.language === 'en';
  const props = activity.properties ?? {};
  const known = new Set(descriptor?.properties.map((p) => p.name));
  const unknown = Object.keys(props).filter((name) => !known.has(name));
  const set = (name: string, value: unknown) => onChange(setProperty(definition, activity.id, name, value), `prop:${activity.id}:${name}`);
  const problemsOf = (name: string | null) => problems.filter((p) => p.activityId === activity.id && (p.property ?? null) === name);

  return (
    <div data-testid="property-panel" style={{ padding: 12 }}>
      <Typography.Text type="secondary">{descriptor ? (en ? descriptor.displayNameEn : descriptor.displayName) : activity.type}</Typography.Text>
      <Form layout="vertical" size="small" disabled={readOnly} style={{ marginTop: 8 }}>
        <Form.Item label={t('props.id')} help={problemsOf(null).map((p) => p.message).join('；') || undefined} validateStatus={problemsOf(null).length ? 'error' : undefined}>
          <Input
            key={activity.id}
            defaultValue={activity.id}
            data-testid="prop-id"
            onBlur={(e) => {
              const next = e.target.value.trim();
              if (next && next !== activity.id && /^[A-Za-z_][\w-]*$/.test(next)) {
                onChange(renameActivity(definition, activity.id, next));
                onRenamed(next);
              }
            }}
          />
        </Form.Item>
        <Form.Item label={t('props.name')}>
          <Input
            value={activity.name ?? ''}
            data-testid="prop-name"
            onChange={(e) => onChange(updateActivity(definition, activity.id, (a) => ({ ...a, name: e.target.value })), `name:${activity.id}`)}
          />
        </Form.Item>
        {descriptor?.properties.map((p) => {
          const own = problemsOf(p.name);
          return (
            <Form.Item
              key={p.name}
              label={
                <span>
                  {en ? p.labelEn : p.label} <Typography.Text type="secondary" style={{ fontSize: 11 }}>{p.name}</Typography.Text>
                </span>
              }
              required={p.required}
              tooltip={p.hint ?? undefined}
              validateStatus={own.length ? 'error' : undefined}
              help={own.length ? own.map((x) => (x.line ? `${t('validation.line', { line: x.line })} ` : '') + (en ? (x.messageEn ?? x.message) : x.message)).join('；') : undefined}
            >
              <PropertyInput
                descriptor={p}
                value={props[p.name]}
                onChange={(v) => set(p.name, v)}
                definition={definition}
                readOnly={readOnly}
                problems={own}
                revealLine={focus && focus.property === p.name ? focus.line : null}
                testId={`prop-${p.name}`}
              />
            </Form.Item>
          );
        })}
        {unknown.length > 0 && (
          <Form.Item label={t('props.unknown')}>
            {unknown.map((name) => (
              <div key={name} style={{ display: 'flex', gap: 4, marginBottom: 4 }}>
                <Tag color="red">{name}</Tag>
                <Typography.Text code ellipsis style={{ flex: 1 }}>
                  {JSON.stringify(props[name])}
                </Typography.Text>
                {!readOnly && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('actions.delete')} onClick={() => set(name, undefined)} />}
              </div>
            ))}
          </Form.Item>
        )}
      </Form>
    </div>
  );
}

interface PropertyInputProps {
  descriptor: PropertyDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  definition: DefinitionJson;
  readOnly?: boolean;
  problems: DefinitionProblem[];
  revealLine: number | null;
  testId: string;
}

function PropertyInput({ descriptor, value, onChange, definition, readOnly, problems, revealLine, testId }: PropertyInputProps) {
  const { t } = useTranslation('designer');
  const roleOptions = useRoleOptions(true);
  const empty = (v: unknown) => (v === '' || v === null || (Array.isArray(v) && v.length === 0) ? undefined : v);
  const markers = problems.filter((p) => p.line).map((p) => ({ line: p.line!, column: p.column, message: p.message }));
  const script = (source: string, apply: (s: string) => unknown, height = 120) => (
    <Suspense fallback={<Spin size="small" />}>
      <ScriptEditor
        value={source}
        onChange={(s) => onChange(apply(s))}
        readOnly={readOnly}
        definition={definition}
        serverMarkers={markers}
        revealLine={revealLine}
        height={height}
        testId={testId}
      />
    </Suspense>
  );

  // A computed property written as {"js": …}: edit the script, or turn it back into a literal.
  if (isScript(value) && descriptor.kind !== 'script' && descriptor.kind !== 'expression') {
    return (
      <div>
        {script(value.js, (js) => ({ js }), 80)}
        {!readOnly && (
          <Button size="small" type="link" onClick={() => onChange(undefined)}>
            {t('props.toLiteral')}
          </Button>
        )}
      </div>
    );
  }
  const computedToggle =
    !readOnly && (descriptor.computed || descriptor.kind === 'value' || descriptor.kind === 'stringList' || descriptor.kind === 'orgUnit') ? (
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onChange({ js: '' })}>
        {t('props.toScript')}
      </Button>
    ) : null;

  switch (descriptor.kind) {
    case 'script':
    case 'expression':
      return script(typeof value === 'string' ? value : '', (s) => s, descriptor.kind === 'script' ? 180 : 80);
    case 'number':
      return <InputNumber data-testid={testId} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} style={{ width: '100%' }} />;
    case 'boolean':
      return <Switch data-testid={testId} checked={value === true} onChange={(v) => onChange(v)} />;
    case 'choice':
      return <Select data-testid={testId} allowClear value={value as string | undefined} onChange={(v) => onChange(v ?? undefined)} options={(descriptor.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'duration':
      return (
        <>
          <AutoComplete
            data-testid={testId}
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => onChange(empty(v))}
            options={durationPresets.map((d) => ({ value: d, label: `${d} · ${t(`duration.${d.replace('/', '_')}`)}` }))}
            status={typeof value === 'string' && value && !durationPattern.test(value) ? 'error' : undefined}
          />
          {computedToggle}
        </>
      );
    case 'cron':
      return (
        <AutoComplete
          data-testid={testId}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(empty(v))}
          options={cronPresets.map((c, i) => ({ value: c, label: `${c} · ${t(`cron.preset${i}`)}` }))}
        />
      );
    case 'roles':
    case 'stringList':
      return (
        <>
          <Select
            data-testid={testId}
            mode="tags"
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={(v) => onChange(empty(v))}
            options={descriptor.kind === 'roles' ? roleOptions : (descriptor.options ?? []).map((o) => ({ value: o, label: o }))}
          />
          {computedToggle}
        </>
      );
    case 'orgUnit':
      return (
        <>
          <OrgUnitPicker value={typeof value === 'string' ? value : undefined} onChange={(v) => onChange(empty(v))} testId={testId} />
          {computedToggle}
        </>
      );
    case 'formKey':
      return (
        <Select
          data-testid={testId}
          allowClear
          value={value as string | undefined}
          onChange={(v) => onChange(v ?? undefined)}
          options={Object.entries(definition.forms ?? {}).map(([key, f]) => ({ value: key, label: `${f.title ?? key} (${key})` }))}
          notFoundContent={t('props.noForms')}
        />
      );
    case 'variable':
      return (
        <Select
          data-testid={testId}
          allowClear
          showSearch
          value={value as string | undefined}
          onChange={(v) => onChange(v ?? undefined)}
          options={(definition.variables ?? []).map((v) => ({ value: v.name, label: v.label ? `${v.label} (${v.name})` : v.name }))}
        />
      );
    case 'definitionKey':
      return <DefinitionPicker value={value as string | undefined} onChange={onChange} testId={testId} />;
    case 'cases':
      return <CasesEditor value={Array.isArray(value) ? (value as CaseRow[]) : []} onChange={(v) => onChange(empty(v))} readOnly={readOnly} />;
    case 'text':
      return <Input data-testid={testId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(empty(e.target.value))} />;
    default:
      return (
        <>
          <JsonInput value={value} onChange={onChange} testId={testId} />
          {computedToggle}
        </>
      );
  }
}

function JsonInput({ value, onChange, testId }: { value: unknown; onChange: (v: unknown) => void; testId: string }) {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Input.TextArea
      data-testid={testId}
      autoSize={{ minRows: 1, maxRows: 6 }}
      defaultValue={text}
      key={text}
      onBlur={(e) => {
        const raw = e.target.value.trim();
        if (!raw) return onChange(undefined);
        try {
          onChange(JSON.parse(raw));
        } catch {
          onChange(raw); // plain text is a string literal
        }
      }}
    />
  );
}

function OrgUnitPicker({ value, onChange, testId }: { value?: string; onChange: (v: string | undefined) => void; testId: string }) {
  const units = useOrgUnits();
  const tree = useMemo(() => {
    const list = units.data ?? [];
    type TreeNode = { value: string; title: string; children: TreeNode[] };
    const byId = new Map<string, TreeNode>(list.map((u) => [u.id, { value: u.id, title: u.name, children: [] }]));
    const roots: TreeNode[] = [];
    for (const u of list) (u.parentId && byId.get(u.parentId) ? byId.get(u.parentId)!.children : roots).push(byId.get(u.id)!);
    return roots;
  }, [units.data]);
  return <TreeSelect data-testid={testId} allowClear showSearch treeNodeFilterProp="title" value={value} onChange={(v) => onChange(v ?? undefined)} treeData={tree} loading={units.isLoading} treeDefaultExpandAll style={{ width: '100%' }} />;
}

function DefinitionPicker({ value, onChange, testId }: { value?: string; onChange: (v: unknown) => void; testId: string }) {
  const list = useDefinitionList();
  return (
    <Select
      data-testid={testId}
      allowClear
      showSearch
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={(list.data ?? []).map((d) => ({ value: d.key, label: `${d.name} (${d.key})` }))}
    />
  );
}

interface CaseRow {
  port: string;
  condition: string;
  [extra: string]: unknown;
}

function CasesEditor({ value, onChange, readOnly }: { value: CaseRow[]; onChange: (v: CaseRow[]) => void; readOnly?: boolean }) {
  const { t } = useTranslation('designer');
  const update = (i: number, patch: Partial<CaseRow>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div>
      {value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('props.noCases')} />}
      {value.map((c, i) => (
        <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
          <Input style={{ width: '35%' }} placeholder={t('props.port')} value={c.port} onChange={(e) => update(i, { port: e.target.value })} />
          <Input style={{ width: '55%' }} placeholder={t('props.condition')} value={c.condition} onChange={(e) => update(i, { condition: e.target.value })} />
          <Button icon={<DeleteOutlined />} aria-label={t('actions.delete')} onClick={() => onChange(value.filter((_, j) => j !== i))} disabled={readOnly} />
        </Space.Compact>
      ))}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { port: `case${value.length + 1}`, condition: 'true' }])}>
          {t('props.addCase')}
        </Button>
      )}
    </div>
  );
}
