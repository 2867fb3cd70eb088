import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../../forms/types';
import {
  addSection, fieldAt, fieldDiffFor, freshKey, insertField, moveField, newField, normalizeForm, removeField, removeSection, setProperty,
} from './formDesign';

const form: FormDefinition = {
  fields: [
    { key: 'a', kind: 'text' },
    { key: 'b', kind: 'text' },
    { key: 'rows', kind: 'group', fields: [{ key: 'x', kind: 'text' }, { key: 'y', kind: 'integer' }] },
  ],
};
const keys = (f: FormDefinition, section = 0) => normalizeForm(f).sections![section].fields.map((x) => x.key);

describe('form designer edits', () => {
  it('turns a fields-only form into one section', () => {
    expect(normalizeForm(form).sections).toHaveLength(1);
    expect(normalizeForm(form)).not.toHaveProperty('fields');
  });
  it('finds fresh keys per kind, and inside a group among its sub-fields', () => {
    expect(freshKey(form, 'text')).toBe('text1');
    const taken = insertField(form, { section: 0, index: 9 }, newField('text', 'text1', 'T'));
    expect(freshKey(taken, 'text')).toBe('text2');
    expect(freshKey(form, 'text', fieldAt(form, { section: 0, index: 2 }))).toBe('text1');
  });
  it('gives new choice fields options and groups a first sub-field', () => {
    expect(newField('radio', 'r', '单选').options).toHaveLength(2);
    expect(newField('group', 'g', '明细').fields).toHaveLength(1);
    expect(newField('info', 'i', '说明')).toEqual({ key: 'i', kind: 'info', text: '说明' });
  });
  it('inserts into a group but never nests groups', () => {
    const next = insertField(form, { section: 0, index: 2, sub: 1 }, { key: 'z', kind: 'text' });
    expect(fieldAt(next, { section: 0, index: 2 })!.fields!.map((f) => f.key)).toEqual(['x', 'z', 'y']);
    expect(insertField(form, { section: 0, index: 2, sub: 0 }, { key: 'g', kind: 'group' })).toBe(form);
  });
  it('reorders within a section (drop before the target)', () => {
    expect(keys(moveField(form, { section: 0, index: 0 }, { section: 0, index: 2 }))).toEqual(['b', 'a', 'rows']);
    expect(keys(moveField(form, { section: 0, index: 2 }, { section: 0, index: 0 }))).toEqual(['rows', 'a', 'b']);
    expect(moveField(form, { section: 0, index: 0 }, { section: 0, index: 1 })).toBe(form);
  });
  it('moves between sections, into and out of groups', () => {
    const two = addSection(form, '第二部分');
    const moved = moveField(two, { section: 0, index: 1 }, { section: 1, index: 0 });
    expect(keys(moved, 0)).toEqual(['a', 'rows']);
    expect(keys(moved, 1)).toEqual(['b']);
    const intoGroup = moveField(form, { section: 0, index: 0 }, { section: 0, index: 2, sub: 0 });
    expect(keys(intoGroup)).toEqual(['b', 'rows']);
    expect(fieldAt(intoGroup, { section: 0, index: 1 })!.fields!.map((f) => f.key)).toEqual(['a', 'x', 'y']);
    const outOfGroup = moveField(form, { section: 0, index: 2, sub: 1 }, { section: 0, index: 0 });
    expect(keys(outOfGroup)).toEqual(['y', 'a', 'b', 'rows']);
  });
  it('removing a section keeps its fields', () => {
    const two = insertField(addSection(form, 'S2'), { section: 1, index: 0 }, { key: 'c', kind: 'text' });
    expect(keys(removeSection(two, 1))).toEqual(['a', 'b', 'rows', 'c']);
    expect(keys(removeField(form, { section: 0, index: 1 }))).toEqual(['a', 'rows']);
  });
  it('clears blank properties', () => {
    expect(setProperty({ key: 'a', kind: 'text', label: 'x' }, 'label', '')).toEqual({ key: 'a', kind: 'text' });
    expect(setProperty({ key: 'a', kind: 'text' }, 'visibleWhen', 'form.b')).toEqual({ key: 'a', kind: 'text', visibleWhen: 'form.b' });
  });
  it('reads the field diff of one form', () => {
    const diff = { forms: [{ key: 'f', change: 'changed', fields: [{ key: 'a', change: 'added' }, { key: 'b', change: 'changed' }] }] };
    expect(fieldDiffFor(diff, 'f')).toEqual({ a: 'added', b: 'changed' });
    expect(fieldDiffFor(diff, 'g')).toBeUndefined();
  });
});
