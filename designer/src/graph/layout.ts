// Auto-layout with ELK's layered algorithm, left to right, ports kept in order on the right side.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { DefinitionJson } from '../api/definitions';
import { moveActivities, nodeHeight, nodeWidth, portOf } from './definitionGraph';

const elk = new ELK();

/** Horizontal space between consecutive layers, in flow pixels. */
export const layerGap = 110;

export async function autoLayout(definition: DefinitionJson): Promise<DefinitionJson> {
  const activities = definition.activities ?? [];
  const ids = new Set(activities.map((a) => a.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // Room between layers for the port labels (they stick out of the node) and an edge label after them.
      'elk.layered.spacing.nodeNodeBetweenLayers': String(layerGap),
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: activities.map((a) => ({ id: a.id, width: nodeWidth, height: nodeHeight })),
    edges: (definition.connections ?? [])
      .filter((c) => ids.has(c.from) && ids.has(c.to))
      .map((c, i) => ({ id: `e${i}-${portOf(c)}`, sources: [c.from], targets: [c.to] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return moveActivities(definition, positions);
}
