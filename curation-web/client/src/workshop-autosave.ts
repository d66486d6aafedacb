// Autosave: every change marks the exhibition unsaved; a moment after the typing stops the draft is PUT with the
// revision it was based on. The state is shown (已保存 Saved, 未保存 Unsaved, 保存中 Saving); a 409 stops saving and
// hands the other curator's change to the conflict panel.
import { call, exhibitionUrl, type Conflict, type Exhibition, type Problem, type Saved } from './workshop-api';
import { bi } from './workshop-text';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

export interface AutosaveHost {
  exhibition(): Exhibition;
  conflict(c: Conflict): void;
  saved(s: Saved): void;
  problems(p: Problem[]): void;
}

const labels: Record<SaveState, [string, string]> = {
  saved: ['已保存', 'Saved'],
  unsaved: ['未保存', 'Unsaved'],
  saving: ['保存中', 'Saving'],
  conflict: ['未保存：有冲突', 'Not saved: conflict'],
  failed: ['保存失败，稍后重试', 'Not saved; will retry'],
};

export class Autosave {
  revision = '';
  private state: SaveState = 'saved';
  private timer = 0;
  private running: Promise<boolean> | null = null;
  private dirty = false;

  constructor(private readonly id: string, private readonly status: HTMLElement, private readonly host: AutosaveHost, private readonly delay = 800) {
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && this.dirty) void this.flush(true); });
  }

  get current(): SaveState { return this.state; }

  show(state: SaveState): void {
    this.state = state;
    this.status.dataset.state = state;
    this.status.textContent = bi(...labels[state]);
  }

  changed(): void {
    if (this.state === 'conflict') return;
    this.dirty = true;
    this.show('unsaved');
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.flush(), this.delay);
  }

  /** Saves now if anything is unsaved; true when everything is saved. */
  async flush(leaving = false): Promise<boolean> {
    window.clearTimeout(this.timer);
    while (this.running) await this.running;
    if (!this.dirty) return this.state === 'saved';
    if (this.state === 'conflict') return false;
    this.running = this.put(leaving);
    try { return await this.running; } finally { this.running = null; }
  }

  private async put(leaving: boolean): Promise<boolean> {
    this.dirty = false;
    this.show('saving');
    const r = await call<Saved | Conflict>('PUT', `${exhibitionUrl(this.id)}/draft`, { base: this.revision, exhibition: this.host.exhibition() }, leaving);
    if (r.status === 409) {
      this.dirty = true;
      this.show('conflict');
      this.host.conflict(r.body as Conflict);
      return false;
    }
    if (!r.ok) {
      this.dirty = true;
      this.show('failed');
      if (r.status === 400 || r.status === 413) this.host.problems((r.body as unknown as { problems?: Problem[] })?.problems ?? []);
      else this.timer = window.setTimeout(() => void this.flush(), 5000);
      return false;
    }
    const saved = r.body as Saved;
    this.revision = saved.revision;
    this.host.saved(saved);
    if (this.dirty) { this.show('unsaved'); this.timer = window.setTimeout(() => void this.flush(), this.delay); return false; }
    this.show('saved');
    return true;
  }

  /** After a conflict is settled: base the next save on this revision. */
  resume(revision: string, dirty: boolean): void {
    this.revision = revision;
    this.dirty = false;
    this.show('saved');
    if (dirty) this.changed();
  }
}
