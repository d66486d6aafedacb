// The editor's tree: sections and their exhibits as nested lists; a click chooses what the form beside it edits.
// Reordering three ways, one behaviour (exhibition-tree-model.ts): drag and drop, the ↑ ↓ buttons, and Alt+↑/↓ on a
// focused entry; each move is announced through the live region.
import { move, placeExhibit, placeSection, type Node } from './exhibition-tree-model';
import type { Exhibition } from './workshop-api';
import { announce, bi } from './workshop-text';

export interface TreeHost {
  exhibition(): Exhibition;
  selected(): Node;
  select(node: Node): void;
  changed(): void;
}

export interface Tree { render(focus?: Node): void }

const nameOf = (node: Node): string =>
  node.kind === 'section' ? node.section.title.zh || node.section.id
    : node.kind === 'exhibit' ? node.exhibit.label.zh || node.exhibit.id : '';

function same(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'section' && b.kind === 'section') return a.section === b.section;
  if (a.kind === 'exhibit' && b.kind === 'exhibit') return a.exhibit === b.exhibit;
  return true;
}

export function startTree(root: HTMLElement, host: TreeHost): Tree {
  const nodes = new Map<HTMLElement, Node>();
  let dragged: Node | null = null;

  function row(node: Node, label: string, position: string): HTMLElement {
    const li = document.createElement('li');
    li.className = `tree-${node.kind}`;
    li.draggable = true;
    nodes.set(li, node);
    const line = document.createElement('div');
    line.className = 'tree-row';
    const choose = document.createElement('button');
    choose.type = 'button';
    choose.className = 'tree-select';
    choose.dataset.act = 'select';
    choose.textContent = `${position} ${label}`;
    if (same(node, host.selected())) choose.setAttribute('aria-current', 'true');
    line.append(choose);
    for (const [by, zh, en, glyph] of [[-1, '上移', 'Move up', '↑'], [1, '下移', 'Move down', '↓']] as const) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tree-move';
      b.dataset.move = String(by);
      b.textContent = glyph;
      b.setAttribute('aria-label', `${bi(zh, en)}: ${label}`);
      line.append(b);
    }
    li.append(line);
    return li;
  }

  function render(focus?: Node): void {
    const e = host.exhibition();
    nodes.clear();
    const top = document.createElement('ul');
    top.className = 'tree-top';
    const whole = document.createElement('li');
    const choose = document.createElement('button');
    choose.type = 'button';
    choose.className = 'tree-select tree-whole';
    choose.dataset.act = 'select';
    choose.textContent = bi('展览信息', 'Exhibition details');
    if (host.selected().kind === 'exhibition') choose.setAttribute('aria-current', 'true');
    whole.append(choose);
    nodes.set(whole, { kind: 'exhibition' });
    top.append(whole);

    const sections = document.createElement('ol');
    sections.className = 'tree-sections';
    e.sections.forEach((section, si) => {
      const li = row({ kind: 'section', section }, section.title.zh || section.id, `${si + 1}.`);
      const list = document.createElement('ol');
      list.className = 'tree-exhibits';
      section.exhibits.forEach((exhibit, xi) => list.append(row({ kind: 'exhibit', section, exhibit }, nameOf({ kind: 'exhibit', section, exhibit }), `${si + 1}.${xi + 1}`)));
      li.append(list);
      sections.append(li);
    });
    root.replaceChildren(top, sections);
    if (focus) {
      for (const [el, node] of nodes) {
        if (same(node, focus)) { el.querySelector<HTMLButtonElement>('.tree-select')?.focus(); break; }
      }
    }
  }

  const nodeOf = (target: EventTarget | null): [HTMLElement, Node] | null => {
    const li = (target as Element | null)?.closest?.('li');
    const node = li instanceof HTMLElement ? nodes.get(li) : undefined;
    return li instanceof HTMLElement && node ? [li, node] : null;
  };

  function shift(node: Node, by: -1 | 1): void {
    const name = nameOf(node);
    if (!move(host.exhibition(), node, by)) {
      announce(bi(`「${name}」已在${by < 0 ? '最前' : '最后'}`, `"${name}" is already ${by < 0 ? 'first' : 'last'}`));
      return;
    }
    host.changed();
    render(node);
    announce(bi(`已将「${name}」${by < 0 ? '上移' : '下移'}，现为${position(node)}`, `Moved "${name}" ${by < 0 ? 'up' : 'down'}, now ${positionEn(node)}`));
  }

  const position = (node: Node): string => {
    const e = host.exhibition();
    if (node.kind === 'section') return `第 ${e.sections.indexOf(node.section) + 1} 单元`;
    if (node.kind === 'exhibit') return `第 ${e.sections.indexOf(node.section) + 1} 单元第 ${node.section.exhibits.indexOf(node.exhibit) + 1} 件`;
    return '';
  };
  const positionEn = (node: Node): string => {
    const e = host.exhibition();
    if (node.kind === 'section') return `section ${e.sections.indexOf(node.section) + 1}`;
    if (node.kind === 'exhibit') return `item ${node.section.exhibits.indexOf(node.exhibit) + 1} of section ${e.sections.indexOf(node.section) + 1}`;
    return '';
  };

  root.addEventListener('click', (ev) => {
    const button = (ev.target as Element).closest<HTMLButtonElement>('button');
    const found = nodeOf(button);
    if (!button || !found) return;
    if (button.dataset.move) shift(found[1], Number(button.dataset.move) as -1 | 1);
    else if (button.dataset.act === 'select') { host.select(found[1]); render(found[1]); }
  });

  root.addEventListener('keydown', (ev) => {
    if (!ev.altKey || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
    const found = nodeOf(ev.target);
    if (!found || found[1].kind === 'exhibition') return;
    ev.preventDefault();
    shift(found[1], ev.key === 'ArrowUp' ? -1 : 1);
  });

  root.addEventListener('dragstart', (ev) => {
    const found = nodeOf(ev.target);
    if (!found || found[1].kind === 'exhibition') { ev.preventDefault(); return; }
    ev.stopPropagation();
    dragged = found[1];
    ev.dataTransfer?.setData('text/plain', nameOf(found[1]));
    if (ev.dataTransfer) ev.dataTransfer.effectAllowed = 'move';
    found[0].classList.add('dragging');
  });
  root.addEventListener('dragend', () => {
    dragged = null;
    root.querySelectorAll('.dragging, .drop-target').forEach((el) => el.classList.remove('dragging', 'drop-target'));
  });
  const accepts = (target: Node): boolean =>
    dragged !== null && target.kind !== 'exhibition' && !same(dragged, target) && (dragged.kind === 'exhibit' || target.kind === 'section');
  root.addEventListener('dragover', (ev) => {
    const found = nodeOf(ev.target);
    if (!found || !accepts(found[1])) return;
    ev.preventDefault();
    root.querySelectorAll('.drop-target').forEach((el) => el.classList.remove('drop-target'));
    found[0].querySelector('.tree-row')?.classList.add('drop-target');
  });
  root.addEventListener('drop', (ev) => {
    const found = nodeOf(ev.target);
    if (!found || !dragged || !accepts(found[1])) return;
    ev.preventDefault();
    const e = host.exhibition(), target = found[1], node = dragged;
    if (node.kind === 'section' && target.kind === 'section') placeSection(e, node.section, target.section);
    else if (node.kind === 'exhibit' && target.kind === 'exhibit') { placeExhibit(e, node.exhibit, target.section, target.exhibit); node.section = target.section; }
    else if (node.kind === 'exhibit' && target.kind === 'section') { placeExhibit(e, node.exhibit, target.section, null); node.section = target.section; }
    dragged = null;
    host.changed();
    render(node);
    announce(bi(`已移动「${nameOf(node)}」，现为${position(node)}`, `Moved "${nameOf(node)}", now ${positionEn(node)}`));
  });

  return { render };
}
