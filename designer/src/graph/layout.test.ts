import { describe, expect, it } from 'vitest';
import type { DefinitionJson } from '../api/definitions';
import { nodeWidth } from './definitionGraph';
import { autoLayout, layerGap } from './layout';
import gridEvent from '../../../workflows/grid-event.json';

describe('auto layout', () => {
  it('places every activity of a real workflow left to right without overlaps', async () => {
    const definition = structuredClone(gridEvent) as DefinitionJson;
    const laid = await autoLayout(definition);
    const boxes = laid.activities!.map((a) => a.position!);
    expect(boxes.every((p) => Number.isInteger(p.x) && Number.isInteger(p.y))).toBe(true);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const apart = Math.abs(boxes[i].x - boxes[j].x) >= nodeWidth || Math.abs(boxes[i].y - boxes[j].y) >= 64;
        expect(apart, `${laid.activities![i].id} / ${laid.activities![j].id}`).toBe(true);
      }
    const byId = Object.fromEntries(laid.activities!.map((a) => [a.id, a.position!]));
    const start = laid.activities!.find((a) => a.type === 'Start')!;
    const end = laid.activities!.find((a) => a.type === 'End')!;
    expect(byId[start.id].x).toBeLessThan(byId[end.id].x);
    // nothing but positions changed
    expect({ ...laid, activities: laid.activities!.map((a) => ({ ...a, position: undefined })) }).toEqual({
      ...definition,
      activities: definition.activities!.map((a) => ({ ...a, position: undefined })),
    });
  });

  it('leaves a layer gap wide enough for port and edge labels between connected activities', async () => {
    const definition = structuredClone(gridEvent) as DefinitionJson;
    const laid = await autoLayout(definition);
    const byId = Object.fromEntries(laid.activities!.map((a) => [a.id, a.position!]));
    for (const c of laid.connections ?? []) {
      const gap = byId[c.to].x - byId[c.from].x - nodeWidth;
      if (gap > 0) expect(gap, `${c.from} → ${c.to}`).toBeGreaterThanOrEqual(layerGap);
    }
  });
});
