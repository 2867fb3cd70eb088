// The canvas: editable in the editor, read-only with a highlight for version views, diffs and instance paths.
// Reusable elsewhere (test-run panel, frontline timeline): <ProcessCanvas definition highlight={…} readOnly />.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useActivityDescriptors, type ActivityDescriptor, type DefinitionJson } from '../../../api/definitions';
import {
  addActivity,
  connect,
  definitionToGraph,
  moveActivities,
  removeElements,
  type ConnectionEdgeData,
} from '../../../graph/definitionGraph';
import { connectionKeyOfEdge, emptyHighlight, type Highlight } from '../../../graph/diffOverlay';
import { ActivityNode, type ActivityFlowNode } from './ActivityNode';

export const paletteMime = 'application/x-flowgov-activity';
const nodeTypes = { activity: ActivityNode };

type FlowEdge = Edge<ConnectionEdgeData>;

export interface ProcessCanvasProps {
  definition: DefinitionJson;
  highlight?: Highlight;
  readOnly?: boolean;
  /** Edits (only when not read-only); `coalesce` tags moves so a drag is one undo step. */
  onChange?: (definition: DefinitionJson, coalesce?: string) => void;
  selectedIds?: string[];
  onSelectionChange?: (activityIds: string[]) => void;
  /** Validation problem counts per activity, shown as a red badge. */
  problems?: Record<string, number>;
  /** Bumped to centre the view on the first selected activity (validation click-through). */
  focusToken?: number;
  height?: number | string;
}

export function ProcessCanvas(props: ProcessCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function CanvasInner({ definition, highlight = emptyHighlight, readOnly, onChange, selectedIds, onSelectionChange, problems, focusToken, height = '100%' }: ProcessCanvasProps) {
  const { t, i18n } = useTranslation('designer');
  const descriptorsQuery = useActivityDescriptors();
  const descriptors = useMemo(() => descriptorsQuery.data ?? [], [descriptorsQuery.data]);
  const flow = useReactFlow();
  const en = i18n.language === 'en';

  const graph = useMemo(() => definitionToGraph(definition, descriptors), [definition, descriptors]);
  const [nodes, setNodes] = useState<ActivityFlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  const selected = useMemo(() => new Set(selectedIds ?? []), [selectedIds]);

  // The definition is the truth; local node state only carries what React Flow measures and the live drag.
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return graph.nodes.map((n) => {
        const status = highlight.activities[n.id];
        return {
          ...n,
          measured: before.get(n.id)?.measured,
          selected: selectedIds ? selected.has(n.id) : (before.get(n.id)?.selected ?? false),
          className: status ? `fg-status-${status}` : undefined,
          draggable: !readOnly,
          connectable: !readOnly,
          deletable: !readOnly,
          data: { ...n.data, status, problems: problems?.[n.id] },
        };
      });
    });
    setEdges((previous) => {
      const before = new Map(previous.map((e) => [e.id, e]));
      return graph.edges.map((e) => {
        const status = highlight.connections[connectionKeyOfEdge(e.id)];
        const source = graph.nodes.find((n) => n.id === e.source);
        const port = source?.data.ports.find((p) => p.name === e.sourceHandle);
        const showLabel = (source?.data.ports.length ?? 0) > 1 && port;
        return {
          ...e,
          type: 'smoothstep',
          selected: before.get(e.id)?.selected ?? false,
          className: status ? `fg-status-${status}` : undefined,
          label: showLabel ? (en ? port.labelEn : port.label) : undefined,
          deletable: !readOnly,
          data: { ...e.data, status },
        } satisfies FlowEdge;
      });
    });
  }, [graph, highlight, readOnly, problems, selected, selectedIds, en]);

  useEffect(() => {
    if (!focusToken || !selectedIds?.length) return;
    const node = graph.nodes.find((n) => n.id === selectedIds[0]);
    if (node) void flow.setCenter(node.position.x + 90, node.position.y + 32, { zoom: 1.1, duration: 300 });
  }, [focusToken]); // eslint-disable-line react-hooks/exhaustive-deps -- only an explicit focus request recentres

  const onNodesChange = useCallback(
    (changes: NodeChange<ActivityFlowNode>[]) => setNodes((current) => applyNodeChanges(changes, current)),
    [],
  );

  // A move is committed when the drag ends, so undo sees one step per drag.
  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, dragged: ActivityFlowNode[]) => {
      if (readOnly || !onChange) return;
      onChange(moveActivities(definition, Object.fromEntries(dragged.map((n) => [n.id, n.position]))));
    },
    [definition, onChange, readOnly],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => setEdges((current) => applyEdgeChanges(changes, current)), []);

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !onChange || !c.source || !c.target || c.source === c.target) return;
      onChange(connect(definition, c.source, c.sourceHandle, c.target));
    },
    [definition, onChange, readOnly],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: goneEdges }: { nodes: ActivityFlowNode[]; edges: FlowEdge[] }) => {
      if (readOnly || !onChange) return;
      onChange(removeElements(definition, gone.map((n) => n.id), goneEdges.map((e) => e.id)));
      onSelectionChange?.([]);
    },
    [definition, onChange, onSelectionChange, readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      if (readOnly || !onChange) return;
      const type = event.dataTransfer.getData(paletteMime);
      const descriptor = descriptors.find((d: ActivityDescriptor) => d.type === type);
      if (!descriptor) return;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const added = addActivity(definition, descriptor, { x: position.x - 90, y: position.y - 32 }, en ? descriptor.displayNameEn : descriptor.displayName);
      onChange(added.definition);
      onSelectionChange?.([added.id]);
    },
    [definition, descriptors, en, flow, onChange, onSelectionChange, readOnly],
  );

  return (
    <div className="fg-canvas" style={{ height }} data-testid="process-canvas" onDragOver={(e) => (e.preventDefault(), (e.dataTransfer.dropEffect = 'move'))} onDrop={onDrop}>
      <ReactFlow<ActivityFlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onSelectionChange={({ nodes: picked }) => onSelectionChange?.(picked.map((n) => n.id))}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} aria-label={t('canvas.controls')} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 140, height: 90 }} />
      </ReactFlow>
    </div>
  );
}
