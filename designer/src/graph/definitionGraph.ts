// Definition JSON ⇄ React Flow graph, and the edits the canvas makes, as pure functions.
// Activities and connections are carried verbatim in node/edge data so unknown members survive a round trip;
// positions live in each activity's `position` (docs/definition-format.md: "for the designer only").
import type { ActivityDescriptor, ActivityJson, ConnectionJson, DefinitionJson } from '../api/definitions';
import { portsOf, type PortInfo } from './ports';

export const defaultPort = 'done';
export const nodeWidth = 180;
export const nodeHeight = 64;

export type ElementStatus = 'added' | 'removed' | 'changed' | 'visited' | 'active' | 'faulted';

export interface ActivityNodeData extends Record<string, unknown> {
  activity: ActivityJson;
  descriptor?: ActivityDescriptor;
  ports: PortInfo[];
  /** No stored position: placed by the designer, not written back unless moved. */
  autoPlaced: boolean;
  /** Where an auto-placed node was put, to tell whether the user moved it. */
  placedAt?: { x: number; y: number };
  status?: ElementStatus;
  problems?: number;
}

export interface ConnectionEdgeData extends Record<string, unknown> {
  connection: ConnectionJson;
  status?: ElementStatus;
}

/** Structurally what @xyflow/react needs; kept free of the library so this module stays pure. */
export interface GraphNode {
  id: string;
  type: 'activity';
  position: { x: number; y: number };
  data: ActivityNodeData;
  selected?: boolean;
  className?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle?: string | null;
  data: ConnectionEdgeData;
  selected?: boolean;
  label?: string;
  className?: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function portOf(connection: ConnectionJson): string {
  return connection.port ?? defaultPort;
}

export function edgeId(connection: ConnectionJson, index: number): string {
  return `${connection.from}|${portOf(connection)}|${connection.to}|${index}`;
}

function fallbackPosition(index: number): { x: number; y: number } {
  // A simple grid until the user runs auto-layout; visible and non-overlapping.
  return { x: (index % 4) * (nodeWidth + 60), y: Math.floor(index / 4) * (nodeHeight + 80) };
}

export function definitionToGraph(definition: DefinitionJson, descriptors: ActivityDescriptor[] = []): Graph {
  const byType = new Map(descriptors.map((d) => [d.type, d]));
  const activities = definition.activities ?? [];
  const connections = definition.connections ?? [];
  const nodes: GraphNode[] = activities.map((activity, index) => {
    const descriptor = byType.get(activity.type);
    const ports = portsOf(activity, descriptor, definition);
    for (const c of connections) {
      const port = portOf(c);
      if (c.from === activity.id && !ports.some((p) => p.name === port)) ports.push({ name: port, label: port, labelEn: port, unknown: true });
    }
    const stored = activity.position;
    const position = stored ? { x: stored.x, y: stored.y } : fallbackPosition(index);
    return {
      id: activity.id,
      type: 'activity',
      position,
      data: { activity, descriptor, ports, autoPlaced: !stored, placedAt: stored ? undefined : position },
    };
  });
  const edges: GraphEdge[] = connections.map((connection, index) => ({
    id: edgeId(connection, index),
    source: connection.from,
    sourceHandle: portOf(connection),
    target: connection.to,
    targetHandle: 'in',
    data: { connection },
  }));
  return { nodes, edges };
}

/** The definition the graph shows: `base` with activities and connections taken from the graph. */
export function graphToDefinition(base: DefinitionJson, graph: Graph): DefinitionJson {
  const activities = graph.nodes.map((node) => {
    const activity = { ...node.data.activity, id: node.id };
    const placed = node.data.autoPlaced && node.data.placedAt;
    const stored = node.data.activity.position;
    const at = placed || stored;
    const untouched = at && at.x === node.position.x && at.y === node.position.y;
    if (!untouched) activity.position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
    return activity;
  });
  const connections = graph.edges.map((edge) => {
    const original = edge.data.connection;
    const connection: ConnectionJson = { ...original, from: edge.source, to: edge.target };
    // Omitted port means done: keep the file as it was written.
    if (original.port != null || edge.sourceHandle !== defaultPort) connection.port = edge.sourceHandle;
    return connection;
  });
  const result: DefinitionJson = { ...base };
  if (base.activities !== undefined || activities.length > 0) result.activities = activities;
  if (base.connections !== undefined || connections.length > 0) result.connections = connections;
  return result;
}

// ——— Edits on the definition (each returns a new definition; the draft store keeps history) ———

function mapActivities(definition: DefinitionJson, fn: (a: ActivityJson) => ActivityJson): DefinitionJson {
  return { ...definition, activities: (definition.activities ?? []).map(fn) };
}

export function moveActivities(definition: DefinitionJson, positions: Record<string, { x: number; y: number }>): DefinitionJson {
  return mapActivities(definition, (a) =>
    positions[a.id] ? { ...a, position: { x: Math.round(positions[a.id].x), y: Math.round(positions[a.id].y) } } : a,
  );
}

/** A readable, unique id from the type: userTask1, userTask2, … */
export function newActivityId(definition: DefinitionJson, type: string): string {
  const stem = type.charAt(0).toLowerCase() + type.slice(1);
  const taken = new Set((definition.activities ?? []).map((a) => a.id));
  for (let n = 1; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}

export function addActivity(
  definition: DefinitionJson,
  descriptor: ActivityDescriptor,
  position: { x: number; y: number },
  name?: string,
): { definition: DefinitionJson; id: string } {
  const id = newActivityId(definition, descriptor.type);
  const properties: Record<string, unknown> = {};
  for (const p of descriptor.properties) if (p.required && p.default !== undefined && p.default !== null) properties[p.name] = p.default;
  const activity: ActivityJson = { id, type: descriptor.type, name: name ?? descriptor.displayName, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (Object.keys(properties).length > 0) activity.properties = properties;
  return { definition: { ...definition, activities: [...(definition.activities ?? []), activity] }, id };
}

export function removeElements(definition: DefinitionJson, activityIds: Iterable<string>, edgeIds: Iterable<string> = []): DefinitionJson {
  const gone = new Set(activityIds);
  const goneEdges = new Set(edgeIds);
  return {
    ...definition,
    activities: (definition.activities ?? []).filter((a) => !gone.has(a.id)),
    connections: (definition.connections ?? []).filter((c, i) => !gone.has(c.from) && !gone.has(c.to) && !goneEdges.has(edgeId(c, i))),
  };
}

export function connect(definition: DefinitionJson, from: string, port: string | null | undefined, to: string): DefinitionJson {
  const connections = definition.connections ?? [];
  const p = port ?? defaultPort;
  if (connections.some((c) => c.from === from && portOf(c) === p && c.to === to)) return definition;
  const connection: ConnectionJson = p === defaultPort ? { from, to } : { from, port: p, to };
  return { ...definition, connections: [...connections, connection] };
}

export function updateActivity(definition: DefinitionJson, id: string, change: (a: ActivityJson) => ActivityJson): DefinitionJson {
  return mapActivities(definition, (a) => (a.id === id ? change(a) : a));
}

/** Sets one property; `undefined` removes it (so an emptied optional field leaves no trace). */
export function setProperty(definition: DefinitionJson, id: string, name: string, value: unknown): DefinitionJson {
  return updateActivity(definition, id, (a) => {
    const properties = { ...(a.properties ?? {}) };
    if (value === undefined) delete properties[name];
    else properties[name] = value;
    return { ...a, properties };
  });
}

/** Renames an activity and every connection touching it. */
export function renameActivity(definition: DefinitionJson, id: string, newId: string): DefinitionJson {
  if (id === newId || (definition.activities ?? []).some((a) => a.id === newId)) return definition;
  return {
    ...definition,
    activities: (definition.activities ?? []).map((a) => (a.id === id ? { ...a, id: newId } : a)),
    connections: (definition.connections ?? []).map((c) => ({ ...c, from: c.from === id ? newId : c.from, to: c.to === id ? newId : c.to })),
  };
}

export interface Clipboard {
  activities: ActivityJson[];
  connections: ConnectionJson[];
}

export function copySelection(definition: DefinitionJson, ids: Iterable<string>): Clipboard {
  const set = new Set(ids);
  return {
    activities: (definition.activities ?? []).filter((a) => set.has(a.id)),
    connections: (definition.connections ?? []).filter((c) => set.has(c.from) && set.has(c.to)),
  };
}

/** Pastes with fresh ids, offset so the copy is visible beside the original; connections inside the copy follow. */
export function paste(definition: DefinitionJson, clipboard: Clipboard, offset = { x: 40, y: 40 }): { definition: DefinitionJson; ids: string[] } {
  let next = definition;
  const renamed = new Map<string, string>();
  for (const a of clipboard.activities) {
    const id = newActivityId(next, a.type);
    renamed.set(a.id, id);
    const position = a.position ? { x: a.position.x + offset.x, y: a.position.y + offset.y } : { x: offset.x, y: offset.y };
    next = { ...next, activities: [...(next.activities ?? []), { ...structuredClone(a), id, position }] };
  }
  const connections = clipboard.connections.map((c) => ({ ...c, from: renamed.get(c.from)!, to: renamed.get(c.to)! }));
  next = { ...next, connections: [...(next.connections ?? []), ...connections] };
  return { definition: next, ids: [...renamed.values()] };
}
