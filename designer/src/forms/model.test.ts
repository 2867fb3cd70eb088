import { describe, expect, it } from 'vitest';
import {
  actionsOf, addRow, applyEvaluation, clientRequiredErrors, fieldsOf, getAt, initialValuesFor, parsePath, removeRow, setAt,
  stateOf, valuesForSubmit, visiblePaths,
} from './model';
import type { Evaluation, FieldStateDto, FormDefinition } from './types';

const form: FormDefinition = {
  key: 'f',
  sections: [
    { key: 'a', title: 'A', fields: [
      { key: 'scale', kind: 'radio', required: true, options: ['small', { value: 'big', label: '大事' }] },
      { key: 'dept', kind: 'select', visibleWhen: "form.scale == 'big'", required: true },
      { key: 'note', kind: 'text', default: '无' },
    ] },
    { key: 'b', fields: [
      { key: 'items', kind: 'group', minRows: 1, maxRows: 2, fields: [
        { key: 'qty', kind: 'integer', default: 1, required: true },
        { key: 'amount', kind: 'money', compute: 'row.qty * 2' },
      ] },
    ] },
  ],
  actions: [{ key: 'submit', style: 'primary' }, { key: 'return', validate: false }],
};

const message = (label: string) => ({ message: `请填写${label}`, messageEn: `${label} is required` });

function state(path: string, patch: Partial<FieldStateDto>): FieldStateDto {
  return { path, key: path.split('.').pop()!, kind: 'text', visible: true, required: false, readOnly: false, value: null, options: null, error: null, row: null, ...patch };
}

describe('paths', () => {
  it('parses group row paths', () => {
    expect(parsePath('parties[2].phone')).toEqual(['parties', 2, 'phone']);
    expect(parsePath('a')).toEqual(['a']);
  });
  it('reads and writes by path without touching the original', () => {
    const values = { parties: [{ name: 'a' }] };
    const next = setAt(values, 'parties[1].phone', '13700000000');
    expect(getAt(next, 'parties[1].phone')).toBe('13700000000');
    expect(getAt(next, 'parties[0].name')).toBe('a');
    expect(values.parties).toHaveLength(1);
    expect(getAt(setAt(next, 'parties[0].name', undefined), 'parties[0]')).toEqual({});
  });
});

describe('rows', () => {
  it('starts with defaults and minRows rows', () => {
    expect(initialValuesFor(form)).toEqual({ note: '无', items: [{ qty: 1 }] });
    expect(initialValuesFor(form, { note: null })).toMatchObject({ note: null });
  });
  it('adds up to maxRows and removes by index', () => {
    const group = fieldsOf(form).find((f) => f.key === 'items')!;
    let values = initialValuesFor(form);
    values = addRow(values, group);
    values = addRow(values, group);
    expect(values.items).toHaveLength(2);
    values = setAt(values, 'items[0].qty', 5);
    expect(removeRow(values, 'items', 0).items).toEqual([{ qty: 1 }]);
  });
});

describe('evaluation', () => {
  const evaluation: Evaluation = {
    fields: {
      scale: state('scale', { required: true }),
      dept: state('dept', { visible: false, required: true }),
      note: state('note', {}),
      items: state('items', { kind: 'group' }),
      'items[0].qty': state('items[0].qty', { required: true, row: 0 }),
      'items[0].amount': state('items[0].amount', { readOnly: true, value: 10, row: 0 }),
    },
    errors: [],
    values: {},
    isValid: true,
  };

  it('shows what the server says is visible', () => {
    expect(visiblePaths(form, initialValuesFor(form), evaluation)).toEqual(['scale', 'note', 'items', 'items[0].qty', 'items[0].amount']);
  });
  it('before the first answer, hides nothing and uses the static rules', () => {
    const dept = fieldsOf(form)[1];
    expect(stateOf(dept, 'dept', null)).toMatchObject({ visible: true, required: true });
    expect(stateOf(fieldsOf(form)[0], 'scale', null).options).toEqual([{ value: 'small', label: 'small' }, { value: 'big', label: '大事' }]);
  });
  it('copies computed values only', () => {
    const values = applyEvaluation(form, { scale: 'x', items: [{ qty: 5 }] }, evaluation);
    expect(values).toEqual({ scale: 'x', items: [{ qty: 5, amount: 10 }] });
  });
  it('checks required fields unless the action skips validation', () => {
    const values = { items: [{}] };
    const errors = clientRequiredErrors(form, values, evaluation, actionsOf(form)[0], message);
    expect(Object.keys(errors)).toEqual(['scale', 'items[0].qty']);
    expect(errors.scale.message).toBe('请填写scale');
    expect(clientRequiredErrors(form, values, evaluation, actionsOf(form)[1], message)).toEqual({});
  });
  it('drops hidden values on submit', () => {
    expect(valuesForSubmit(form, { scale: 'small', dept: 'x', items: [{ qty: 2, amount: 4 }] }, evaluation))
      .toEqual({ scale: 'small', items: [{ qty: 2, amount: 4 }] });
  });
  it('gives a form without actions one submit button', () => {
    expect(actionsOf({ fields: [] })).toEqual([{ key: 'submit', style: 'primary' }]);
  });
});
