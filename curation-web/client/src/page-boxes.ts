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
