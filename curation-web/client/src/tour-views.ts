// The pupil's views of a stop. The plain view (the exhibit's image and text) is always there; the hall view
// (/halls/{exhibition}?tour={id}: the WebXR client following the guide's stop, in this tab) and the 360° panorama
// (/halls/{exhibition}/stops/{n}.jpg in the small viewer above the stop's text, or the JPEG itself without WebGL 2)
// appear once their files are served, and follow the stop. The pupil picks a view (remembered for the tour in this
// tab); until then a headset goes to the hall by itself, other devices start on the plain view.
import { createPanoramaViewer, panoramaSupported, type PanoramaViewer } from './panorama-viewer';

export function startViews(root: HTMLElement): (stop: number) => void {
  const links = [...root.querySelectorAll<HTMLAnchorElement>('.tour-views a[data-src]')];
  const available = new Map<HTMLAnchorElement, boolean>();
  const chosenKey = `qy-tour-view:${root.dataset.tour ?? ''}`;
  let current = Number(root.dataset.guideStop ?? '1') || 1;
  const point = (a: HTMLAnchorElement) => {
    a.href = a.dataset.view === 'hall' ? a.dataset.src! : a.dataset.src!.replace('{n}', String(current));
  };
  const box = root.querySelector<HTMLElement>('#tour-panorama');
  const canvas = box?.querySelector('canvas') ?? null;
  const status = box?.querySelector<HTMLElement>('[data-panorama-status]') ?? null;
  const plainButton = root.querySelector<HTMLButtonElement>('.tour-views button[data-view="plain"]');
  let viewer: PanoramaViewer | null = null;
  let panorama: HTMLAnchorElement | null = null;
  const showPanorama = async () => {
    if (!panorama || !box || !canvas) return;
    box.hidden = false;
    viewer ??= createPanoramaViewer(canvas);
    const url = panorama.dataset.src!.replace('{n}', String(current));
    box.dataset.stop = String(current);
    try {
      await viewer.show(url);
      viewer.look(0, 0);
      if (status) status.textContent = '';
    } catch {
      if (status) status.textContent = '全景图无法载入。 The panorama could not be loaded.';
    }
  };
  const pick = (view: string) => {
    sessionStorage.setItem(chosenKey, view);
    plainButton?.setAttribute('aria-pressed', String(view === 'plain'));
    panorama?.setAttribute('aria-pressed', String(view === 'panorama'));
    if (view === 'panorama') void showPanorama();
    else if (box) box.hidden = true;
  };
  plainButton?.addEventListener('click', () => pick('plain'));
  for (const a of links) {
    if (a.dataset.view === 'panorama' && panoramaSupported() && box) {
      panorama = a;
      a.setAttribute('role', 'button');
      a.setAttribute('aria-pressed', 'false');
      a.addEventListener('click', (e) => { e.preventDefault(); pick('panorama'); });
    } else {
      a.addEventListener('click', () => sessionStorage.setItem(chosenKey, a.dataset.view ?? 'plain'));
    }
    const probe = (a.dataset.probe ?? a.dataset.src!).replace('{n}', '1');
    // The hall's pictures may still be rendering (503 with Retry-After): ask again until they are served.
    const ask = (): void => {
      fetch(probe, { method: 'HEAD' }).then(async (r) => {
        available.set(a, r.ok);
        a.hidden = !r.ok;
        if (r.status === 503) setTimeout(ask, Math.min(30, Number(r.headers.get('Retry-After')) || 10) * 1000);
        if (!r.ok) return;
        point(a);
        const chosen = sessionStorage.getItem(chosenKey);
        if (a === panorama && chosen === 'panorama') pick('panorama');
        if (a.dataset.view === 'hall' && !chosen && await headset()) {
          sessionStorage.setItem(chosenKey, 'hall');
          location.assign(a.dataset.src!);
        }
      }).catch(() => available.set(a, false));
    };
    ask();
  }
  return (stop) => {
    current = stop;
    for (const a of links) if (available.get(a)) point(a);
    if (box && !box.hidden && Number(box.dataset.stop) !== stop) void showPanorama();
  };
}

/** Whether this device can enter an immersive VR session (a headset's browser). */
async function headset(): Promise<boolean> {
  const xr = (navigator as Navigator & { xr?: { isSessionSupported(mode: string): Promise<boolean> } }).xr;
  try {
    return xr ? await xr.isSessionSupported('immersive-vr') : false;
  } catch {
    return false;
  }
}
