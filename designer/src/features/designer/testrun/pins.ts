// Pinned task answers (n8n's pinned data): a designer pins how a step was answered, and reruns of the
// draft answer that step the same way automatically. Kept in localStorage per definition + activity.
export interface PinnedAnswer {
  outcome: string;
  values: Record<string, unknown>;
  pinnedAt: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const prefix = 'flowgov.testrun.pin';

export function pinKey(definitionKey: string, activityId: string): string {
  return `${prefix}:${definitionKey}:${activityId}`;
}

export function readPin(store: KeyValueStore, definitionKey: string, activityId: string): PinnedAnswer | null {
  const raw = store.getItem(pinKey(definitionKey, activityId));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<PinnedAnswer>;
    if (typeof parsed.outcome !== 'string' || typeof parsed.values !== 'object' || parsed.values === null) return null;
    return { outcome: parsed.outcome, values: parsed.values, pinnedAt: parsed.pinnedAt ?? '' };
  } catch {
    return null; // a hand-edited or old entry is ignored, not fatal
  }
}

export function writePin(store: KeyValueStore, definitionKey: string, activityId: string, answer: Omit<PinnedAnswer, 'pinnedAt'>, now: Date): PinnedAnswer {
  const pinned: PinnedAnswer = { ...answer, pinnedAt: now.toISOString() };
  store.setItem(pinKey(definitionKey, activityId), JSON.stringify(pinned));
  return pinned;
}

export function clearPin(store: KeyValueStore, definitionKey: string, activityId: string): void {
  store.removeItem(pinKey(definitionKey, activityId));
}

export interface OpenTaskLike {
  id: string;
  activityId: string;
}

/** The open tasks a rerun answers by itself: those with a pin, each once (ids already sent are skipped). */
export function tasksToAutoSubmit(store: KeyValueStore, definitionKey: string, openTasks: OpenTaskLike[], alreadySent: ReadonlySet<string>) {
  return openTasks
    .filter((task) => !alreadySent.has(task.id))
    .map((task) => ({ task, pin: readPin(store, definitionKey, task.activityId) }))
    .filter((entry): entry is { task: OpenTaskLike; pin: PinnedAnswer } => entry.pin !== null);
}

/** Sample start input from the definition's variables: defaults, else an empty value of the type. */
export function sampleInput(variables: Array<{ name: string; type?: string; default?: unknown }> | undefined): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const variable of variables ?? []) {
    if (variable.default !== undefined) {
      input[variable.name] = variable.default;
      continue;
    }
    switch (variable.type) {
      case 'number': input[variable.name] = 0; break;
      case 'boolean': input[variable.name] = false; break;
      case 'array': input[variable.name] = []; break;
      case 'object': input[variable.name] = {}; break;
      default: input[variable.name] = '';
    }
  }
  return input;
}
