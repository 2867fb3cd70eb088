// The canvas: editable in the editor, read-only with a highlight for version views, diffs and instance paths.
// Reusable elsewhere (test-run panel, frontline timeline): <ProcessCanvas definition highlight={…} readOnly />.
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useActivityDescriptors, type ActivityDescriptor, type DefinitionJson } from '../../../api/definitions';
import {
  addActivity,
  connect,
  definitionToGraph,
  moveActivities,
  removeElements,
} from '../../../graph/definitionGraph';
import { connectionKeyOfEdge, emptyHighlight, type Highlight } from '../../../graph/diffOverlay';
import { ActivityNode, type ActivityFlowNode } from './ActivityNode';
import { labelShifts, PortEdge, type PortEdgeData } from './PortEdge';
import { clearOfOverlays, type ScreenRect } from './dropPlacement';

export const paletteMime = 'application/x-flowgov-activity';
/** A node's size on screen at zoom 1 (canvas.css: 180 wide, 64 high) plus room for the port labels on its right. */
const nodeFootprint = { width: 180 + 48, height: 64 };

function rectOf(element: Element | null | undefined): ScreenRect | null {
  if (!element) return null;
  const r = element.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}
const nodeTypes = { activity: ActivityNode };
const edgeTypes = { port: PortEdge };
/**
 * Fitting leaves room at the edges: more than React Flow's 40 px auto-pan band (a connection dragged to a handle
 * there pans the canvas under the pointer), and on the right for the port labels, which stick out of the nodes.
 */
const fitViewOptions = { padding: { top: '56px', bottom: '64px', left: '64px', right: '120px' }, maxZoom: 1.2 } as const;

type FlowEdge = Edge<PortEdgeData>;

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
  /** Bumped to fit the whole process into view (after an auto-layout moved everything). */
  fitToken?: number;
  height?: number | string;
}

