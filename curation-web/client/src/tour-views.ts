// The pupil's views of a stop. The plain view (the exhibit's image and text) is always there; the hall view
// (/halls/{exhibition}.glb, from the hall compiler) and the 360° panorama (/halls/{exhibition}/stops/{n}.jpg, from the
// headless renderer) are slots: their links appear once those files are served, and follow the stop.

export function startViews(root: HTMLElement): (stop: number) => void {
  const links = [...root.querySelectorAll<HTMLAnchorElement>('.tour-views a[data-src]')];
  const available = new Map<HTMLAnchorElement, boolean>();
  for (const a of links) {
    const probe = a.dataset.src!.replace('{n}', '1');
    fetch(probe, { method: 'HEAD' }).then((r) => {
      available.set(a, r.ok);
      a.hidden = !r.ok;
    }).catch(() => available.set(a, false));
  }
  return (stop) => {
    for (const a of links) {
      if (available.get(a)) a.href = a.dataset.src!.replace('{n}', String(stop)) + (a.dataset.view === 'hall' ? `#stop=${stop}` : '');
    }
  };
}
