import { Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HeatMatrix } from './dashboardData';
import { heatColour } from './dashboardData';

/** Org units (rows, indented by depth) × processes: instance counts shaded by size — a map-free grid heat. */
export function HeatTable({ matrix, names, loading }: { matrix: HeatMatrix; names: Map<string, string>; loading: boolean }) {
  const { t } = useTranslation('admin');
  type Row = HeatMatrix['rows'][number];
  const columns = [
    {
      title: t('heat.unit'),
      key: 'unit',
      fixed: 'left' as const,
      width: 150,
      render: (_: unknown, row: Row) => (
        <span style={{ paddingLeft: row.unit.depth * 12, fontWeight: row.unit.kind === 'grid' ? 400 : 600 }}>{row.unit.name}</span>
      ),
    },
    ...matrix.columns.map((key, i) => ({
      title: (
        <Tooltip title={names.get(key) ?? key}>
          <span>{names.get(key) ?? key}</span>
        </Tooltip>
      ),
      key,
      width: 90,
      align: 'center' as const,
      ellipsis: true,
      render: (_: unknown, row: Row) => (
        <div style={{ background: heatColour(row.cells[i], matrix.max), color: row.cells[i] > matrix.max * 0.6 ? '#fff' : undefined, borderRadius: 4, padding: '2px 0' }}>
          {row.cells[i] || ''}
        </div>
      ),
    })),
    { title: t('heat.total'), key: 'total', width: 70, align: 'center' as const, render: (_: unknown, row: Row) => <strong>{row.total}</strong> },
  ];
  return (
    <Table<Row>
      data-testid="heat-table"
      size="small"
      loading={loading}
      rowKey={(row) => row.unit.id}
      columns={columns}
      dataSource={matrix.rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 260 }}
      locale={{ emptyText: t('empty') }}
    />
  );
}
