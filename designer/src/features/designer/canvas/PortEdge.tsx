import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ConnectionEdgeData } from '../../../graph/definitionGraph';

/** The port's label and how far to move it off the path's middle (set where several labelled edges join the same two activities). */
export type PortEdgeData = ConnectionEdgeData & { labelShift?: number };

export type PortFlowEdge = Edge<PortEdgeData, 'port'>;

/**
 * A connection drawn as React Flow's smooth-step path, its port's label on the path's middle. Two branches of one
 * activity that go to the same activity share most of their path, so their labels would sit on top of each other
 * (是 over 否): each is moved along by its `labelShift`.
 */
export const PortEdge = memo(function PortEdge(props: EdgeProps<PortFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, data, markerEnd, style, interactionWidth } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const shift = data?.labelShift ?? 0;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {label != null && label !== '' && (
        <EdgeLabelRenderer>
          <div className="fg-edge-label" data-testid="edge-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + shift}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** Label shifts for edges that carry a label: those between the same two activities spread 18 px apart around the middle. */
export function labelShifts(edges: { id: string; source: string; target: string; labelled: boolean }[]): Map<string, number> {
  const groups = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.labelled) continue;
    const key = `${e.source}\u0000${e.target}`;
    groups.set(key, [...(groups.get(key) ?? []), e.id]);
  }
  const shifts = new Map<string, number>();
  for (const ids of groups.values()) ids.forEach((id, i) => shifts.set(id, (i - (ids.length - 1) / 2) * 18));
  return shifts;
}
