// A pupil of a live tour in the hall. Opened from the pupil's page in the same tab as /halls/{exhibition}?tour={id}
// (the rejoin token is in that tab's sessionStorage), the hall follows the guide: every move, and every gather, brings
// the visitor to the stop, standing where the hall compiler put it and looking the way it faces. Between moves the
// pupil may walk about. The tour's questions and the pointer stay on the pupil's page (the link back).
import { connectTour } from '../../../curation-web/client/src/tour-hub';

interface Rejoined { stop: number; }

/** Follows the tour named in the address, if this tab joined it; `go(n)` brings the visitor to stop n. */
export function followTour(go: (n: number) => Promise<void>, panel: HTMLElement, host: HTMLElement): void {
  const tourId = new URLSearchParams(location.search).get('tour');
  if (!tourId || !/^[0-9a-f]{1,32}$/.test(tourId)) return;
  const token = sessionStorage.getItem(`qy-tour:${tourId}`);
  if (!token) return;

  const status = document.createElement('p');
  status.className = 'hall-tour-live';
  status.setAttribute('role', 'status');
  const back = document.createElement('a');
  back.href = `/tours/${tourId}/pupil`;
  back.append('返回导览页（问题与平面视图） ');
  const en = document.createElement('span');
  en.lang = 'en';
  en.textContent = 'Back to the tour page (questions, plain view)';
  back.append(en);
  back.addEventListener('click', () => sessionStorage.setItem(`qy-tour-view:${tourId}`, 'plain'));
  panel.prepend(status, back);
  const say = (zh: string, enText: string) => {
    status.replaceChildren(zh + ' ');
    const s = document.createElement('span');
    s.lang = 'en';
    s.textContent = enText;
    status.append(s);
  };

  const arrive = async (n: number) => {
    host.dataset.tourStop = String(n);
    await go(n);
    say(`与向导一起在第 ${n} 站。`, `With the guide at stop ${n}.`);
  };
  const conn = connectTour(() => say('连接中断，正在重新连接…', 'Connection lost: reconnecting…'));
  conn.hub.on('moved', (stop: number) => void arrive(stop));
  conn.hub.on('gathered', (stop: number, gathered: boolean) => { if (gathered) void arrive(stop); });
  const over = () => { location.href = back.href; };
  conn.hub.on('ended', over);
  conn.hub.on('removed', over);
  void conn.start(async () => {
    try {
      const v = await conn.hub.invoke<Rejoined>('Rejoin', token);
      await arrive(v.stop);
    } catch {
      over();
    }
  });
}
