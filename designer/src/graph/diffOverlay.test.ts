import { describe, expect, it } from 'vitest';
import type { DefinitionDiff, DefinitionJson } from '../api/definitions';
import { connectionKey, diffOverlay, instanceOverlay } from './diffOverlay';

const v1: DefinitionJson = {
  key: 'k',
  name: 'n',
  activities: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 } },
    { id: 'task', type: 'UserTask', properties: { title: 'a' } },
    { id: 'old', type: 'Notify' },
    { id: 'end', type: 'End' },
  ],
  connections: [{ from: 'start', to: 'task' }, { from: 'task', to: 'old' }, { from: 'old', to: 'end' }],
};
const v2: DefinitionJson = {
  key: 'k',
  name: 'n',
  activities: [
    { id: 'start', type: 'Start', position: { x: 50, y: 0 } },
    { id: 'task', type: 'UserTask', properties: { title: 'b' } },
    { id: 'new', type: 'Delay' },
    { id: 'end', type: 'End' },
  ],
  connections: [{ from: 'start', to: 'task' }, { from: 'task', to: 'new' }, { from: 'new', to: 'end' }],
};

describe('diff overlay', () => {
  it('compares by itself when the server sends only the old change list; a move is not a change', () => {
    const { definition, highlight } = diffOverlay(v1, v2, null);
    expect(highlight.activities).toEqual({ task: 'changed', new: 'added', old: 'removed' });
    expect(highlight.connections[connectionKey('task', 'done', 'old')]).toBe('removed');
    expect(highlight.connections[connectionKey('new', null, 'end')]).toBe('added');
    expect(definition.activities!.map((a) => a.id)).toEqual(['start', 'task', 'new', 'end', 'old']);
    expect(definition.connections).toHaveLength(5);
  });

  it('uses the structured diff (contract 7) when present', () => {
    const diff: DefinitionDiff = {
      key: 'k',
      from: 1,
      to: 2,
      identical: false,
      changes: [],
      activities: [{ id: 'task', type: 'UserTask', change: 'changed', properties: [{ name: 'title', from: 'a', to: 'b' }] }],
      connections: [{ source: 'task', sourcePort: 'done', target: 'old', change: 'removed' }],
    };
    const { highlight, definition } = diffOverlay(v1, v2, diff);
    expect(highlight.activities).toEqual({ task: 'changed' });
    expect(highlight.connections).toEqual({ [connectionKey('task', 'done', 'old')]: 'removed' });
    expect(definition.connections).toHaveLength(4);
  });
});

describe('instance overlay', () => {
  it('marks the path taken, the open task and faults', () => {
    const journal = [
      { kind: 'instanceStarted' },
      { kind: 'activityExecuted', activityId: 'start', port: 'done' },
      { kind: 'activityWaiting', activityId: 'task' },
    ];
    const h = instanceOverlay(v1, journal, ['task']);
    expect(h.activities).toEqual({ start: 'visited', task: 'active' });
    expect(h.connections).toEqual({ [connectionKey('start', 'done', 'task')]: 'visited' });
    expect(instanceOverlay(v1, [{ kind: 'ActivityFaulted', activityId: 'old' }]).activities.old).toBe('faulted');
  });
});
