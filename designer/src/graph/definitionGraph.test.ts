import { describe, expect, it } from 'vitest';
import type { ActivityDescriptor, DefinitionJson } from '../api/definitions';
import {
  addActivity,
  connect,
  copySelection,
  definitionToGraph,
  graphToDefinition,
  moveActivities,
  paste,
  removeElements,
  renameActivity,
  setProperty,
} from './definitionGraph';
import { portsOf } from './ports';

// The seeded processes, read through Vite so the test needs no Node typings.
const files = import.meta.glob<DefinitionJson>('../../../workflows/*.json', { eager: true, import: 'default' });
const workflows = Object.entries(files).map(([path, definition]) => ({ file: path.split('/').pop()!, definition }));

const userTask: ActivityDescriptor = {
  type: 'UserTask',
  category: 'human',
  displayName: '人工任务',
  displayNameEn: 'User task',
  description: '',
  properties: [{ name: 'formKey', kind: 'formKey', label: '表单', labelEn: 'Form' }],
  ports: [
    { name: 'done', label: '完成', labelEn: 'Done' },
    { name: 'warning', label: '预警', labelEn: 'Warning' },
    { name: 'overdue', label: '超时', labelEn: 'Overdue' },
  ],
  dynamicPorts: true,
};
const decision: ActivityDescriptor = {
  type: 'Decision',
  category: 'flow',
  displayName: '条件判断',
  displayNameEn: 'Decision',
  description: '',
  properties: [{ name: 'condition', kind: 'expression', label: '条件', labelEn: 'Condition', required: true, default: 'true' }],
  ports: [
    { name: 'true', label: '是', labelEn: 'Yes' },
    { name: 'false', label: '否', labelEn: 'No' },
  ],
};

describe('definition ⇄ graph', () => {
  it('reads the real workflows', () => expect(workflows.length).toBeGreaterThanOrEqual(8));

  for (const { file, definition } of workflows) {
    it(`${file}: round trip loses nothing`, () => {
      const graph = definitionToGraph(definition, [userTask, decision]);
      expect(graph.nodes).toHaveLength(definition.activities!.length);
      expect(graph.edges).toHaveLength(definition.connections!.length);
      expect(graphToDefinition(definition, graph)).toEqual(definition);
    });

    it(`${file}: every connection ends on a port its node shows`, () => {
      const graph = definitionToGraph(definition, [userTask, decision]);
      for (const edge of graph.edges) {
        const node = graph.nodes.find((n) => n.id === edge.source)!;
        expect(node.data.ports.map((p) => p.name)).toContain(edge.sourceHandle);
      }
    });
  }

  it('keeps unknown members of activities, connections and the definition', () => {
    const definition: DefinitionJson = {
      key: 'k',
      name: 'n',
      'x-designer': { zoom: 2 },
      activities: [
        { id: 'a', type: 'Start', custom: [1, 2], position: { x: 1.5, y: 2 } },
        { id: 'b', type: 'End' },
      ],
      connections: [{ from: 'a', to: 'b', note: 'kept' }],
    };
    expect(graphToDefinition(definition, definitionToGraph(definition))).toEqual(definition);
  });

  it('writes a moved position, and a moved auto-placed node gets one', () => {
    const definition: DefinitionJson = { key: 'k', name: 'n', activities: [{ id: 'a', type: 'Start' }, { id: 'b', type: 'End', position: { x: 0, y: 0 } }] };
    const graph = definitionToGraph(definition);
    graph.nodes[0].position = { x: 500.4, y: 20 };
    graph.nodes[1].position = { x: 10, y: 10 };
    const back = graphToDefinition(definition, graph);
    expect(back.activities![0].position).toEqual({ x: 500, y: 20 });
    expect(back.activities![1].position).toEqual({ x: 10, y: 10 });
  });

  it('an explicit done port and an omitted one both survive', () => {
    const definition: DefinitionJson = {
      key: 'k',
      name: 'n',
      activities: [{ id: 'a', type: 'Start' }, { id: 'b', type: 'End' }],
      connections: [{ from: 'a', to: 'b' }, { from: 'a', port: 'done', to: 'b' }],
    };
    expect(graphToDefinition(definition, definitionToGraph(definition))).toEqual(definition);
  });
});

