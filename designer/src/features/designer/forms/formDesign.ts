// Pure editing operations of the form designer: forms are edited as sections of fields (a form that
// gives `fields` directly becomes one untitled section), fields are addressed by location.
import type { FieldDefinition, FieldKind, FormDefinition, SectionDefinition } from '../../../forms/types';

/** Where a field sits: section index, index in it, and for a group's sub-field the index inside the group. */
export interface FieldLocation {
  section: number;
  index: number;
  sub?: number;
}

/** Sections always, so every edit works on one shape; `fields`-only forms are converted once. */
export function normalizeForm(form: FormDefinition): FormDefinition {
  if (form.sections && form.sections.length > 0) return form;
  const { fields, ...rest } = form;
  return { ...rest, sections: [{ fields: fields ?? [] }] };
}

export function allKeys(form: FormDefinition): Set<string> {
  const keys = new Set<string>();
  for (const section of normalizeForm(form).sections!) {
    for (const field of section.fields) {
      keys.add(field.key);
      for (const sub of field.fields ?? []) keys.add(`${field.key}.${sub.key}`);
    }
  }
  return keys;
}

/** A key not yet used: `text1`, `text2` … (inside a group, unique among the group's sub-fields). */
export function freshKey(form: FormDefinition, kind: FieldKind, group?: FieldDefinition): string {
  const taken = group ? new Set((group.fields ?? []).map((f) => f.key)) : new Set(normalizeForm(form).sections!.flatMap((s) => s.fields.map((f) => f.key)));
  for (let n = 1; ; n++) if (!taken.has(`${kind}${n}`)) return `${kind}${n}`;
}

/** A new field of a kind, with what the kind needs to be valid (options, text, sub-fields). */
export function newField(kind: FieldKind, key: string, label: string): FieldDefinition {
  const field: FieldDefinition = { key, kind, label };
  if (['select', 'radio', 'checkboxes', 'multiselect'].includes(kind)) {
    field.options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }];
  }
  if (kind === 'info') {
    delete field.label;
    field.text = label;
  }
  if (kind === 'group') field.fields = [{ key: 'name', kind: 'text', label }];
  return field;
}

export function fieldAt(form: FormDefinition, at: FieldLocation): FieldDefinition | undefined {
  const field = normalizeForm(form).sections![at.section]?.fields[at.index];
  return at.sub === undefined ? field : field?.fields?.[at.sub];
}

function withSections(form: FormDefinition, change: (sections: SectionDefinition[]) => SectionDefinition[]): FormDefinition {
  const normal = normalizeForm(form);
  return { ...normal, sections: change(normal.sections!.map((s) => ({ ...s, fields: [...s.fields] }))) };
}

/** Inserts `field` at a location (index = position to insert before; beyond the end appends). */
export function insertField(form: FormDefinition, at: FieldLocation, field: FieldDefinition): FormDefinition {
  if (at.sub !== undefined && (field.kind === 'group' || fieldAt(form, { section: at.section, index: at.index })?.kind !== 'group')) return form;
  return withSections(form, (sections) => {
    const section = sections[at.section];
    if (!section) return sections;
    if (at.sub === undefined) {
      section.fields.splice(Math.min(at.index, section.fields.length), 0, field);
    } else {
      const group = section.fields[at.index];
      if (!group || group.kind !== 'group' || field.kind === 'group') return sections; // groups do not nest
      const subs = [...(group.fields ?? [])];
      subs.splice(Math.min(at.sub, subs.length), 0, field);
      section.fields[at.index] = { ...group, fields: subs };
    }
    return sections;
  });
}

export function removeField(form: FormDefinition, at: FieldLocation): FormDefinition {
  return withSections(form, (sections) => {
    const section = sections[at.section];
    if (!section) return sections;
    if (at.sub === undefined) section.fields.splice(at.index, 1);
    else {
      const group = section.fields[at.index];
      section.fields[at.index] = { ...group, fields: (group.fields ?? []).filter((_, i) => i !== at.sub) };
    }
    return sections;
  });
}

