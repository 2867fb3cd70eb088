// Form lab: paste any form JSON (and values, vars) and see it rendered with the server's evaluation —
// for designers trying a form outside a process, and for the E2E check of the shared form vectors.
import { Button, Card, Col, Input, Row, Space, Switch, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluateForm } from '../../../api/forms';
import { FormRenderer } from '../../../forms';
import type { FormDefinition, FormValues } from '../../../forms/types';

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text || '{}') as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const sample = JSON.stringify({
  title: '网格事件上报',
  fields: [
    { key: 'scale', label: '事件规模', kind: 'radio', required: true, options: [{ value: 'small', label: '小事' }, { value: 'big', label: '大事' }] },
    { key: 'department', label: '派单部门', kind: 'select', visibleWhen: "form.scale == 'big'", required: true, options: ['城管', '住建'] },
    { key: 'phone', label: '联系电话', kind: 'mobile' },
  ],
  actions: [{ key: 'submit', label: '上报', style: 'primary' }, { key: 'return', label: '退回', validate: false }],
}, null, 2);

export function FormLabPage() {
  const { t } = useTranslation('forms');
  const [formText, setFormText] = useState(sample);
  const [valuesText, setValuesText] = useState('{}');
  const [varsText, setVarsText] = useState('{}');
  const [shown, setShown] = useState<{ form: FormDefinition; values: FormValues; vars: Record<string, unknown>; generation: number } | null>(null);
  const [showAll, setShowAll] = useState(true);
  const [sent, setSent] = useState<string | null>(null);
  const parsed = useMemo(() => ({ form: parseObject(formText), values: parseObject(valuesText), vars: parseObject(varsText) }), [formText, valuesText, varsText]);
  const evaluate = useCallback((values: FormValues) => evaluateForm({ form: shown!.form, values, vars: shown!.vars }), [shown]);

  const render = () => {
    if (!parsed.form || !parsed.values || !parsed.vars) return;
    setSent(null);
    setShown((previous) => ({ form: parsed.form as FormDefinition, values: parsed.values!, vars: parsed.vars!, generation: (previous?.generation ?? 0) + 1 }));
  };

  return (
    <div style={{ padding: 16 }} data-testid="form-lab">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('lab.title')}>
            <Typography.Text type="secondary">{t('lab.form')}</Typography.Text>
            <Input.TextArea data-testid="lab-form" className="tr-json" autoSize={{ minRows: 8, maxRows: 20 }} value={formText} status={parsed.form ? undefined : 'error'} onChange={(e) => setFormText(e.target.value)} />
            <Typography.Text type="secondary">{t('lab.values')}</Typography.Text>
            <Input.TextArea data-testid="lab-values" className="tr-json" autoSize={{ minRows: 2, maxRows: 8 }} value={valuesText} status={parsed.values ? undefined : 'error'} onChange={(e) => setValuesText(e.target.value)} />
            <Typography.Text type="secondary">{t('lab.vars')}</Typography.Text>
            <Input.TextArea data-testid="lab-vars" className="tr-json" autoSize={{ minRows: 2, maxRows: 8 }} value={varsText} status={parsed.vars ? undefined : 'error'} onChange={(e) => setVarsText(e.target.value)} />
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" data-testid="lab-render" disabled={!parsed.form || !parsed.values || !parsed.vars} onClick={render}>{t('lab.render')}</Button>
              <Switch size="small" checked={showAll} onChange={setShowAll} />{t('lab.showAll')}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" data-testid="lab-output">
            {shown
              ? <FormRenderer key={shown.generation} form={shown.form} initialValues={shown.values} evaluate={evaluate} showAllErrors={showAll}
                  onAction={(action, values) => setSent(`${action}: ${JSON.stringify(values)}`)} />
              : <Typography.Text type="secondary">{t('lab.empty')}</Typography.Text>}
            {sent && <pre data-testid="lab-sent" className="fd-json">{sent}</pre>}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
