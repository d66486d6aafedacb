// The pupil's page of a live tour: keeps the rejoin token (from the join form's redirect) in sessionStorage, follows
// the guide's moves, may look around between them unless gathered, answers the open question, shows the guide's
// pointer, and rejoins at the tour's current stop by itself after a lost connection.
import { connectTour } from './tour-hub';
import { drawPointer, type Pointer } from './tour-pointer';
import { openForPupil, readAnswer, showSummary, type AnswerSummary, type QuestionRef } from './tour-questions';
import { TourStops } from './tour-stops';
import { say } from './tour-text';
import { startViews } from './tour-views';

interface PupilView {
  tour: string; name: string; stop: number; stops: number; gathered: boolean;
  question: QuestionRef | null; results: AnswerSummary | null; pointer: Pointer | null;
}

const root = document.getElementById('tour');
if (root?.dataset.tour) start(root, root.dataset.tour);

function start(root: HTMLElement, tourId: string): void {
  const key = `qy-tour:${tourId}`;
  const fromJoin = /(?:^#|&)rejoin=([^&]+)/.exec(location.hash);
  if (fromJoin) {
    sessionStorage.setItem(key, decodeURIComponent(fromJoin[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(key);
  const status = document.getElementById('tour-status');
  const notice = document.getElementById('tour-notice');
  if (!token) {
    say(status, '请先用导览码加入。', 'Join with the tour code first.');
    const a = document.createElement('a');
    a.href = '/tours/join';
    a.textContent = '加入导览 Join a tour';
    status?.append(' ', a);
    return;
  }

  const prev = document.getElementById('look-prev') as HTMLButtonElement;
  const next = document.getElementById('look-next') as HTMLButtonElement;
  const back = document.getElementById('look-back') as HTMLButtonElement;
  const views = startViews(root);
  let guideStop = 1;
  let gathered = false;
  let name = '';
  let over = false;
  const stops = new TourStops(root, (n) => {
    views(n);
    prev.disabled = gathered || n <= 1;
    next.disabled = gathered || n >= stops.count;
    back.hidden = n === guideStop;
  });

  const atGuide = (): void => {
    root.dataset.guideStop = String(guideStop);
    stops.show(guideStop);
    say(status, `${name}，您在第 ${guideStop} 站，与向导一起${gathered ? '（集合中）' : ''}。`,
      `${name}, you are at stop ${guideStop} with the guide${gathered ? ' (gathered)' : ''}.`);
    status?.setAttribute('data-state', 'connected');
  };

  const conn = connectTour((reconnecting) => {
    if (over) return;
    say(status, reconnecting ? '连接中断，正在重新连接…' : '已断开。', reconnecting ? 'Connection lost: reconnecting…' : 'Disconnected.');
    status?.setAttribute('data-state', 'reconnecting');
  });
  const hub = conn.hub;

  hub.on('moved', (stop: number, g: boolean) => { guideStop = stop; gathered = g; atGuide(); });
  hub.on('gathered', (stop: number, g: boolean) => {
    guideStop = stop;
    gathered = g;
    atGuide();
    if (g) say(notice, '向导请大家集合。', 'The guide has gathered everyone.');
    else if (notice) notice.hidden = true;
  });
  hub.on('question', (q: QuestionRef | null) => {
    openForPupil(root, q);
    if (q) { guideStop = q.stop; atGuide(); }
  });
  hub.on('results', (s: AnswerSummary | null) => showSummary(root, s, false));
  hub.on('pointer', (p: Pointer | null) => drawPointer(root, p));
  hub.on('removed', () => finish('您已被向导移出本次导览。', 'The guide removed you from this tour.'));
  hub.on('ended', () => finish('导览已结束，谢谢参加！', 'The tour has ended. Thank you for coming!'));

  function finish(zh: string, en: string): void {
    over = true;
    sessionStorage.removeItem(key);
    say(status, zh, en);
    status?.setAttribute('data-state', 'ended');
    openForPupil(root, null);
    void hub.stop();
  }

  prev.addEventListener('click', () => stops.show(stops.shown - 1));
  next.addEventListener('click', () => stops.show(stops.shown + 1));
  back.addEventListener('click', () => stops.show(guideStop));

  root.addEventListener('submit', async (e) => {
    const form = (e.target as Element).closest('form.tour-question');
    if (!(form instanceof HTMLFormElement)) return;
    e.preventDefault();
    const { choices, text } = readAnswer(form);
    const answered = form.querySelector('.tour-answered');
    try {
      await hub.invoke('Answer', Number(form.dataset.stop), Number(form.dataset.q), choices, text);
      say(answered, '已提交。', 'Sent.');
      form.dataset.sent = 'true';
    } catch (err) {
      say(answered, '未能提交：', 'Not sent: ');
      answered?.append(String((err as Error).message ?? err).replace(/^.*HubException: /, ''));
    }
  });

  void conn.start(async () => {
    try {
      const v = await hub.invoke<PupilView>('Rejoin', token);
      name = v.name;
      guideStop = v.stop;
      gathered = v.gathered;
      atGuide();
      openForPupil(root, v.question);
      showSummary(root, v.results, false);
      drawPointer(root, v.pointer);
    } catch (err) {
      finish('无法重新加入：导览已结束，或您已被移出。', 'Cannot rejoin: the tour has ended, or you were removed.');
    }
  });
}
