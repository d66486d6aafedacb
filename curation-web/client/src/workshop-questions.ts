// An exhibit's tour questions in the editor: add (single choice, multiple choice, short answer), edit and remove them,
// and their choices with the right answers ticked. The forms are the page's templates (tpl-question, tpl-choice);
// every edit writes into the exhibit and calls changed() (autosave). The server's rules (ExhibitionRules) say what is
// wrong: showQuestionProblems puts each problem beside its question.
import type { Bi, Exhibit, Question, QuestionKind } from './workshop-api';
import { announce, bi } from './workshop-text';

const emptyBi = (): Bi => ({ zh: '', en: '' });

/** A new question of a kind: a choice question starts with two empty choices, the first marked right. */
export function newQuestion(kind: QuestionKind): Question {
  return kind === 'short'
    ? { kind, prompt: emptyBi() }
    : { kind, prompt: emptyBi(), choices: [emptyBi(), emptyBi()], answers: [0] };
}

/** Changes a question's kind, keeping what still fits: a single choice keeps only its first right answer. */
export function changeKind(q: Question, kind: QuestionKind): void {
  q.kind = kind;
  if (kind === 'short') {
    delete q.choices;
    delete q.answers;
    return;
  }
  delete q.modelAnswer;
  q.choices ??= [emptyBi(), emptyBi()];
  q.answers ??= [];
  if (kind === 'single') q.answers = q.answers.length > 0 ? [q.answers[0]] : [0];
}

/** Removes choice i and renumbers the right answers after it. */
export function removeChoice(q: Question, i: number): void {
  q.choices?.splice(i, 1);
  q.answers = (q.answers ?? []).filter((a) => a !== i).map((a) => (a > i ? a - 1 : a));
}

function setAnswer(q: Question, i: number, right: boolean): void {
  const answers = new Set(q.kind === 'single' ? [] : q.answers ?? []);
  if (right) answers.add(i); else answers.delete(i);
  q.answers = [...answers].sort((a, b) => a - b);
}

function clone(id: string): HTMLElement {
  const t = document.getElementById(id) as HTMLTemplateElement;
  return t.content.firstElementChild!.cloneNode(true) as HTMLElement;
}

let groups = 0;
// The question list on show and where its exhibit is now (the tree may move it while the form is open).
let shown: { list: HTMLElement; path: () => string } | null = null;

/** Binds the question part of an exhibit's form; path() is the exhibit's JSON path now (problems are matched by it). */
export function startQuestions(form: HTMLElement, exhibit: Exhibit, path: () => string, changed: () => void): void {
  const list = form.querySelector<HTMLElement>('[data-show=questions]');
  if (!list) return;
  shown = { list, path };
  const group = `q${++groups}`;

  function render(focus?: { question: number; selector: string }): void {
    const questions = exhibit.questions ?? [];
    list!.replaceChildren(...questions.map((q, qi) => question(q, qi)));
    if (focus) list!.children[focus.question]?.querySelector<HTMLElement>(focus.selector)?.focus();
  }

  function question(q: Question, qi: number): HTMLElement {
    const li = clone('tpl-question');
    li.querySelector('[data-show=number]')!.textContent = String(qi + 1);
    const kind = li.querySelector<HTMLSelectElement>('[data-q=kind]')!;
    kind.value = q.kind;
    kind.addEventListener('change', () => {
      changeKind(q, kind.value as QuestionKind);
      changed();
      render({ question: qi, selector: '[data-q=kind]' });
    });
    for (const field of li.querySelectorAll<HTMLInputElement>('input[data-q]')) {
      const [head, lang] = field.dataset.q!.split('.') as ['prompt' | 'modelAnswer', keyof Bi];
      field.value = q[head]?.[lang] ?? '';
      field.addEventListener('input', () => {
        const text = q[head] ?? emptyBi();
        text[lang] = field.value;
        // A model answer left empty in both languages is none.
        if (head === 'modelAnswer' && text.zh === '' && text.en === '') delete q.modelAnswer; else q[head] = text;
        changed();
      });
    }
    const isChoice = q.kind !== 'short';
    li.querySelector<HTMLElement>('[data-when=choice]')!.hidden = !isChoice;
    li.querySelector<HTMLElement>('[data-when=short]')!.hidden = isChoice;
    if (isChoice) {
      const choices = li.querySelector<HTMLElement>('.choice-list')!;
      (q.choices ?? []).forEach((c, ci) => choices.append(choice(q, qi, c, ci)));
      li.querySelector('[data-act=add-choice]')!.addEventListener('click', () => {
        (q.choices ??= []).push(emptyBi());
        changed();
        render({ question: qi, selector: '.choice:last-child input[data-c=zh]' });
        announce(bi(`已添加第 ${q.choices.length} 个选项`, `Choice ${q.choices.length} added`));
      });
    }
    li.querySelector('[data-act=remove-question]')!.addEventListener('click', () => {
      exhibit.questions?.splice(qi, 1);
      if (exhibit.questions?.length === 0) exhibit.questions = null;
      changed();
      render();
      announce(bi(`已删除第 ${qi + 1} 题`, `Question ${qi + 1} removed`));
      form.querySelector<HTMLElement>('[data-add-question=single]')?.focus();
    });
    return li;
  }

  function choice(q: Question, qi: number, c: Bi, ci: number): HTMLElement {
    const li = clone('tpl-choice');
    for (const field of li.querySelectorAll<HTMLInputElement>('input[data-c=zh], input[data-c=en]')) {
      const lang = field.dataset.c as keyof Bi;
      field.value = c[lang];
      field.addEventListener('input', () => { c[lang] = field.value; changed(); });
    }
    const right = li.querySelector<HTMLInputElement>('input[data-c=right]')!;
    // One right answer: radio buttons of one group; several: check boxes.
    if (q.kind === 'single') { right.type = 'radio'; right.name = `${group}-${qi}`; }
    right.checked = (q.answers ?? []).includes(ci);
    right.addEventListener('change', () => {
      setAnswer(q, ci, right.checked);
      changed();
    });
    li.querySelector('[data-act=remove-choice]')!.addEventListener('click', () => {
      removeChoice(q, ci);
      changed();
      render({ question: qi, selector: '[data-act=add-choice]' });
      announce(bi(`已删除第 ${ci + 1} 个选项`, `Choice ${ci + 1} removed`));
    });
    return li;
  }

  for (const add of form.querySelectorAll<HTMLButtonElement>('[data-add-question]')) {
    add.addEventListener('click', () => {
      const q = newQuestion(add.dataset.addQuestion as QuestionKind);
      (exhibit.questions ??= []).push(q);
      changed();
      const n = exhibit.questions.length;
      render({ question: n - 1, selector: 'input[data-q="prompt.zh"]' });
      announce(bi(`已添加第 ${n} 题`, `Question ${n} added`));
    });
  }
  render();
}

/** Shows each problem of a question (by JSON path) beside it, in the page's languages; clears those that are mended. */
export function showQuestionProblems(problems: { path: string; zh: string; en: string }[]): void {
  if (!shown?.list.isConnected) return;
  const base = shown.path();
  const items = [...shown.list.children] as HTMLElement[];
  for (const [qi, li] of items.entries()) {
    const at = `${base}.questions[${qi}]`;
    const mine = problems.filter((p) => p.path === at || p.path.startsWith(at + '.'));
    const box = li.querySelector<HTMLElement>('.question-problems');
    if (!box) continue;
    box.replaceChildren(...mine.map((p) => {
      const item = document.createElement('li');
      item.textContent = bi(p.zh, p.en);
      return item;
    }));
    box.hidden = mine.length === 0;
  }
}
