// The hall page's 360° panoramas (Features/Halls/HallPanoramas.razor): each tour stop's link opens its panorama in
// the viewer (panorama-viewer.ts) above the list; previous/next, cardboard (side by side), motion (gyroscope) and full
// screen. Without WebGL2 or script the links open the JPEG itself.
import { createPanoramaViewer, panoramaSupported, type PanoramaViewer } from './panorama-viewer';

function start(section: HTMLElement) {
  const box = section.querySelector<HTMLElement>('[data-panorama-viewer]');
  const canvas = box?.querySelector<HTMLCanvasElement>('canvas');
  const links = [...section.querySelectorAll<HTMLAnchorElement>('a[data-stop]')];
  if (!box || !canvas || links.length === 0 || !panoramaSupported()) return;
  const title = box.querySelector<HTMLElement>('[data-panorama-title]');
  const status = box.querySelector<HTMLElement>('[data-panorama-status]');
  const button = (act: string) => box.querySelector<HTMLButtonElement>(`button[data-act="${act}"]`);
  let viewer: PanoramaViewer | null = null;
  let current = -1;

  const open = async (index: number) => {
    const link = links[index];
    if (!link) return;
    current = index;
    box.hidden = false;
    viewer ??= createPanoramaViewer(canvas);
    links.forEach((l, i) => (i === index ? l.setAttribute('aria-current', 'true') : l.removeAttribute('aria-current')));
    if (title) title.textContent = link.dataset.title ?? link.textContent?.trim() ?? '';
    canvas.setAttribute('aria-label', link.dataset.label ?? link.textContent?.trim() ?? '');
    const previous = button('panorama-previous');
    const next = button('panorama-next');
    if (previous) previous.disabled = index === 0;
    if (next) next.disabled = index === links.length - 1;
    if (status) status.textContent = status.dataset.loading ?? '';
    try {
      await viewer.show(link.href);
      viewer.look(0, 0);
      if (status) status.textContent = '';
    } catch {
      if (status) status.textContent = status.dataset.failed ?? '';
    }
  };

  links.forEach((link, i) =>
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab still gets the JPEG
      e.preventDefault();
      void open(i).then(() => canvas.focus());
      box.scrollIntoView({ block: 'nearest' });
    }),
  );
  button('panorama-previous')?.addEventListener('click', () => void open(current - 1));
  button('panorama-next')?.addEventListener('click', () => void open(current + 1));
  button('panorama-close')?.addEventListener('click', () => {
    viewer?.disableMotion();
    box.hidden = true;
    links[current]?.focus();
  });
  const cardboard = button('panorama-cardboard');
  cardboard?.addEventListener('click', async () => {
    const on = cardboard.getAttribute('aria-pressed') !== 'true';
    cardboard.setAttribute('aria-pressed', String(on));
    viewer?.setCardboard(on);
    if (on) {
      // A cardboard viewer wants the whole screen, sideways, and the phone's turns.
      await box.requestFullscreen?.().catch(() => undefined);
      await (screen.orientation as ScreenOrientation & { lock?: (o: string) => Promise<void> }).lock?.('landscape').catch(() => undefined);
      await viewer?.enableMotion();
    }
  });
  const motion = button('panorama-motion');
  if (motion && typeof DeviceOrientationEvent === 'undefined') motion.hidden = true;
  motion?.addEventListener('click', async () => {
    const on = motion.getAttribute('aria-pressed') !== 'true';
    const ok = on ? await viewer?.enableMotion() : (viewer?.disableMotion(), false);
    motion.setAttribute('aria-pressed', String(on && !!ok));
  });
  button('panorama-fullscreen')?.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void box.requestFullscreen?.().catch(() => undefined);
  });
  section.dataset.enhanced = 'true';
}

document.querySelectorAll<HTMLElement>('[data-panoramas]').forEach(start);
