// What a script can name (docs/scripting.md): the context objects, the definition's variables and form fields, and helpers.
import type { DefinitionJson } from '../../../api/definitions';

export interface ScriptCompletion {
  label: string;
  detail: string;
  insertText: string;
  kind: 'variable' | 'field' | 'function' | 'object';
}

const contextObjects = ['vars', 'input', 'form', 'forms', 'instance', 'task', 'user', 'item', 'index'];
const helpers: Array<[string, string]> = [
  ['now()', 'now'],
  ['addDays(date, n)', 'addDays'],
  ['addHours(date, n)', 'addHours'],
  ['addWorkdays(date, n)', 'addWorkdays'],
  ['workdaysBetween(a, b)', 'workdaysBetween'],
  ['daysBetween(a, b)', 'daysBetween'],
  ['isWorkday(date)', 'isWorkday'],
  ['parseDate(s)', 'parseDate'],
  ['formatDate(date, pattern)', 'formatDate'],
  ['sum(array, key)', 'sum'],
  ['count(array, fn)', 'count'],
  ['distance(lat1, lng1, lat2, lng2)', 'distance'],
  ['contains(arrayOrString, x)', 'contains'],
];

export function scriptCompletions(definition: DefinitionJson | null, formKey?: string | null): ScriptCompletion[] {
  const out: ScriptCompletion[] = contextObjects.map((o) => ({ label: o, detail: 'context', insertText: o, kind: 'object' }));
  for (const [signature, name] of helpers) out.push({ label: signature, detail: 'helper', insertText: `${name}(`, kind: 'function' });
  for (const v of definition?.variables ?? []) out.push({ label: `vars.${v.name}`, detail: v.label ?? v.type ?? 'variable', insertText: `vars.${v.name}`, kind: 'variable' });
  for (const [key, form] of Object.entries(definition?.forms ?? {})) {
    for (const field of form.fields ?? []) {
      out.push({ label: `forms.${key}.${field.key}`, detail: field.label ?? field.kind ?? '', insertText: `forms.${key}.${field.key}`, kind: 'field' });
      if (key === formKey) out.push({ label: `form.${field.key}`, detail: field.label ?? field.kind ?? '', insertText: `form.${field.key}`, kind: 'field' });
    }
  }
  return out;
}
