import { Button, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DefinitionJson, VariableJson } from '../../../api/definitions';

const types = ['string', 'number', 'boolean', 'date', 'object', 'array', 'any'];

/** The definition's variables (`vars.name` in scripts). */
export function VariablesPanel({ definition, onChange, readOnly }: { definition: DefinitionJson; onChange: (d: DefinitionJson, coalesce?: string) => void; readOnly?: boolean }) {
  const { t } = useTranslation('designer');
  const variables = definition.variables ?? [];
  const update = (i: number, patch: Partial<VariableJson>, tag: string) =>
    onChange({ ...definition, variables: variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) }, `var:${i}:${tag}`);
  return (
    <div data-testid="variables-panel" style={{ padding: 12 }}>
      <Typography.Text type="secondary">{t('variables.hint')}</Typography.Text>
      {variables.map((v, i) => (
        <Space.Compact key={i} style={{ width: '100%', marginTop: 6 }}>
          <Input style={{ width: '34%' }} value={v.name} placeholder={t('variables.name')} disabled={readOnly} onChange={(e) => update(i, { name: e.target.value }, 'name')} />
          <Select style={{ width: '26%' }} value={v.type ?? 'any'} disabled={readOnly} onChange={(type) => update(i, { type }, 'type')} options={types.map((x) => ({ value: x, label: x }))} />
          <Input style={{ width: '30%' }} value={v.label ?? ''} placeholder={t('variables.label')} disabled={readOnly} onChange={(e) => update(i, { label: e.target.value }, 'label')} />
          <Button icon={<DeleteOutlined />} aria-label={t('actions.delete')} disabled={readOnly} onClick={() => onChange({ ...definition, variables: variables.filter((_, j) => j !== i) })} />
        </Space.Compact>
      ))}
      {!readOnly && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => onChange({ ...definition, variables: [...variables, { name: `var${variables.length + 1}`, type: 'string' }] })}
        >
          {t('variables.add')}
        </Button>
      )}
    </div>
  );
}
