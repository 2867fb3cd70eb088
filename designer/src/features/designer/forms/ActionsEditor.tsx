// The form's buttons: each key is an outcome port of the user task (docs/form-format.md "actions").
import { Button, Input, Select, Space, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ActionDefinition, FormDefinition } from '../../../forms/types';

export function ActionsEditor({ form, readOnly, onChange }: { form: FormDefinition; readOnly: boolean; onChange: (form: FormDefinition) => void }) {
  const { t } = useTranslation('forms');
  const actions = form.actions ?? [];
  const set = (next: ActionDefinition[]) => onChange({ ...form, actions: next });
  const patch = (i: number, change: Partial<ActionDefinition>) => set(actions.map((a, j) => {
    if (j !== i) return a;
    const merged: ActionDefinition = { ...a, ...change };
    if (merged.validate !== false) delete merged.validate;
    if (!merged.confirm) delete merged.confirm;
    return merged;
  }));
  const move = (i: number, by: number) => {
    const next = [...actions];
    const [a] = next.splice(i, 1);
    next.splice(i + by, 0, a);
    set(next);
  };
  return (
    <div className="fd-actions" data-testid="fd-actions">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('designer.actionsHelp')}</Typography.Paragraph>
      {actions.map((action, i) => (
        <div key={i} className="fd-action" data-testid={`fd-action-${i}`}>
          <Space.Compact style={{ width: '100%' }}>
            <Input disabled={readOnly} style={{ width: '38%' }} placeholder={t('designer.actionKey')} value={action.key} onChange={(e) => patch(i, { key: e.target.value })} />
            <Input disabled={readOnly} placeholder={t('designer.actionLabel')} value={action.label ?? ''} onChange={(e) => patch(i, { label: e.target.value || undefined })} />
          </Space.Compact>
          <Space wrap size={8} style={{ marginTop: 4 }}>
            <Select disabled={readOnly} size="small" style={{ width: 100 }} value={action.style ?? 'default'}
              options={(['primary', 'default', 'danger', 'link'] as const).map((s) => ({ value: s, label: t(`designer.actionStyle.${s}`) }))}
              onChange={(style: ActionDefinition['style']) => patch(i, { style })} />
            <Space size={4}><Switch disabled={readOnly} size="small" checked={action.validate !== false} onChange={(on) => patch(i, { validate: on })} />{t('designer.actionValidate')}</Space>
            {!readOnly && <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('designer.moveUp')} />}
            {!readOnly && <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === actions.length - 1} onClick={() => move(i, 1)} aria-label={t('designer.moveDown')} />}
            {!readOnly && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => set(actions.filter((_, j) => j !== i))} aria-label={t('designer.removeAction')} />}
          </Space>
          <Input disabled={readOnly} size="small" style={{ marginTop: 4 }} placeholder={t('designer.actionConfirm')} value={action.confirm ?? ''} onChange={(e) => patch(i, { confirm: e.target.value })} />
        </div>
      ))}
      {!readOnly && (
        <Button type="dashed" block icon={<PlusOutlined />} data-testid="fd-add-action"
          onClick={() => set([...actions, { key: actions.length === 0 ? 'submit' : `action${actions.length + 1}`, label: actions.length === 0 ? t('designer.defaultSubmit') : '' }])}>
          {t('designer.addAction')}
        </Button>
      )}
    </div>
  );
}
