import type { Fade } from './fade';
import type { TourStop } from './hall-model';
import type { Visitor } from './visitor';

/**
 * Tour mode: the hall's stops in order; next/previous moves the visitor to the stop through a fade (no camera flight,
 * in a headset or on a screen) and shows the stop's text on the page (and, in a headset, on a panel before the eyes).
 */
export class Tour {
  index = -1;

  constructor(
    private readonly stops: TourStop[],
    private readonly visitor: Visitor,
    private readonly fade: Fade,
    private readonly panel: HTMLElement,
    private readonly inHeadset: () => boolean,
    private readonly onStop: (stop: TourStop) => void,
  ) {
    panel.querySelector('[data-act="tour-next"]')?.addEventListener('click', () => void this.next());
    panel.querySelector('[data-act="tour-previous"]')?.addEventListener('click', () => void this.previous());
    this.render();
  }

  get current(): TourStop | null {
    return this.stops[this.index] ?? null;
  }

  next(): Promise<void> {
    return this.go(Math.min(this.stops.length - 1, this.index + 1));
  }

  previous(): Promise<void> {
    return this.go(Math.max(0, this.index - 1));
  }

  async go(index: number): Promise<void> {
    const stop = this.stops[index];
    if (!stop) return;
    this.index = index;
    await this.fade.through(() => {
      this.visitor.standAt(stop.position, stop.direction, this.inHeadset());
      this.render();
      this.onStop(stop);
    });
  }

  private render(): void {
    const stop = this.current;
    const count = this.panel.querySelector<HTMLElement>('[data-tour-count]');
    if (count) count.textContent = stop ? `${stop.n} / ${this.stops.length}` : `0 / ${this.stops.length}`;
    const title = this.panel.querySelector<HTMLElement>('[data-tour-title]');
    const text = this.panel.querySelector<HTMLElement>('[data-tour-text]');
    if (title) {
      title.replaceChildren();
      if (stop) {
        const zh = document.createElement('span');
        zh.lang = 'zh';
        zh.textContent = stop.title.zh;
        title.append(zh);
        if (stop.title.en) {
          const en = document.createElement('span');
          en.lang = 'en';
          en.className = 'en';
          en.textContent = stop.title.en;
          title.append(' ', en);
        }
      }
    }
    if (text) {
      text.replaceChildren();
      for (const [t, lang] of [[stop?.text?.zh, 'zh'], [stop?.text?.en, 'en']] as const) {
        if (!t) continue;
        const p = document.createElement('p');
        p.lang = lang;
        p.textContent = t;
        text.append(p);
      }
    }
    const prev = this.panel.querySelector<HTMLButtonElement>('[data-act="tour-previous"]');
    const next = this.panel.querySelector<HTMLButtonElement>('[data-act="tour-next"]');
    if (prev) prev.disabled = this.index <= 0;
    if (next) next.disabled = this.index >= this.stops.length - 1;
  }
}
