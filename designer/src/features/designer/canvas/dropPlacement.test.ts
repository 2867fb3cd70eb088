import { describe, expect, it } from 'vitest';
import { clearOfOverlays, overlayGap } from './dropPlacement';

const canvas = { x: 0, y: 0, width: 800, height: 600 };
const minimap = { x: 645, y: 495, width: 140, height: 90 };
const controls = { x: 15, y: 480, width: 30, height: 105 };

describe('clearOfOverlays', () => {
  it('leaves a node that overlaps nothing where it was dropped', () => {
    const node = { x: 200, y: 200, width: 220, height: 64 };
    expect(clearOfOverlays(node, [minimap, controls], canvas)).toEqual(node);
  });

  it('moves a node dropped onto the minimap by the shorter way out (up here)', () => {
    const node = { x: 560, y: 480, width: 220, height: 64 };
    const placed = clearOfOverlays(node, [minimap], canvas);
    expect(placed).toEqual({ ...node, y: minimap.y - overlayGap - node.height });
  });

  it('moves left when that is shorter than up', () => {
    const node = { x: 430, y: 540, width: 220, height: 40 };
    const placed = clearOfOverlays(node, [minimap], canvas);
    expect(placed.x + placed.width).toBeLessThanOrEqual(minimap.x - overlayGap);
    expect(placed.y).toBe(node.y);
  });

  it('moves a node dropped onto the zoom controls to their right, staying inside the canvas', () => {
    const node = { x: 5, y: 500, width: 220, height: 64 };
    const placed = clearOfOverlays(node, [minimap, controls], canvas);
    expect(placed.x).toBeGreaterThanOrEqual(0);
    expect(placed.x >= controls.x + controls.width || placed.y + placed.height <= controls.y).toBe(true);
    expect(placed.x + placed.width <= minimap.x || placed.y + placed.height <= minimap.y).toBe(true);
  });

  it('keeps the drop point when no way out fits in the canvas', () => {
    const tiny = { x: 0, y: 0, width: 200, height: 100 };
    const node = { x: 0, y: 0, width: 200, height: 100 };
    expect(clearOfOverlays(node, [{ x: 0, y: 0, width: 200, height: 100 }], tiny)).toEqual(node);
  });
});
