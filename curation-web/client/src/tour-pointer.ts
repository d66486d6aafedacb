// The guide's pointer: a ring over a stop's image at (x, y), fractions of its width and height. The guide's console
// reports clicks on the image; every page draws the ring where the guide points.

export interface Pointer { stop: number; x: number; y: number }

export function drawPointer(root: HTMLElement, p: Pointer | null): void {
  for (const ring of root.querySelectorAll<HTMLElement>('.tour-pointer')) ring.hidden = true;
  if (!p) return;
  const ring = root.querySelector<HTMLElement>(`.tour-image[data-stop="${p.stop}"] .tour-pointer`);
  if (!ring) return;
  ring.style.left = `${(p.x * 100).toFixed(2)}%`;
  ring.style.top = `${(p.y * 100).toFixed(2)}%`;
  ring.hidden = false;
}

export function onPointAt(root: HTMLElement, point: (p: Pointer) => void): void {
  root.addEventListener('click', (e) => {
    const img = (e.target as Element).closest?.('.tour-image img');
    const box = img?.closest<HTMLElement>('.tour-image');
    if (!(img instanceof HTMLImageElement) || !box) return;
    e.preventDefault();
    const r = img.getBoundingClientRect();
    point({ stop: Number(box.dataset.stop), x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height });
  });
}
