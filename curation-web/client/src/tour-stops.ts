// Shows one stop of the plain view: every stop is in the page (rendered by the server), hidden but one.

export class TourStops {
  readonly count: number;
  shown = 1;

  constructor(private readonly root: HTMLElement, private readonly onShow: (n: number) => void = () => {}) {
    this.count = Number(root.dataset.stops ?? '1');
  }

  section(n: number): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`section.tour-stop[data-stop="${n}"]`);
  }

  show(n: number): void {
    const stop = Math.min(Math.max(1, n), this.count);
    for (const s of this.root.querySelectorAll<HTMLElement>('section.tour-stop')) s.hidden = s.dataset.stop !== String(stop);
    this.shown = stop;
    this.root.dataset.shown = String(stop);
    this.onShow(stop);
  }
}
