// Where a node dropped from the palette lands on screen. The minimap and the zoom controls float over the
// canvas and take pointer events: a node (or its ports) under them cannot be clicked or connected (ADR 0030).
// So the drop point moves just far enough that the node, ports included, stays clear of them.

export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between a dropped node and an overlay, in screen pixels. */
export const overlayGap = 8;

function overlaps(a: ScreenRect, b: ScreenRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Moves `node` (screen coordinates) out from under each overlay, inside `bounds` (the canvas): to the left of it
 * or above it, whichever is the shorter move that still fits; unchanged when nothing overlaps.
 */
export function clearOfOverlays(node: ScreenRect, overlays: ScreenRect[], bounds: ScreenRect): ScreenRect {
  let placed = { ...node };
  for (const overlay of overlays) {
    if (!overlaps(placed, overlay)) continue;
    const candidates: ScreenRect[] = [
      { ...placed, x: overlay.x - overlayGap - placed.width }, // left of it
      { ...placed, y: overlay.y - overlayGap - placed.height }, // above it
      { ...placed, x: overlay.x + overlay.width + overlayGap }, // right of it (controls sit at the left edge)
      { ...placed, y: overlay.y + overlay.height + overlayGap }, // below it
    ].filter((c) => c.x >= bounds.x && c.y >= bounds.y && c.x + c.width <= bounds.x + bounds.width && c.y + c.height <= bounds.y + bounds.height);
    const shortest = candidates.sort((a, b) => distance(a, placed) - distance(b, placed))[0];
    if (shortest) placed = shortest;
  }
  return placed;
}

function distance(a: ScreenRect, b: ScreenRect): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}
