import { encodePng } from './png';

const ACCENT: [number, number, number] = [0x2b, 0x57, 0x9a];
const WHITE: [number, number, number] = [255, 255, 255];

/**
 * A chat bubble (a rounded box with a tail at the lower left) on a size x size canvas, in
 * relative coordinates: inside() says whether a point is in the bubble, edge() whether it is on
 * its outline of the given thickness.
 */
function bubble(size: number) {
  const box = { left: 0.2 * size, right: 0.8 * size, top: 0.22 * size, bottom: 0.66 * size, radius: 0.1 * size };
  const inBox = (x: number, y: number, inset: number) => {
    const l = box.left + inset,
      r = box.right - inset,
      t = box.top + inset,
      b = box.bottom - inset;
    const rad = Math.max(0, box.radius - inset);
    if (x < l || x > r || y < t || y > b) return false;
    const cx = Math.min(Math.max(x, l + rad), r - rad);
    const cy = Math.min(Math.max(y, t + rad), b - rad);
    return (x - cx) ** 2 + (y - cy) ** 2 <= rad ** 2;
  };
  // The tail: a triangle below the box, from 30% to 45% of the width, down to 80% of the height.
  const inTail = (x: number, y: number) => {
    const top = box.bottom - 1,
      tip = 0.8 * size,
      left = 0.3 * size,
      right = 0.45 * size;
    if (y < top || y > tip) return false;
    const t = (y - top) / (tip - top);
    return x >= left && x <= right - t * (right - left);
  };
  return {
    inside: (x: number, y: number) => inBox(x, y, 0) || inTail(x, y),
    edge: (x: number, y: number, thickness: number) =>
      (inBox(x, y, 0) && !inBox(x, y, thickness)) || (inTail(x, y) && !inBox(x, y, 0) && y > box.bottom),
  };
}

/** The 192x192 colour icon: a white chat bubble on the accent colour. */
export function colorIcon(): Buffer {
  const size = 192;
  const shape = bubble(size);
  return encodePng(size, size, (x, y) => (shape.inside(x + 0.5, y + 0.5) ? [...WHITE, 255] : [...ACCENT, 255]));
}

/** The 32x32 outline icon: the bubble's white outline on transparency, as Teams requires. */
export function outlineIcon(): Buffer {
  const size = 32;
  const shape = bubble(size);
  return encodePng(size, size, (x, y) => (shape.edge(x + 0.5, y + 0.5, 2) ? [...WHITE, 255] : [0, 0, 0, 0]));
}
