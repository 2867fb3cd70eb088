// Pure form-state logic shared by the renderer, the designer preview and the tests: values by path,
// group rows, the server's evaluation applied to the values, and what to show.
import type {
  ActionDefinition, Evaluation, FieldDefinition, FieldStateDto, FormDefinition, FormErrorDto, FormValues,
  OptionDefinition, SectionDefinition,
} from './types';

/** The form's sections; a form that gives `fields` directly is one untitled section. */
export function sectionsOf(form: FormDefinition): SectionDefinition[] {
  if (form.sections && form.sections.length > 0) return form.sections;
  return [{ fields: form.fields ?? [] }];
}

/** Every top-level field in form order. */
export function fieldsOf(form: FormDefinition): FieldDefinition[] {
  return sectionsOf(form).flatMap((section) => section.fields ?? []);
}

export type PathSegment = string | number;

/** `parties[2].phone` → `['parties', 2, 'phone']`. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** The path of a field, or of a sub-field in row `row` of group `group`. */
export function fieldPath(key: string, group?: string, row?: number): string {
  return group === undefined || row === undefined ? key : `${group}[${row}].${key}`;
}

export function getAt(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const segment of parsePath(path)) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A copy of `values` with `value` at `path`; missing rows and objects are created. */
export function setAt(values: FormValues, path: string, value: unknown): FormValues {
  const segments = parsePath(path);
  const write = (target: unknown, index: number): unknown => {
    const segment = segments[index];
    const container: Record<string | number, unknown> | unknown[] = Array.isArray(target)
      ? [...target]
      : typeof target === 'object' && target !== null
        ? { ...(target as Record<string, unknown>) }
        : typeof segment === 'number' ? [] : {};
    const slot = container as Record<string | number, unknown>;
    if (index === segments.length - 1) {
      if (value === undefined) {
        if (Array.isArray(container)) container[segment as number] = undefined;
        else delete slot[segment];
      } else slot[segment] = value;
    } else {
      slot[segment] = write(slot[segment], index + 1);
    }
    return container;
  };
  return write(values, 0) as FormValues;
}

export function rowsOf(values: FormValues, groupKey: string): FormValues[] {
  const rows = values[groupKey];
  return Array.isArray(rows) ? (rows as FormValues[]) : [];
}

/** A new row holds the sub-fields' defaults, like the server's defaults step. */
export function newRow(group: FieldDefinition): FormValues {
  const row: FormValues = {};
  for (const field of group.fields ?? []) if (field.default !== undefined) row[field.key] = field.default;
  return row;
}

export function addRow(values: FormValues, group: FieldDefinition): FormValues {
  const rows = rowsOf(values, group.key);
  if (group.maxRows !== undefined && rows.length >= group.maxRows) return values;
  return { ...values, [group.key]: [...rows, newRow(group)] };
}

export function removeRow(values: FormValues, groupKey: string, index: number): FormValues {
  const rows = rowsOf(values, groupKey);
  return { ...values, [groupKey]: rows.filter((_, i) => i !== index) };
}

/** Starting values: the given ones, with defaults for absent keys and `minRows` empty rows for groups. */
export function initialValuesFor(form: FormDefinition, given: FormValues = {}): FormValues {
  let values: FormValues = { ...given };
  for (const field of fieldsOf(form)) {
    if (field.kind === 'info') continue;
    if (!(field.key in values) && field.default !== undefined) values[field.key] = field.default;
    if (field.kind === 'group') {
      while (rowsOf(values, field.key).length < (field.minRows ?? 0)) values = addRow(values, field);
    }
  }
  return values;
}

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    || (Array.isArray(value) && value.length === 0);
}

function staticRequired(field: FieldDefinition): boolean {
  const grouped = field.validation?.required;
  return field.required === true || grouped === true;
}

/** Options written in the form itself (not a script); the evaluation's options win when present. */
export function staticOptions(field: FieldDefinition): OptionDefinition[] | null {
  if (!Array.isArray(field.options)) return null;
  return field.options.map((option) => (typeof option === 'string' ? { value: option, label: option } : option));
}

/**
 * The state of one field: the server's answer when it has one, else what the form says statically
 * (so the form renders before the first evaluation returns, and without a server at all).
 */
export function stateOf(field: FieldDefinition, path: string, evaluation: Evaluation | null): FieldStateDto {
  const answered = evaluation?.fields[path];
  if (answered) return answered;
  const hasScriptedVisibility = field.visibleWhen !== undefined && evaluation !== null;
  return {
    path,
    key: field.key,
    kind: field.kind,
    visible: !hasScriptedVisibility,
    required: staticRequired(field),
    readOnly: field.readOnly === true || field.compute !== undefined,
    value: undefined,
    options: staticOptions(field),
    error: null,
    row: null,
  };
}

