// The first-start import on the home page: ask /health every two seconds and show its progress; when the import
// is over, reload once so that the new items appear.

/** The part of GET /health (QyHeritage.Web.Hosting.HealthResponse) this reads. */
interface HealthResponse { status: string; items: number; sampleIngest: string }
export function followIngest(status: HTMLElement, healthUrl: string): void {
  const progress = status.querySelector<HTMLElement>('.ingest-progress');
  const tick = async () => {
    try {
      const r = await fetch(healthUrl, { cache: 'no-store' });
      if (r.ok) {
        const health = (await r.json()) as Partial<HealthResponse>;
        const state = health.sampleIngest ?? '';
        if (progress) progress.textContent = state;
        if (state !== 'pending' && !state.startsWith('running')) { window.location.reload(); return; }
      }
    } catch {
      // The server may be restarting; try again at the next tick.
    }
    window.setTimeout(tick, 2000);
  };
  window.setTimeout(tick, 2000);
}
