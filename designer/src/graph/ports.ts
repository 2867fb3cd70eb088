// Which ports an activity offers: the descriptor's, or for dynamic types the ones its properties
// and forms name (UserTask outcomes / form action buttons, Switch cases), as the engine computes them.
import type { ActivityDescriptor, ActivityJson, DefinitionJson } from '../api/definitions';

export interface PortInfo {
  name: string;
  label: string;
  labelEn: string;
  /** A port an existing connection uses but the activity no longer offers: shown so nothing is lost. */
  unknown?: boolean;
}

const deadlinePorts = new Set(['warning', 'overdue']);

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
}

export function portsOf(activity: ActivityJson, descriptor: ActivityDescriptor | undefined, definition: DefinitionJson): PortInfo[] {
  const declared: PortInfo[] = (descriptor?.ports ?? []).map((p) => ({ name: p.name, label: p.label, labelEn: p.labelEn }));
  if (!descriptor?.dynamicPorts) return declared;
  const props = activity.properties ?? {};

  const cases = props.cases;
  if (Array.isArray(cases)) {
    const casePorts = cases
      .map((c) => (c && typeof c === 'object' ? (c as { port?: unknown }).port : null))
      .filter((p): p is string => typeof p === 'string' && p.length > 0)
      .map((p) => ({ name: p, label: p, labelEn: p }));
    return [...casePorts, ...declared.filter((d) => !casePorts.some((c) => c.name === d.name))];
  }

  let outcomes = stringList(props.outcomes);
  let labels: Record<string, string> = {};
  if (!outcomes && typeof props.formKey === 'string') {
    const actions = definition.forms?.[props.formKey]?.actions;
    if (Array.isArray(actions)) {
      const keys = actions.filter((a) => a && typeof a.key === 'string');
      if (keys.length > 0) {
        outcomes = [...new Set(keys.map((a) => a.key))];
        labels = Object.fromEntries(keys.map((a) => [a.key, a.label ?? a.key]));
      }
    }
  }
  if (!outcomes) return declared;
  const outcomePorts = outcomes.map((o) => ({ name: o, label: labels[o] ?? o, labelEn: o }));
  // The first declared port (done) stands for "the outcome"; deadline ports stay.
  return [...outcomePorts, ...declared.filter((d) => deadlinePorts.has(d.name) && !outcomes.includes(d.name))];
}
