// @vitest-environment jsdom
// The shared form vectors (tests/vectors/forms): given the server's expected evaluation for each case,
// the renderer shows exactly the fields the server says are visible, with their required/read-only
// state, error keys, options and computed values. The E2E FormTests do the same against the real server.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../i18n';
import { FormRenderer } from './FormRenderer';
import { applyEvaluation, fieldPath, fieldsOf, getAt, rowsOf, stateOf } from './model';
import type { Evaluation, FieldDefinition, FieldStateDto, FormDefinition, FormValues } from './types';

interface ExpectedState {
  visible?: boolean;
  required?: boolean;
  readOnly?: boolean;
  value?: unknown;
  error?: string | null;
  options?: string[];
}

interface VectorCase {
  name: string;
  form: string | FormDefinition;
  values: unknown;
  evaluate?: Record<string, ExpectedState>;
}

interface VectorFile {
  forms: Record<string, FormDefinition>;
  cases: VectorCase[];
}

const files = import.meta.glob<VectorFile>('../../../tests/vectors/forms/*.json', { eager: true, import: 'default' });

/** The evaluation the server gives for a case: the static state of every field, overridden by the vector's answers. */
export function evaluationFromVector(form: FormDefinition, values: FormValues, expected: Record<string, ExpectedState>): Evaluation {
  const fields: Record<string, FieldStateDto> = {};
  const add = (field: FieldDefinition, path: string, row: number | null) => {
    const base = { ...stateOf(field, path, null), visible: true, row };
    const answer = expected[path] ?? {};
    fields[path] = {
      ...base,
      visible: answer.visible ?? base.visible,
      required: answer.required ?? base.required,
      readOnly: answer.readOnly ?? base.readOnly,
      value: 'value' in answer ? answer.value : getAt(values, path) ?? null,
      options: answer.options ? answer.options.map((value) => ({ value, label: value })) : base.options,
      error: answer.error ? { path, key: answer.error, message: answer.error, messageEn: answer.error } : null,
    };
  };
  for (const field of fieldsOf(form)) {
    add(field, field.key, null);
    if (field.kind === 'group') {
      rowsOf(values, field.key).forEach((_, row) => {
        for (const sub of field.fields ?? []) add(sub, fieldPath(sub.key, field.key, row), row);
      });
    }
  }
  const errors = Object.values(fields).flatMap((state) => (state.error ? [state.error] : []));
  return { fields, errors, values, isValid: errors.length === 0 };
}

const cases = Object.entries(files).flatMap(([file, vector]) =>
  vector.cases
    .filter((c) => c.evaluate && typeof c.values === 'object' && c.values !== null && !Array.isArray(c.values))
    .map((c) => ({
      label: `${file.split('/').pop()} — ${c.name}`,
      form: typeof c.form === 'string' ? vector.forms[c.form] : c.form,
      values: c.values as FormValues,
      expected: c.evaluate!,
    })));

beforeAll(() => {
  // antd's responsive grid asks for media queries, which jsdom lacks.
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null,
    addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

describe('shared form vectors', () => {
  it('are all found', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  // Generous: antd's first renders in jsdom are slow on a busy 2-core machine.
  it.each(cases)('$label', { timeout: 30_000 }, async ({ form, values, expected }) => {
    const evaluation = evaluationFromVector(form, values, expected);
    const { container } = render(
      <FormRenderer form={form} initialValues={values} evaluate={() => Promise.resolve(evaluation)} evaluateDelayMs={0} showAllErrors />,
    );
    await waitFor(() => expect(container.querySelector('[data-testid="form-renderer"]')?.getAttribute('data-pending')).toBe('false'));

    const applied = applyEvaluation(form, values, evaluation);
    for (const [path, answer] of Object.entries(expected)) {
      const node = container.querySelector(`[data-path="${path}"]`);
      if (answer.visible === false) {
        expect(node, `${path} hidden`).toBeNull();
        continue;
      }
      expect(node, `${path} shown`).not.toBeNull();
      if (answer.required !== undefined) expect(node!.getAttribute('data-required'), `${path} required`).toBe(String(answer.required));
      if (answer.readOnly) expect(node!.getAttribute('data-readonly'), `${path} read-only`).toBe('true');
      if (answer.error !== undefined) expect(node!.getAttribute('data-error-key'), `${path} error`).toBe(answer.error ?? '');
      if (answer.options) {
        const field = findField(form, path);
        expect(stateOf(field, path, evaluation).options?.map((o) => o.value), `${path} options`).toEqual(answer.options);
      }
      if ('value' in answer && findField(form, path).compute !== undefined) {
        expect(Number(getAt(applied, path)), `${path} computed`).toBe(Number(answer.value));
      }
    }
  });
});

function findField(form: FormDefinition, path: string): FieldDefinition {
  const match = /^(\w+)\[\d+\]\.(\w+)$/.exec(path);
  const top = fieldsOf(form);
  if (!match) return top.find((f) => f.key === path)!;
  return top.find((f) => f.key === match[1])!.fields!.find((f) => f.key === match[2])!;
}