/**
 * Copies what the server computed into the values: computed fields (their value is the server's),
 * so the user sees totals and row numbers. Fields the user types into are left alone — the server's
 * answer may be older than the user's last keystroke.
 */
export function applyEvaluation(form: FormDefinition, values: FormValues, evaluation: Evaluation): FormValues {
  let next = values;
  const copy = (field: FieldDefinition, path: string) => {
    if (field.compute === undefined) return;
    const state = evaluation.fields[path];
    if (!state) return;
    const current = getAt(next, path);
    const computed = state.value ?? undefined;
    if (JSON.stringify(current) !== JSON.stringify(computed)) next = setAt(next, path, computed);
  };
  for (const field of fieldsOf(form)) {
    if (field.kind === 'group') {
      rowsOf(next, field.key).forEach((_, row) => {
        for (const sub of field.fields ?? []) copy(sub, fieldPath(sub.key, field.key, row));
      });
    } else copy(field, field.key);
  }
  return next;
}

/** Every field path the renderer shows for these values, in form order (rows expanded). */
export function visiblePaths(form: FormDefinition, values: FormValues, evaluation: Evaluation | null): string[] {
  const paths: string[] = [];
  for (const field of fieldsOf(form)) {
    if (!stateOf(field, field.key, evaluation).visible) continue;
    paths.push(field.key);
    if (field.kind !== 'group') continue;
    rowsOf(values, field.key).forEach((_, row) => {
      for (const sub of field.fields ?? []) {
        const path = fieldPath(sub.key, field.key, row);
        if (stateOf(sub, path, evaluation).visible) paths.push(path);
      }
    });
  }
  return paths;
}

/** The error to show on a field: the server's, else a client-side "required" found on submit. */
export function errorFor(path: string, evaluation: Evaluation | null, clientErrors: Record<string, FormErrorDto>): FormErrorDto | null {
  return clientErrors[path] ?? evaluation?.fields[path]?.error ?? null;
}

/**
 * Required checks the browser can do itself before submitting with an action that validates
 * (`validate: false` actions, such as 退回, skip them — as the server does).
 */
export function clientRequiredErrors(
  form: FormDefinition,
  values: FormValues,
  evaluation: Evaluation | null,
  action: ActionDefinition | undefined,
  message: (label: string) => { message: string; messageEn: string },
): Record<string, FormErrorDto> {
  const errors: Record<string, FormErrorDto> = {};
  if (action && action.validate === false) return errors;
  const check = (field: FieldDefinition, path: string) => {
    if (field.kind === 'info' || field.kind === 'group') return;
    const state = stateOf(field, path, evaluation);
    if (!state.visible || !state.required || state.readOnly) return;
    if (isEmptyValue(getAt(values, path))) {
      errors[path] = { path, key: 'field.required', ...message(field.label ?? field.key) };
    }
  };
  for (const field of fieldsOf(form)) {
    const state = stateOf(field, field.key, evaluation);
    if (!state.visible) continue;
    if (field.kind === 'group') {
      rowsOf(values, field.key).forEach((_, row) => {
        for (const sub of field.fields ?? []) check(sub, fieldPath(sub.key, field.key, row));
      });
    } else check(field, field.key);
  }
  return errors;
}

/** The form's buttons; a form without actions gets one submit button. */
export function actionsOf(form: FormDefinition): ActionDefinition[] {
  return form.actions && form.actions.length > 0 ? form.actions : [{ key: 'submit', style: 'primary' }];
}

/** Values to send: hidden fields' values dropped (the server drops them too). */
export function valuesForSubmit(form: FormDefinition, values: FormValues, evaluation: Evaluation | null): FormValues {
  let next: FormValues = {};
  for (const field of fieldsOf(form)) {
    if (field.kind === 'info') continue;
    if (!stateOf(field, field.key, evaluation).visible) continue;
    const value = values[field.key];
    if (field.kind !== 'group' || !Array.isArray(value)) {
      if (value !== undefined) next[field.key] = value;
      continue;
    }
    const rows = (value as FormValues[]).map((row, index) => {
      const kept: FormValues = {};
      for (const sub of field.fields ?? []) {
        if (!stateOf(sub, fieldPath(sub.key, field.key, index), evaluation).visible) continue;
        if (row?.[sub.key] !== undefined) kept[sub.key] = row[sub.key];
      }
      return kept;
    });
    next = { ...next, [field.key]: rows };
  }
  return next;
}

/** Full-width kinds take the whole row on wide screens; the rest share it two to a row. */
export function isWide(field: FieldDefinition): boolean {
  return ['textarea', 'group', 'info', 'photo', 'file', 'location', 'checkboxes'].includes(field.kind);
}
