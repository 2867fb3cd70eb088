// The live preview IS the FormRenderer, evaluated by the server with the unsaved form inline — the same
// evaluation path staff forms take, so what the designer sees is what staff will get.
import { Alert, Button, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ProblemItem } from '../../../api/client';
import type { DefinitionJson } from '../../../api/definitions';
import { evaluateForm } from '../../../api/forms';
import { FormRenderer } from '../../../forms';
import type { FieldDiff, FormDefinition, FormValues } from '../../../forms/types';

/** Sample `vars` for scripts and `optionsFrom`: the definition's variables with their defaults. */
export function sampleVars(definition: DefinitionJson): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const variable of definition.variables ?? []) if (variable.default !== undefined) vars[variable.name] = variable.default;
  return vars;
}

export function FormPreview({ form, definition, diff }: { form: FormDefinition; definition: DefinitionJson; diff?: FieldDiff }) {
  const { t } = useTranslation('forms');
  const [generation, setGeneration] = useState(0);
  const [submitted, setSubmitted] = useState<{ action: string; values: FormValues } | null>(null);
  const [problems, setProblems] = useState<ProblemItem[]>([]);
  const vars = useMemo(() => sampleVars(definition), [definition]);
  const evaluate = useCallback((values: FormValues) => evaluateForm({ form, values, vars }), [form, vars]);
  const onEvaluation = useCallback((_: unknown, failure: unknown) => {
    const errors = failure instanceof ApiError ? failure.problem.errors : undefined;
    setProblems(Array.isArray(errors) ? errors : []);
  }, []);

  return (
    <div className="fd-preview" data-testid="fd-preview">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('designer.previewHint')}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={() => { setGeneration((n) => n + 1); setSubmitted(null); }}>{t('designer.previewReset')}</Button>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="fd-preview-problems" title={t('designer.scriptProblems')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p, i) => <li key={i}>{[p.field ?? p.path, p.property, p.line ? `L${p.line}` : null].filter(Boolean).join(' · ')}：{p.message}</li>)}</ul>} />
      )}
      <FormRenderer key={generation} form={form} evaluate={evaluate} diff={diff} onEvaluation={onEvaluation}
        onAction={(action, values) => setSubmitted({ action, values })} />
      {submitted && (
        <Alert type="success" style={{ marginTop: 8 }} data-testid="fd-preview-submitted" title={t('designer.previewSubmitted', { action: submitted.action })}
          description={<pre className="fd-json">{JSON.stringify(submitted.values, null, 2)}</pre>} />
      )}
    </div>
  );
}
