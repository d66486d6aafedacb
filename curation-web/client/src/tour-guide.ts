// The guide's console: moves the tour, gathers, opens questions and sees the answers live, shows results to all,
// points at the image, removes a name, ends the tour. Every action is a hub method the server checks for the guide.
import { connectTour } from './tour-hub';
import { drawPointer, onPointAt, type Pointer } from './tour-pointer';
import { showSummary, type AnswerSummary, type QuestionRef } from './tour-questions';
import { TourStops } from './tour-stops';
import { say } from './tour-text';

interface PresentPupil { id: string; name: string; online: boolean }
interface GuideView {
  tour: string; stop: number; stops: number; gathered: boolean; question: QuestionRef | null;
  resultsShown: boolean; answers: AnswerSummary | null; pupils: PresentPupil[];
}

const root = document.getElementById('tour');
if (root?.dataset.tour && root.dataset.live === 'true') start(root, root.dataset.tour);

function start(root: HTMLElement, tourId: string): void {
  const status = document.getElementById('tour-status');
  const list = document.getElementById('tour-pupils') as HTMLUListElement;
  const count = document.getElementById('tour-count');
  const stops = new TourStops(root, (n) => {
    for (const b of root.querySelectorAll<HTMLElement>('button[data-act=goto]')) {
      if (b.dataset.stop === String(n)) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    }
  });
  let gathered = false;

  const conn = connectTour((reconnecting) => say(status, reconnecting ? '连接中断，正在重新连接…' : '已断开。', reconnecting ? 'Connection lost: reconnecting…' : 'Disconnected.'));
  const hub = conn.hub;

  const where = (): void => {
    say(status, `第 ${stops.shown} / ${stops.count} 站${gathered ? ' · 集合中' : ''}`, `Stop ${stops.shown} of ${stops.count}${gathered ? ' · gathered' : ''}`);
    status?.setAttribute('data-stop', String(stops.shown));
  };

  const pupils = (present: PresentPupil[]): void => {
    if (count) count.textContent = String(present.length);
    list.replaceChildren(...present.map((p) => {
      const li = document.createElement('li');
      li.dataset.pupil = p.id;
      li.className = p.online ? 'online' : 'offline';
      const name = document.createElement('span');
      name.className = 'tour-pupil-name';
      name.textContent = p.name;
      const state = document.createElement('span');
      state.className = 'meta';
      state.textContent = p.online ? ' 在线 online ' : ' 离线 offline ';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.dataset.act = 'remove';
      remove.textContent = '移出 Remove';
      remove.setAttribute('aria-label', `移出 Remove ${p.name}`);
      li.append(name, state, remove);
      return li;
    }));
  };

  const question = (q: QuestionRef | null, shown = false): void => {
    for (const f of root.querySelectorAll<HTMLFormElement>('form.tour-question')) {
      const open = !!q && f.dataset.stop === String(q.stop) && f.dataset.q === String(q.index);
      f.classList.toggle('open', open);
      f.querySelector<HTMLElement>('[data-act=open-question]')!.hidden = open;
      f.querySelector<HTMLElement>('[data-act=show-results]')!.hidden = !open || shown;
      f.querySelector<HTMLElement>('[data-act=close-question]')!.hidden = !open;
    }
  };

  hub.on('moved', (stop: number, g: boolean) => { gathered = g; stops.show(stop); where(); });
  hub.on('gathered', (stop: number, g: boolean) => { gathered = g; stops.show(stop); where(); });
  hub.on('pupils', pupils);
  hub.on('question', (q: QuestionRef | null) => question(q));
  hub.on('answers', (s: AnswerSummary | null) => showSummary(root, s, true));
  hub.on('results', (s: AnswerSummary | null) => { if (s) question({ stop: s.stop, index: s.question }, true); });
  hub.on('pointer', (p: Pointer | null) => drawPointer(root, p));
  hub.on('ended', () => {
    say(status, '导览已结束。', 'The tour has ended.');
    root.dataset.live = 'false';
    for (const b of root.querySelectorAll<HTMLButtonElement>('button')) b.disabled = true;
    void hub.stop();
  });

  const act = async (name: string, ...args: unknown[]): Promise<void> => {
    try {
      await hub.invoke(name, tourId, ...args);
    } catch (err) {
      say(status, '操作未完成：', 'Not done: ');
      status?.append(String((err as Error).message ?? err).replace(/^.*HubException: /, ''));
    }
  };

  root.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('button[data-act]');
    if (!b) return;
    const form = b.closest<HTMLFormElement>('form.tour-question');
    switch (b.dataset.act) {
      case 'previous': void act('Previous'); break;
      case 'next': void act('Next'); break;
      case 'goto': void act('GoTo', Number(b.dataset.stop)); break;
      case 'gather': void act('Gather'); break;
      case 'release': void act('Release'); break;
      case 'open-question': if (form) void act('OpenQuestion', Number(form.dataset.stop), Number(form.dataset.q)); break;
      case 'show-results': void act('ShowResults'); break;
      case 'close-question': void act('CloseQuestion'); break;
      case 'remove': void act('RemovePupil', b.closest<HTMLElement>('li')?.dataset.pupil ?? ''); break;
      case 'end': {
        // Two steps, no browser dialog (a projector shows it to the class): the confirming button appears beside.
        const confirmEnd = root.querySelector<HTMLElement>('[data-act=end-confirm]');
        if (confirmEnd) { confirmEnd.hidden = false; confirmEnd.focus(); }
        break;
      }
      case 'end-confirm': void act('End'); break;
    }
  });
  onPointAt(root, (p) => void act('Point', p.stop, p.x, p.y));

  void conn.start(async () => {
    const v = await hub.invoke<GuideView>('Lead', tourId);
    gathered = v.gathered;
    stops.show(v.stop);
    where();
    pupils(v.pupils);
    question(v.question, v.resultsShown);
    showSummary(root, v.answers, true);
  });
}
