// Boxes drawn on the page image: OpenSeadragon overlays placed by page-image pixels (the Content Search `xywh`, the
// transcription's line boxes), so they follow the image as it zooms and pans.
import type OpenSeadragon from 'openseadragon';

export interface Box { x: number; y: number; w: number; h: number }

/** "x,y,w,h" (or a target ending in "#xywh=x,y,w,h") as a box; null for anything else. */
export function parseBox(text: string | undefined | null): Box | null {
  const m = /(?:^|#xywh=)(\d+),(\d+),(\d+),(\d+)$/.exec(text ?? '');
  return m ? { x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) } : null;
}

/** Draws one box on the page now open; null when no page is open yet (the caller draws again on 'open'). */
export function drawBox(viewer: OpenSeadragon.Viewer, box: Box, className: string): HTMLElement | null {
  const image = viewer.world.getItemAt(0);
  if (!image) return null;
  const el = document.createElement('div');
  el.className = className;
  el.dataset.xywh = `${box.x},${box.y},${box.w},${box.h}`;
  viewer.addOverlay({ element: el, location: image.imageToViewportRectangle(box.x, box.y, box.w, box.h) });
  return el;
}

/** Removes the boxes of one kind (a class name) from the image. */
export function removeBoxes(viewer: OpenSeadragon.Viewer, className: string): void {
  viewer.element.querySelectorAll<HTMLElement>(`.${className}`).forEach((el) => viewer.removeOverlay(el));
}

/**
 * Brings a box into view when the reader has zoomed in elsewhere: pans to it, or zooms out just enough when it is
 * larger than the view. A page shown whole (the box already visible) is left as it is.
 */
export function bringIntoView(viewer: OpenSeadragon.Viewer, boxes: Box[]): void {
  const image = viewer.world.getItemAt(0);
  if (!image || boxes.length === 0) return;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const w = Math.max(...boxes.map((b) => b.x + b.w)) - x;
  const h = Math.max(...boxes.map((b) => b.y + b.h)) - y;
  const target = image.imageToViewportRectangle(x, y, w, h);
  const view = viewer.viewport.getBounds(true);
  const inside = target.x >= view.x && target.y >= view.y
    && target.x + target.width <= view.x + view.width && target.y + target.height <= view.y + view.height;
  if (inside) return;
  // A margin of a fifth of the view around the hit, so it is not pressed against the edge.
  if (target.width <= view.width * 0.6 && target.height <= view.height * 0.6) viewer.viewport.panTo(target.getCenter());
  else {
    const padded = target.clone();
    padded.x -= target.width / 4;
    padded.y -= target.height / 4;
    padded.width *= 1.5;
    padded.height *= 1.5;
    viewer.viewport.fitBounds(padded);
  }
}
