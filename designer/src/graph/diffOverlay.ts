// What the canvas highlights: a version diff (contract 7) or an instance's path (its journal).
import type { DefinitionDiff, DefinitionJson } from '../api/definitions';
import { edgeId, portOf, type ElementStatus } from './definitionGraph';

export interface Highlight {
  activities: Record<string, ElementStatus>;
  /** Keyed by `from|port|to` (without the index, so the key is stable across versions). */
  connections: Record<string, ElementStatus>;
}

export const emptyHighlight: Highlight = { activities: {}, connections: {} };

export function connectionKey(from: string, port: string | null | undefined, to: string): string {
  return `${from}|${port ?? 'done'}|${to}`;
}

/** The key of a rendered edge id (`from|port|to|index`). */
export function connectionKeyOfEdge(id: string): string {
  return id.split('|').slice(0, 3).join('|');
}

/**
 * The "to" definition with the "from" definition's removed activities and connections added back as ghosts,
 * and the highlight marking added (green), removed (red ghost) and changed (amber) elements.
 * Uses the diff's structured members when the server sends them, else compares the two definitions itself.
 */
export function diffOverlay(from: DefinitionJson, to: DefinitionJson, diff?: DefinitionDiff | null): { definition: DefinitionJson; highlight: Highlight } {
  const activities: Record<string, ElementStatus> = {};
  const connections: Record<string, ElementStatus> = {};
  const fromActs = new Map((from.activities ?? []).map((a) => [a.id, a]));
  const toActs = new Map((to.activities ?? []).map((a) => [a.id, a]));

  if (diff?.activities) {
    for (const a of diff.activities) activities[a.id] = a.change;
  } else {
    for (const [id, a] of toActs) {
      const before = fromActs.get(id);
      if (!before) activities[id] = 'added';
      else if (!sameIgnoringPosition(before, a)) activities[id] = 'changed';
    }
    for (const id of fromActs.keys()) if (!toActs.has(id)) activities[id] = 'removed';
  }

  const fromKeys = new Set((from.connections ?? []).map((c) => connectionKey(c.from, portOf(c), c.to)));
  const toKeys = new Set((to.connections ?? []).map((c) => connectionKey(c.from, portOf(c), c.to)));
  if (diff?.connections) {
    for (const c of diff.connections) connections[connectionKey(c.source, c.sourcePort, c.target)] = c.change;
  } else {
    for (const k of toKeys) if (!fromKeys.has(k)) connections[k] = 'added';
    for (const k of fromKeys) if (!toKeys.has(k)) connections[k] = 'removed';
  }

  const ghosts = (from.activities ?? []).filter((a) => activities[a.id] === 'removed' && !toActs.has(a.id));
  const ghostConnections = (from.connections ?? []).filter((c) => {
    const key = connectionKey(c.from, portOf(c), c.to);
    return connections[key] === 'removed' && !toKeys.has(key);
  });
  const definition: DefinitionJson = {
    ...to,
    activities: [...(to.activities ?? []), ...ghosts],
    connections: [...(to.connections ?? []), ...ghostConnections],
  };
  return { definition, highlight: { activities, connections } };
}

function sameIgnoringPosition(a: object, b: object): boolean {
  const strip = (x: object) => JSON.stringify(sortKeys({ ...x, position: undefined }));
  return strip(a) === strip(b);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

export interface JournalEntryLike {
  kind: string;
  activityId?: string | null;
  port?: string | null;
}

/**
 * An instance's path: activities it ran (visited), where it waits now (active: open tasks), and faults;
 * connections it took, recognised by the port journaled on leaving an activity and the next activity entered.
 */
export function instanceOverlay(definition: DefinitionJson, journal: JournalEntryLike[], openActivityIds: string[] = [], faulted: string[] = []): Highlight {
  const activities: Record<string, ElementStatus> = {};
  const connections: Record<string, ElementStatus> = {};
  const ran = journal.filter((j) => j.activityId);
  for (const j of ran) activities[j.activityId!] = /fault/i.test(j.kind) ? 'faulted' : activities[j.activityId!] === 'faulted' ? 'faulted' : 'visited';
  const entered = new Set(ran.map((j) => j.activityId!));
  for (const [i, c] of (definition.connections ?? []).entries()) {
    const port = portOf(c);
    const left = ran.some((j) => j.activityId === c.from && (j.port ?? null) !== null && j.port === port);
    const leftWithoutPort = !ran.some((j) => j.activityId === c.from && j.port) && entered.has(c.from);
    if (entered.has(c.to) && (left || (leftWithoutPort && port === 'done'))) connections[connectionKey(c.from, port, c.to)] = 'visited';
    void i;
  }
  for (const id of openActivityIds) activities[id] = 'active';
  for (const id of faulted) activities[id] = 'faulted';
  return { activities, connections };
}

export { edgeId };