describe('ports', () => {
  const definition: DefinitionJson = {
    key: 'k',
    name: 'n',
    forms: { f: { actions: [{ key: 'approve', label: '同意' }, { key: 'reject', label: '退回' }] } },
  };
  it('a user task offers its form actions plus the deadline ports', () => {
    const ports = portsOf({ id: 't', type: 'UserTask', properties: { formKey: 'f' } }, userTask, definition).map((p) => p.name);
    expect(ports).toEqual(['approve', 'reject', 'warning', 'overdue']);
  });
  it('outcomes win over the form; without either the task has done', () => {
    expect(portsOf({ id: 't', type: 'UserTask', properties: { formKey: 'f', outcomes: ['ok'] } }, userTask, definition).map((p) => p.name)).toEqual(['ok', 'warning', 'overdue']);
    expect(portsOf({ id: 't', type: 'UserTask' }, userTask, definition).map((p) => p.name)).toEqual(['done', 'warning', 'overdue']);
  });
  it('a switch offers one port per case and default', () => {
    const sw: ActivityDescriptor = { ...decision, type: 'Switch', dynamicPorts: true, ports: [{ name: 'default', label: '其他', labelEn: 'Other' }] };
    const ports = portsOf({ id: 's', type: 'Switch', properties: { cases: [{ port: 'a', condition: 'x' }, { port: 'b', condition: 'y' }] } }, sw, definition);
    expect(ports.map((p) => p.name)).toEqual(['a', 'b', 'default']);
  });
  it('a connection on a port the node lost still shows, marked unknown', () => {
    const def: DefinitionJson = { key: 'k', name: 'n', activities: [{ id: 'd', type: 'Decision' }, { id: 'e', type: 'End' }], connections: [{ from: 'd', port: 'maybe', to: 'e' }] };
    const node = definitionToGraph(def, [decision]).nodes[0];
    expect(node.data.ports.find((p) => p.name === 'maybe')?.unknown).toBe(true);
  });
});

describe('edits', () => {
  const base: DefinitionJson = { key: 'k', name: 'n', activities: [{ id: 'start', type: 'Start' }], connections: [] };

  it('adds with a unique id and required defaults, connects, removes with its connections', () => {
    let { definition, id } = addActivity(base, decision, { x: 10.2, y: 20 });
    expect(id).toBe('decision1');
    expect(definition.activities![1]).toEqual({ id: 'decision1', type: 'Decision', name: '条件判断', position: { x: 10, y: 20 }, properties: { condition: 'true' } });
    definition = addActivity(definition, decision, { x: 0, y: 0 }).definition;
    expect(definition.activities![2].id).toBe('decision2');
    definition = connect(definition, 'start', 'done', 'decision1');
    definition = connect(definition, 'decision1', 'true', 'decision2');
    expect(definition.connections).toEqual([{ from: 'start', to: 'decision1' }, { from: 'decision1', port: 'true', to: 'decision2' }]);
    expect(connect(definition, 'start', null, 'decision1')).toBe(definition);
    const removed = removeElements(definition, ['decision1']);
    expect(removed.activities!.map((a) => a.id)).toEqual(['start', 'decision2']);
    expect(removed.connections).toEqual([]);
  });

  it('removes a single connection by edge id', () => {
    const d = connect(connect(addActivity(base, decision, { x: 0, y: 0 }).definition, 'start', 'done', 'decision1'), 'decision1', 'true', 'start');
    const edges = definitionToGraph(d).edges;
    expect(removeElements(d, [], [edges[0].id]).connections).toEqual([{ from: 'decision1', port: 'true', to: 'start' }]);
  });

  it('sets and clears properties, moves, renames', () => {
    let d = setProperty(base, 'start', 'x', 1);
    expect(d.activities![0].properties).toEqual({ x: 1 });
    d = setProperty(d, 'start', 'x', undefined);
    expect(d.activities![0].properties).toEqual({});
    d = moveActivities(d, { start: { x: 3.7, y: 4 } });
    expect(d.activities![0].position).toEqual({ x: 4, y: 4 });
    d = connect(addActivity(d, decision, { x: 0, y: 0 }).definition, 'start', 'done', 'decision1');
    d = renameActivity(d, 'decision1', 'check');
    expect(d.connections).toEqual([{ from: 'start', to: 'check' }]);
  });

  it('copy/paste gives fresh ids and keeps inner connections only', () => {
    let d = addActivity(base, decision, { x: 100, y: 100 }).definition;
    d = connect(d, 'start', 'done', 'decision1');
    const clip = copySelection(d, ['decision1']);
    const pasted = paste(d, clip);
    expect(pasted.ids).toEqual(['decision2']);
    expect(pasted.definition.activities![2].position).toEqual({ x: 140, y: 140 });
    expect(pasted.definition.connections).toHaveLength(1);
    const both = paste(d, copySelection(d, ['start', 'decision1']));
    expect(both.definition.connections!.at(-1)).toEqual({ from: 'start1', to: 'decision2' });
  });
});
