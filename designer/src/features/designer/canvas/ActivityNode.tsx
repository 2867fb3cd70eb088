import { Handle, Position, useUpdateNodeInternals, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityNodeData } from '../../../graph/definitionGraph';

export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

const deadlinePorts = new Set(['warning', 'overdue']);

/** One activity: category stripe, type, name and id; an inbound handle on the left and one handle per outbound port on the right. */
export const ActivityNode = memo(function ActivityNode({ id, data, selected }: NodeProps<ActivityFlowNode>) {
  const { t, i18n } = useTranslation('designer');
  const en = i18n.language === 'en';
  const { activity, descriptor, ports, status, problems } = data;
  const typeLabel = descriptor ? (en ? descriptor.displayNameEn : descriptor.displayName) : activity.type;
  const isStart = descriptor?.isStart ?? activity.type === 'Start';
  // React Flow measures handle bounds when a node is first measured or resized. Ports arrive later (with the
  // descriptors, or when outcomes/cases change) without resizing the node, so without this re-measure the new
  // handles have no bounds and a drag onto or from them connects nothing (ADR 0030).
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = `${isStart ? '' : 'in|'}${ports.map((p) => p.name).join('|')}`;
  useEffect(() => updateNodeInternals(id), [id, portKey, updateNodeInternals]);
  const labelledPorts = ports.length > 1 || ports.some((p) => p.name !== 'done');
  return (
    <div
      className={`fg-node fg-cat-${descriptor?.category ?? 'unknown'}${selected ? ' selected' : ''}${labelledPorts ? ' fg-node-labelled-ports' : ''}`}
      data-testid={`node-${id}`}
      data-status={status ?? ''}
      style={{ minHeight: Math.max(64, ports.length * 15 + 10) }}
    >
      {!isStart && <Handle type="target" position={Position.Left} id="in" data-testid={`handle-${id}-in`} />}
      {status && (
        <span className="fg-node-badge" data-testid={`node-badge-${id}`}>
          {t(`status.${status}`)}
        </span>
      )}
      {!!problems && <span className="fg-node-problems">{problems}</span>}
      <div className="fg-node-type">
        <span>{typeLabel}</span>
      </div>
      <div className="fg-node-name" title={activity.name ?? activity.id}>
        {activity.name || activity.id}
      </div>
      <div className="fg-node-id">{activity.id}</div>
      <div className="fg-node-ports">
        {ports.map((port) => (
          <div
            key={port.name}
            className={`fg-port${port.unknown ? ' unknown' : ''}${deadlinePorts.has(port.name) ? ' fg-port-deadline' : ''}`}
            data-testid={`port-${id}-${port.name}`}
            title={port.name}
          >
            <Handle type="source" position={Position.Right} id={port.name} data-testid={`handle-${id}-${port.name}`} />
            {labelledPorts ? (en ? port.labelEn : port.label) : ''}
          </div>
        ))}
      </div>
    </div>
  );
});