export function updateField(form: FormDefinition, at: FieldLocation, field: FieldDefinition): FormDefinition {
  return withSections(form, (sections) => {
    const section = sections[at.section];
    if (!section) return sections;
    if (at.sub === undefined) section.fields[at.index] = field;
    else {
      const group = section.fields[at.index];
      section.fields[at.index] = { ...group, fields: (group.fields ?? []).map((f, i) => (i === at.sub ? field : f)) };
    }
    return sections;
  });
}

/**
 * Moves a field to before `to` (locations as they are before the move). Top-level fields move between
 * sections; sub-fields move within their group or to top level; groups never go into groups.
 */
export function moveField(form: FormDefinition, from: FieldLocation, to: FieldLocation): FormDefinition {
  const field = fieldAt(form, from);
  if (!field) return form;
  if (to.sub !== undefined && field.kind === 'group') return form;
  const sameList = from.section === to.section && (from.sub === undefined ? to.sub === undefined : to.sub !== undefined && from.index === to.index);
  let target = { ...to };
  if (sameList) {
    const fromPos = from.sub ?? from.index;
    const toPos = to.sub ?? to.index;
    if (toPos === fromPos || toPos === fromPos + 1) return form;
    if (toPos > fromPos) target = to.sub === undefined ? { ...to, index: to.index - 1 } : { ...to, sub: to.sub - 1 };
  } else if (from.sub === undefined && to.sub !== undefined && from.section === to.section && from.index < to.index) {
    target = { ...to, index: to.index - 1 };
  } else if (from.sub === undefined && to.sub === undefined && from.section === to.section && from.index < to.index) {
    target = { ...to, index: to.index - 1 };
  }
  return insertField(removeField(form, from), target, field);
}

export function addSection(form: FormDefinition, title: string): FormDefinition {
  const normal = normalizeForm(form);
  const keys = new Set(normal.sections!.map((s) => s.key));
  let n = normal.sections!.length + 1;
  while (keys.has(`section${n}`)) n++;
  return { ...normal, sections: [...normal.sections!, { key: `section${n}`, title, fields: [] }] };
}

export function updateSection(form: FormDefinition, index: number, patch: Partial<SectionDefinition>): FormDefinition {
  return withSections(form, (sections) => sections.map((s, i) => (i === index ? { ...s, ...patch } : s)));
}

/** Removes a section; its fields move to the previous section (or the next) so nothing is lost by accident. */
export function removeSection(form: FormDefinition, index: number): FormDefinition {
  return withSections(form, (sections) => {
    if (sections.length <= 1) return sections;
    const [removed] = sections.splice(index, 1);
    const heir = sections[Math.max(0, index - 1)];
    heir.fields = index === 0 ? [...removed.fields, ...heir.fields] : [...heir.fields, ...removed.fields];
    return sections;
  });
}

/** Sets or clears (undefined/blank) one property of a field, keeping the others as they are. */
export function setProperty<K extends keyof FieldDefinition>(field: FieldDefinition, name: K, value: FieldDefinition[K] | undefined): FieldDefinition {
  const next = { ...field };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0 && name !== 'options')) delete next[name];
  else next[name] = value;
  return next;
}

/** Field key rule of docs/form-format.md. */
export const fieldKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const formKeyPattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Fields of a form the diff (contract 7) names, for the renderer's highlight. */
export function fieldDiffFor(
  diff: { forms?: Array<{ key: string; change: string; fields?: Array<{ key: string; change: string }> }> } | null | undefined,
  formKey: string,
): Record<string, 'added' | 'changed' | 'removed'> | undefined {
  const form = diff?.forms?.find((f) => f.key === formKey);
  if (!form) return undefined;
  const result: Record<string, 'added' | 'changed' | 'removed'> = {};
  for (const field of form.fields ?? []) {
    if (field.change === 'added' || field.change === 'changed' || field.change === 'removed') result[field.key] = field.change;
  }
  return result;
}
