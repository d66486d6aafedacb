// The exhibition editor (/workshop/exhibitions/{id}): loads the exhibition from /api/workshop, and wires the parts that
// each do one job: the tree (workshop-tree.ts), the form beside it (workshop-fields.ts, with region-picker.ts), adding
// exhibits (workshop-add.ts), autosave (workshop-autosave.ts), history (workshop-history.ts); here the actions
// (save version, publish, unpublish, delete) and the conflict and problem panels.
import { freshId, remove, type Node } from './exhibition-tree-model';
import { startAdding } from './workshop-add';
import { call, exhibitionUrl, type Conflict, type EditState, type Exhibition, type NewerItemVersion, type Problem, type Refusal, type Saved } from './workshop-api';
import { Autosave } from './workshop-autosave';
import { showFields } from './workshop-fields';
import { showQuestionProblems } from './workshop-questions';
import { startHistory } from './workshop-history';
import { announce, bi, when } from './workshop-text';
import { startTree } from './workshop-tree';
// The transcription page (/workshop/transcriptions/{item}/{page}) starts itself when it finds its form.
import './workshop-transcribe';

const editor = document.getElementById('workshop-editor');
if (editor) void startEditor(editor);

async function startEditor(root: HTMLElement): Promise<void> {
  const id = root.dataset.id ?? '';
  const status = document.getElementById('save-state')!;
  const conflictPanel = document.getElementById('conflict')!;
  const problemsPanel = document.getElementById('problems')!;
  const details = document.getElementById('details')!;
  let exhibition: Exhibition;
  let selected: Node = { kind: 'exhibition' };
  let teardown = () => {};
  let theirs: Conflict | null = null;
  let lastProblems: Problem[] = [];

  const autosave = new Autosave(id, status, {
    exhibition: () => exhibition,
    conflict: showConflict,
    saved: (s) => { showProblems(s.problems); showPublished(s.publishedVersion); showNewer(s.newerItemVersions); },
    problems: showProblems,
  });

  const tree = startTree(document.getElementById('tree')!, {
    exhibition: () => exhibition,
    selected: () => selected,
    select,
    changed: () => autosave.changed(),
  });

  function select(node: Node): void {
    teardown();
    selected = node;
    teardown = showFields(details, node, {
      exhibition: () => exhibition,
      changed: (relabel) => {
        autosave.changed();
        if (relabel) { tree.render(); showTitle(); }
      },
      remove: (n) => {
        remove(exhibition, n);
        autosave.changed();
        select({ kind: 'exhibition' });
        tree.render();
        announce(bi('已删除', 'Deleted'));
      },
    });
    showQuestionProblems(lastProblems);
  }

  function showTitle(): void {
    const h1 = document.getElementById('editor-title');
    if (h1) h1.textContent = exhibition.title.en ? `${exhibition.title.zh} ${exhibition.title.en}` : exhibition.title.zh;
  }

  function showPublished(version: number | null): void {
    const line = document.getElementById('publish-state');
    if (line) line.textContent = version ? bi(`已发布第 ${version} 版`, `Version ${version} is published`) : bi('未发布', 'Not published');
    const pub = document.getElementById('act-public');
    if (pub) pub.hidden = !version;
  }

  function showProblems(problems: Problem[], heading?: string): void {
    lastProblems = problems;
    showQuestionProblems(problems);
    problemsPanel.replaceChildren();
    problemsPanel.hidden = problems.length === 0 && !heading;
    if (heading) {
      const p = document.createElement('p');
      p.textContent = heading;
      problemsPanel.append(p);
    }
    if (problems.length === 0) return;
    const ul = document.createElement('ul');
    for (const pr of problems) {
      const li = document.createElement('li');
      li.textContent = `${pr.path}: ${bi(pr.zh, pr.en)}`;
      ul.append(li);
    }
    problemsPanel.append(ul);
  }

  function showConflict(c: Conflict): void {
    theirs = c;
    document.getElementById('conflict-text')!.textContent = bi(c.errorZh, c.errorEn) + ` (${when(c.changedAt)})`;
    // Their exhibition, summarised: the title, each section with its exhibits' labels.
    const box = document.getElementById('conflict-theirs')!;
    const title = document.createElement('p');
    title.textContent = `${bi('对方的标题', 'Their title')}: ${c.exhibition.title.zh}${c.exhibition.title.en ? ' · ' + c.exhibition.title.en : ''}`;
    const list = document.createElement('ol');
    for (const s of c.exhibition.sections) {
      const li = document.createElement('li');
      li.textContent = `${s.title.zh}: ${s.exhibits.map((x) => x.label.zh).join('、') || '—'}`;
      list.append(li);
    }
    box.replaceChildren(title, list);
    conflictPanel.hidden = false;
    conflictPanel.scrollIntoView({ block: 'nearest' });
  }

  function load(state: EditState): void {
    exhibition = state.exhibition;
    autosave.resume(state.revision, false);
    showTitle();
    showPublished(state.publishedVersion);
    showNewer(state.newerItemVersions);
    select({ kind: 'exhibition' });
    tree.render();
  }

  // Exhibits whose item was ingested again since publishing: each takes the newer version with one click (the published
  // copy changes for that exhibit only; a new OCFL version, so the revision moves on).
  function showNewer(list: NewerItemVersion[] | undefined): void {
    const newer = document.getElementById('newer-items');
    if (!newer || !list) return;
    newer.replaceChildren(...list.map((n) => {
      const li = document.createElement('li');
      li.dataset.exhibit = n.exhibitId;
      const text = document.createElement('span');
      text.textContent = bi(`展品 ${n.exhibitId}（${n.item}）有新版本：展出第 ${n.pinned} 版，现为第 ${n.current} 版。`,
        `Exhibit ${n.exhibitId} (${n.item}) has a newer version: showing v${n.pinned}, now v${n.current}.`);
      const take = document.createElement('button');
      take.type = 'button';
      take.className = 'secondary';
      take.dataset.act = 'take-newer';
      take.textContent = bi('采用新版本', 'Take the newer version');
      take.setAttribute('aria-label', bi(`为展品 ${n.exhibitId} 采用 ${n.item} 第 ${n.current} 版`, `Take v${n.current} of ${n.item} for exhibit ${n.exhibitId}`));
      take.addEventListener('click', async () => {
        take.disabled = true;
        if (!(await autosave.flush()) && autosave.current === 'conflict') return;
        const path = `exhibits/${encodeURIComponent(n.exhibitId)}/take-newer`;
        if (await act(path, { base: autosave.revision }, bi(`展品 ${n.exhibitId} 已采用 ${n.item} 第 ${n.current} 版`, `Exhibit ${n.exhibitId} now shows v${n.current} of ${n.item}`))) return;
        take.disabled = false;
      });
      li.append(text, ' ', take);
      return li;
    }));
    newer.hidden = list.length === 0;
  }

  async function reload(): Promise<void> {
    const r = await call<EditState>('GET', exhibitionUrl(id));
    if (r.ok) load(r.body);
  }

  document.getElementById('conflict-load')?.addEventListener('click', () => {
    if (!theirs) return;
    conflictPanel.hidden = true;
    void reload().then(() => announce(bi('已载入对方的版本', 'Their version is loaded')));
    theirs = null;
  });
  document.getElementById('conflict-keep')?.addEventListener('click', () => {
    if (!theirs) return;
    conflictPanel.hidden = true;
    autosave.resume(theirs.revision, true);
    theirs = null;
    void autosave.flush();
  });

  document.getElementById('add-section')?.addEventListener('click', () => {
    const n = exhibition.sections.length + 1;
    const section = { id: freshId(exhibition, `section-${n}`), title: { zh: `第${n}单元`, en: `Section ${n}` }, text: null, exhibits: [] };
    exhibition.sections.push(section);
    autosave.changed();
    select({ kind: 'section', section });
    tree.render({ kind: 'section', section });
    announce(bi(`已添加第 ${n} 单元`, `Section ${n} added`));
  });

  async function addExhibit(item: string, page: number): Promise<void> {
    const r = await fetch(`/api/items/${encodeURIComponent(item)}`).catch(() => null);
    const facts = r?.ok ? await r.json() : null;
    const p = facts?.pages?.find((x: { order: number }) => x.order === page);
    if (!facts || !p) {
      showProblems([], bi(`目录中没有 ${item} 第 ${page} 页。`, `The catalogue has no page ${page} of ${item}.`));
      return;
    }
    showProblems([]);
    let section = selected.kind === 'section' ? selected.section : selected.kind === 'exhibit' ? selected.section : exhibition.sections[exhibition.sections.length - 1];
    if (!section) {
      section = { id: freshId(exhibition, 'section-1'), title: { zh: '第1单元', en: 'Section 1' }, text: null, exhibits: [] };
      exhibition.sections.push(section);
    }
    const exhibit = {
      id: freshId(exhibition, `${item}-p${page}`), item: facts.id as string, page, region: null,
      label: { zh: `${facts.title.zh} 第${p.label}页`, en: facts.title.en ? `${facts.title.en}, page ${p.label}` : '' }, text: null,
    };
    const at = selected.kind === 'exhibit' ? section.exhibits.indexOf(selected.exhibit) + 1 : section.exhibits.length;
    section.exhibits.splice(at, 0, exhibit);
    autosave.changed();
    const node: Node = { kind: 'exhibit', section, exhibit };
    select(node);
    tree.render(node);
    announce(bi(`已添加展品 ${exhibit.label.zh}`, `Exhibit added: ${exhibit.label.en || exhibit.label.zh}`));
  }
  startAdding(addExhibit);

  const history = startHistory(id, reload, () => autosave.flush());

  async function act(path: string, body: unknown, done: string): Promise<boolean> {
    const r = await call<Saved | Conflict | Refusal>('POST', `${exhibitionUrl(id)}/${path}`, body);
    if (r.status === 409) { autosave.show('conflict'); showConflict(r.body as Conflict); return false; }
    if (!r.ok) {
      const refusal = r.body as Refusal | null;
      showProblems(refusal?.problems ?? [], refusal ? bi(refusal.errorZh, refusal.errorEn) : bi('操作失败。', 'That did not work.'));
      return false;
    }
    const saved = r.body as Saved;
    autosave.resume(saved.revision, false);
    showProblems([]);
    showPublished(saved.publishedVersion);
    showNewer(saved.newerItemVersions);
    announce(done);
    void history.refresh();
    return true;
  }

  const saveVersion = async (): Promise<boolean> => {
    if (!(await autosave.flush()) && autosave.current === 'conflict') return false;
    return act('versions', { base: autosave.revision, exhibition }, bi('已保存为新版本', 'Saved as a new version'));
  };
  document.getElementById('act-version')?.addEventListener('click', () => void saveVersion());
  document.getElementById('act-publish')?.addEventListener('click', async () => {
    if (await saveVersion()) await act('publish', { base: autosave.revision }, bi('已发布', 'Published'));
  });
  // The preview shows what is saved: save what was just typed first.
  document.getElementById('act-preview')?.addEventListener('click', async (ev) => {
    const href = (ev.currentTarget as HTMLAnchorElement).href;
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    await autosave.flush();
    window.location.assign(href);
  });
  document.getElementById('act-unpublish')?.addEventListener('click', () => void act('unpublish', {}, bi('已取消发布', 'Unpublished')));
  const del = document.getElementById('act-delete') as HTMLButtonElement | null;
  let armed = 0;
  del?.addEventListener('click', async () => {
    // Two presses: the first asks (no browser dialog), the second within a few seconds deletes.
    if (!armed) {
      const label = del.textContent;
      del.textContent = del.dataset.confirm ?? '';
      armed = window.setTimeout(() => { armed = 0; del.textContent = label; }, 5000);
      return;
    }
    window.clearTimeout(armed);
    armed = 0;
    const r = await call('DELETE', exhibitionUrl(id));
    if (r.ok) window.location.assign('/workshop');
  });

  const first = await call<EditState>('GET', exhibitionUrl(id));
  if (!first.ok) { showProblems([], bi('无法载入展览。', 'The exhibition could not be loaded.')); return; }
  load(first.body);
  status.dataset.state = 'saved';
  if (root.dataset.addItem) {
    await addExhibit(root.dataset.addItem, Number(root.dataset.addPage ?? '1'));
    window.history.replaceState(null, '', window.location.pathname);
  }
}
