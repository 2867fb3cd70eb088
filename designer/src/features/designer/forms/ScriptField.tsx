// A form script (visibleWhen, compute …) in Monaco with the designer's ES5 hints and completions.
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { DefinitionJson } from '../../../api/definitions';

const ScriptEditor = lazy(() => import('../script/ScriptEditor'));

export interface ScriptFieldProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  definition: DefinitionJson;
  formKey: string;
  readOnly: boolean;
  testId: string;
  height?: number;
}

export function ScriptField({ value, onChange, definition, formKey, readOnly, testId, height = 72 }: ScriptFieldProps) {
  return (
    <Suspense fallback={<Spin size="small" />}>
      <ScriptEditor value={value ?? ''} onChange={(next) => onChange(next.trim() === '' ? undefined : next)} readOnly={readOnly}
        definition={definition} formKey={formKey} height={height} testId={testId} />
    </Suspense>
  );
}
