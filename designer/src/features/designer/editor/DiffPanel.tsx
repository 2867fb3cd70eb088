import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DefinitionDiff, PropertyChange } from '../../../api/definitions';
import type { Highlight } from '../../../graph/diffOverlay';

const colors: Record<string, string> = { added: 'green', removed: 'red', changed: 'gold' };

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function Props({ properties }: { properties?: PropertyChange[] }) {
  if (!properties?.length) return null;
  return (
    <ul style={{ margin: '2px 0 0 0', paddingLeft: 16, fontSize: 12 }}>
      {properties.map((p) => (
        <li key={p.name}>
          <Typography.Text code>{p.name}</Typography.Text> <Typography.Text delete type="secondary">{show(p.from)}</Typography.Text> → <Typography.Text>{show(p.to)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** The property-level list beside the diff canvas; clicking an activity selects it on the canvas. */
export function DiffPanel({ diff, highlight, onPick }: { diff: DefinitionDiff | null | undefined; highlight: Highlight; onPick: (activityId: string) => void }) {
  const { t } = useTranslation('designer');
  type Row = { key: string; kind: string; id: string; change: string; properties?: PropertyChange[]; activity?: boolean };
  const rows: Row[] = [];
  if (diff?.activities) for (const a of diff.activities) rows.push({ key: `a:${a.id}`, kind: 'activity', id: a.id, change: a.change, properties: a.properties, activity: true });
  else for (const [id, change] of Object.entries(highlight.activities)) rows.push({ key: `a:${id}`, kind: 'activity', id, change, activity: true });
  if (diff?.connections) for (const c of diff.connections) rows.push({ key: `c:${c.source}:${c.sourcePort}:${c.target}`, kind: 'connection', id: `${c.source} —${c.sourcePort ?? 'done'}→ ${c.target}`, change: c.change });
  else for (const [id, change] of Object.entries(highlight.connections)) rows.push({ key: `c:${id}`, kind: 'connection', id: id.replace(/\|/g, ' · '), change });
  for (const v of diff?.variables ?? []) rows.push({ key: `v:${v.name}`, kind: 'variable', id: v.name, change: v.change, properties: v.properties });
  for (const f of diff?.forms ?? []) {
    rows.push({ key: `f:${f.key}`, kind: 'form', id: f.key, change: f.change });
    for (const field of f.fields ?? []) rows.push({ key: `f:${f.key}:${field.key}`, kind: 'field', id: `${f.key}.${field.key}`, change: field.change, properties: field.properties });
  }
  for (const tr of diff?.triggers ?? []) rows.push({ key: `t:${tr.id}`, kind: 'trigger', id: tr.id, change: tr.change, properties: tr.properties });
  if (!diff?.activities && diff?.changes)
    for (const c of diff.changes.filter((c) => c.kind !== 'activity' && c.kind !== 'connection'))
      rows.push({ key: `o:${c.kind}:${c.id}`, kind: c.kind, id: c.id, change: c.change, properties: c.fields?.map((name) => ({ name })) });

  if (rows.length === 0) return <Empty data-testid="diff-list" description={t('diff.identical')} />;
  return (
    <List
      data-testid="diff-list"
      size="small"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item key={r.key} data-testid={`diff-row-${r.kind}-${r.id}`} style={{ cursor: r.activity ? 'pointer' : undefined, display: 'block' }} onClick={() => r.activity && onPick(r.id)}>
          <Tag color={colors[r.change]}>{t(`status.${r.change}`, { defaultValue: r.change })}</Tag>
          <Typography.Text type="secondary">{t(`diff.kind.${r.kind}`, { defaultValue: r.kind })}</Typography.Text> <Typography.Text code>{r.id}</Typography.Text>
          <Props properties={r.properties} />
        </List.Item>
      )}
    />
  );
}