export function ProcessCanvas(props: ProcessCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function CanvasInner({ definition, highlight = emptyHighlight, readOnly, onChange, selectedIds, onSelectionChange, problems, focusToken, fitToken, height = '100%' }: ProcessCanvasProps) {
  const { t, i18n } = useTranslation('designer');
  const descriptorsQuery = useActivityDescriptors();
  const descriptors = useMemo(() => descriptorsQuery.data ?? [], [descriptorsQuery.data]);
  const flow = useReactFlow();
  const en = i18n.language === 'en';

  const graph = useMemo(() => definitionToGraph(definition, descriptors), [definition, descriptors]);
  const [nodes, setNodes] = useState<ActivityFlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  const selected = useMemo(() => new Set(selectedIds ?? []), [selectedIds]);
  const canvasRef = useRef<HTMLDivElement>(null);
  // Click-to-connect: the source handle picked by a click, until a target is clicked (or Esc / a click elsewhere).
  const [clickSource, setClickSource] = useState<{ nodeId: string; port: string | null } | null>(null);
  const flowStore = useStoreApi<ActivityFlowNode, FlowEdge>();
  useEffect(() => {
    if (!clickSource) return;
    const cancelOnEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      flowStore.setState({ connectionClickStartHandle: null });
      setClickSource(null);
    };
    window.addEventListener('keydown', cancelOnEscape);
    return () => window.removeEventListener('keydown', cancelOnEscape);
  }, [clickSource, flowStore]);

  // The definition is the truth; local node state only carries what React Flow measures and the live drag.
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return graph.nodes.map((n) => {
        const status = highlight.activities[n.id];
        return {
          ...n,
          measured: before.get(n.id)?.measured,
          // Selection belongs to React Flow; only an explicit focus request (below) sets it from outside.
          selected: before.get(n.id)?.selected ?? false,
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
      const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
      const labelled = graph.edges.map((e) => {
        const source = nodesById.get(e.source);
        const port = source?.data.ports.find((p) => p.name === e.sourceHandle);
        return { edge: e, label: (source?.data.ports.length ?? 0) > 1 && port ? (en ? port.labelEn : port.label) : undefined };
      });
      const shifts = labelShifts(labelled.map(({ edge, label }) => ({ id: edge.id, source: edge.source, target: edge.target, labelled: label !== undefined })));
      return labelled.map(({ edge: e, label }) => {
        const status = highlight.connections[connectionKeyOfEdge(e.id)];
        return {
          ...e,
          type: 'port',
          selected: before.get(e.id)?.selected ?? false,
          className: status ? `fg-status-${status}` : undefined,
          label,
          deletable: !readOnly,
          data: { ...e.data, status, labelShift: shifts.get(e.id) },
        } satisfies FlowEdge;
      });
    });
  }, [graph, highlight, readOnly, problems, en]);

  // Fit once every node has been measured. The `fitView` prop fits the first measured batch, which can be a part of
  // the process (nodes arrive with the descriptors): the rest then sat off-screen or under the minimap (ADR 0030).
  const nodesInitialized = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || !nodesInitialized || nodes.length === 0 || nodes.length !== graph.nodes.length) return;
    fitted.current = true;
    void flow.fitView(fitViewOptions);
  }, [nodesInitialized, nodes.length, graph.nodes.length, flow]);

  useEffect(() => {
    // React Flow queues the fit until the moved nodes are in its store.
    if (fitToken) void flow.fitView(fitViewOptions);
  }, [fitToken, flow]);

  useEffect(() => {
    if (!focusToken || !selectedIds?.length) return;
    setNodes((current) => current.map((n) => ({ ...n, selected: selected.has(n.id) })));
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
      // The drop point is the node's centre; keep the node clear of the minimap and the controls (ADR 0030).
      const zoom = flow.getZoom();
      const size = { width: nodeFootprint.width * zoom, height: nodeFootprint.height * zoom };
      const wanted = { x: event.clientX - (90 * zoom), y: event.clientY - (32 * zoom), ...size };
      const root = canvasRef.current;
      const bounds = rectOf(root) ?? wanted;
      const overlays = [rectOf(root?.querySelector('.react-flow__minimap')), rectOf(root?.querySelector('.react-flow__controls'))].filter((r): r is ScreenRect => r !== null);
      const placed = clearOfOverlays(wanted, overlays, bounds);
      const position = flow.screenToFlowPosition({ x: placed.x, y: placed.y });
      const added = addActivity(definition, descriptor, position, en ? descriptor.displayNameEn : descriptor.displayName);
      onChange(added.definition);
    },
    [definition, descriptors, en, flow, onChange, onSelectionChange, readOnly],
  );

  return (
    <div ref={canvasRef} className={`fg-canvas${clickSource ? ' fg-click-connecting' : ''}`} style={{ height }} data-testid="process-canvas" onDragOver={(e) => (e.preventDefault(), (e.dataTransfer.dropEffect = 'move'))} onDrop={onDrop}>
      <ReactFlow<ActivityFlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onClickConnectStart={(_, { nodeId, handleId }) => setClickSource(nodeId ? { nodeId, port: handleId } : null)}
        onClickConnectEnd={() => setClickSource(null)}
        onPaneClick={() => setClickSource(null)}
        onSelectionChange={({ nodes: picked }) => {
          // React Flow reports selection on every sync; pass on real changes only, or controlled selection loops.
          const ids = picked.map((n) => n.id);
          if (ids.length !== (selectedIds ?? []).length || ids.some((id, i) => id !== selectedIds![i])) onSelectionChange?.(ids);
        }}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} aria-label={t('canvas.controls')} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 140, height: 90 }} />
        {clickSource && !readOnly && (
          <Panel position="top-center" className="fg-connect-hint" data-testid="connect-hint">
            {t('canvas.clickConnectHint', { from: clickSource.port && clickSource.port !== 'done' ? `${clickSource.nodeId} · ${clickSource.port}` : clickSource.nodeId })}
          </Panel>
        )}
      </ReactFlow>
    </div>
  );
}
