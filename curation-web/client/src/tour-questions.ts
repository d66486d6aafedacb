// Questions at a stop: the open one's form for pupils (send an answer), the counts when the guide shows them, and for
// the guide the answers as they come (counts per choice, who answered what).

export interface QuestionRef { stop: number; index: number }
export interface NamedAnswer { name: string; choices: number[]; text: string | null }
export interface AnswerSummary {
  stop: number; question: number; answered: number; present: number; counts: number[];
  answers: NamedAnswer[] | null; texts: string[] | null;
}

export function questionForm(root: HTMLElement, q: QuestionRef): HTMLFormElement | null {
  return root.querySelector<HTMLFormElement>(`form.tour-question[data-stop="${q.stop}"][data-q="${q.index}"]`);
}

/** Pupils: only the open question's form is shown and can be sent. */
export function openForPupil(root: HTMLElement, q: QuestionRef | null): void {
  for (const f of root.querySelectorAll<HTMLFormElement>('form.tour-question')) {
    const open = !!q && f.dataset.stop === String(q.stop) && f.dataset.q === String(q.index);
    f.hidden = !open;
    for (const c of f.querySelectorAll<HTMLElement>('.tour-count')) c.hidden = true;
  }
}

/** The answer in a pupil's form: choice indexes, or the text typed. */
export function readAnswer(form: HTMLFormElement): { choices: number[]; text: string | null } {
  const choices = [...form.querySelectorAll<HTMLInputElement>('input[name=choice]:checked')].map((i) => Number(i.value));
  const text = form.querySelector<HTMLInputElement>('input[name=text]')?.value ?? null;
  return { choices, text };
}

/** Counts per choice beside the choices, "n of m answered", and short answers without names (pupils) or with them (guide). */
export function showSummary(root: HTMLElement, s: AnswerSummary | null, guide: boolean): void {
  if (!s) return;
  const form = questionForm(root, { stop: s.stop, index: s.question });
  if (!form) return;
  for (const c of form.querySelectorAll<HTMLElement>('.tour-count')) {
    c.textContent = String(s.counts[Number(c.dataset.choice)] ?? 0);
    c.hidden = false;
  }
  const answered = form.querySelector('.tour-answered');
  if (answered) {
    answered.replaceChildren(`${s.answered} / ${s.present} 人已作答 `);
    const en = document.createElement('span');
    en.lang = 'en';
    en.className = 'en';
    en.textContent = `${s.answered} of ${s.present} answered`;
    answered.append(en);
    answered.setAttribute('data-answered', String(s.answered));
  }
  const list = form.querySelector<HTMLUListElement>(guide ? '.tour-answer-list' : '.tour-texts');
  if (!list) return;
  const labels = [...form.querySelectorAll<HTMLInputElement>('input[name=choice]')].map((i) => i.closest('label')?.querySelector('[lang=zh]')?.textContent ?? i.value);
  list.replaceChildren(...(guide
    ? (s.answers ?? []).map((a) => li(`${a.name}: ${a.text ?? a.choices.map((c) => labels[c] ?? String(c)).join('、')}`))
    : (s.texts ?? []).map((t) => li(t))));
  list.hidden = list.childElementCount === 0;
}

function li(text: string): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = text;
  return item;
}
