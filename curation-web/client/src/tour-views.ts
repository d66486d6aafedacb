// The pupil's views of a stop. The plain view (the exhibit's image and text) is always there; the hall view
// (/halls/{exhibition}?tour={id}: the WebXR client following the guide's stop, in this tab) and the 360° panorama
// (/halls/{exhibition}/stops/{n}.jpg) appear once their files are served, and follow the stop. The pupil picks a view
// (remembered for the tour in this tab); until then a headset goes to the hall by itself, other devices stay here.

export function startViews(root: HTMLElement): (stop: number) => void {
  const links = [...root.querySelectorAll<HTMLAnchorElement>('.tour-views a[data-src]')];
  const available = new Map<HTMLAnchorElement, boolean>();
  const chosenKey = `qy-tour-view:${root.dataset.tour ?? ''}`;
  let current = Number(root.dataset.guideStop ?? '1') || 1;
  const point = (a: HTMLAnchorElement) => {
    a.href = a.dataset.view === 'hall' ? a.dataset.src! : a.dataset.src!.replace('{n}', String(current));
  };
  root.querySelector('.tour-views button[data-view="plain"]')?.addEventListener('click', () => sessionStorage.setItem(chosenKey, 'plain'));
  for (const a of links) {
    a.addEventListener('click', () => sessionStorage.setItem(chosenKey, a.dataset.view ?? 'plain'));
    const probe = (a.dataset.probe ?? a.dataset.src!).replace('{n}', '1');
    fetch(probe, { method: 'HEAD' }).then(async (r) => {
      available.set(a, r.ok);
      a.hidden = !r.ok;
      if (r.ok) point(a);
      if (r.ok && a.dataset.view === 'hall' && !sessionStorage.getItem(chosenKey) && await headset()) {
        sessionStorage.setItem(chosenKey, 'hall');
        location.assign(a.dataset.src!);
      }
    }).catch(() => available.set(a, false));
  }
  return (stop) => {
    current = stop;
    for (const a of links) if (available.get(a)) point(a);
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
