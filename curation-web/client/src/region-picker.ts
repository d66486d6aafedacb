// Choosing an exhibit's region: the page in OpenSeadragon, a rectangle dragged on it (in "draw" mode the mouse draws
// instead of panning), and the four numeric fields x, y, w, h in pixels of the full image, kept in step both ways.
import OpenSeadragon from 'openseadragon';
import type { Exhibit, Region } from './workshop-api';
import { announce, bi } from './workshop-text';

const pageName = (page: number) => `p${String(page).padStart(3, '0')}`;

/** Starts the picker in a cloned exhibit form; returns what stops it (the viewer is destroyed). */
export function startRegionPicker(form: HTMLElement, exhibit: Exhibit, changed: () => void): () => void {
  const host = form.querySelector<HTMLElement>('.region-viewer');
  const drawButton = form.querySelector<HTMLButtonElement>('[data-act=draw-region]');
  const wholeButton = form.querySelector<HTMLButtonElement>('[data-act=whole-page]');
  const inputs = new Map<keyof Region, HTMLInputElement>();
  form.querySelectorAll<HTMLInputElement>('input[data-region]').forEach((i) => inputs.set(i.dataset.region as keyof Region, i));
  if (!host) return () => {};

  const viewer = OpenSeadragon({
    element: host,
    tileSources: `/iiif/3/${exhibit.item}~${pageName(exhibit.page)}/info.json`,
    showNavigationControl: false,
    visibilityRatio: 1,
    animationTime: 0.3,
    gestureSettingsMouse: { clickToZoom: false },
  });
  const box = document.createElement('div');
  box.className = 'region-box';
  let shown = false;

  const image = () => viewer.world.getItemAt(0) as OpenSeadragon.TiledImage | undefined;
  const size = () => image()?.getContentSize();

  function fill(r: Region | null | undefined): void {
    for (const [k, input] of inputs) input.value = r ? String(r[k]) : '';
  }

  function draw(r: Region | null | undefined): void {
    const img = image();
    if (!img) return;
    if (!r) {
      if (shown) { viewer.removeOverlay(box); shown = false; }
      return;
    }
    const rect = img.imageToViewportRectangle(r.x, r.y, r.w, r.h);
    if (shown) viewer.updateOverlay(box, rect);
    else { viewer.addOverlay({ element: box, location: rect }); shown = true; }
  }

  function set(r: Region | null): void {
    exhibit.region = r;
    draw(r);
    changed();
  }

  fill(exhibit.region);
  viewer.addHandler('open', () => draw(exhibit.region));

  for (const input of inputs.values()) {
    input.addEventListener('input', () => {
      const v = [...inputs.values()].map((i) => i.value.trim());
      if (v.every((s) => s === '')) { set(null); return; }
      const [x, y, w, h] = v.map((s) => Number(s));
      if ([x, y, w, h].every((n) => Number.isInteger(n)) && x >= 0 && y >= 0 && w > 0 && h > 0) set({ x, y, w, h });
    });
  }

  wholeButton?.addEventListener('click', () => {
    fill(null);
    set(null);
    announce(bi('已改为整页', 'Now the whole page'));
  });

  // Draw mode: the viewer stops panning, and a press-drag-release on the image makes the region.
  let drawing = false;
  let start: OpenSeadragon.Point | null = null;
  const setMode = (on: boolean) => {
    drawing = on;
    viewer.setMouseNavEnabled(!on);
    drawButton?.setAttribute('aria-pressed', String(on));
    host.classList.toggle('drawing', on);
  };
  drawButton?.addEventListener('click', () => setMode(!drawing));

  const toImage = (ev: PointerEvent): OpenSeadragon.Point | null => {
    const img = image(), full = size();
    if (!img || !full) return null;
    const rect = viewer.element.getBoundingClientRect();
    const p = img.viewerElementToImageCoordinates(new OpenSeadragon.Point(ev.clientX - rect.left, ev.clientY - rect.top));
    return new OpenSeadragon.Point(Math.min(Math.max(0, p.x), full.x), Math.min(Math.max(0, p.y), full.y));
  };
  const between = (a: OpenSeadragon.Point, b: OpenSeadragon.Point): Region => {
    const x = Math.round(Math.min(a.x, b.x)), y = Math.round(Math.min(a.y, b.y));
    return { x, y, w: Math.max(1, Math.round(Math.max(a.x, b.x)) - x), h: Math.max(1, Math.round(Math.max(a.y, b.y)) - y) };
  };
  const canvas = viewer.canvas;
  canvas.addEventListener('pointerdown', (ev) => {
    if (!drawing) return;
    start = toImage(ev);
    if (start) { canvas.setPointerCapture(ev.pointerId); ev.preventDefault(); }
  });
  canvas.addEventListener('pointermove', (ev) => {
    if (!drawing || !start) return;
    const p = toImage(ev);
    if (p) draw(between(start, p));
  });
  canvas.addEventListener('pointerup', (ev) => {
    if (!drawing || !start) return;
    const p = toImage(ev);
    const from = start;
    start = null;
    if (!p) return;
    const r = between(from, p);
    if (r.w < 4 || r.h < 4) { draw(exhibit.region); return; } // a click, not a drag
    fill(r);
    set(r);
    setMode(false);
    announce(bi(`区域已设为 ${r.x},${r.y},${r.w},${r.h}`, `Region set to ${r.x},${r.y},${r.w},${r.h}`));
  });

  return () => viewer.destroy();
}
