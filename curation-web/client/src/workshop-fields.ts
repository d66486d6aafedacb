// The form beside the tree: the template for what is chosen (exhibition, section, exhibit) cloned from the page, each
// field (data-field="label.zh") bound to that part of the exhibition; an exhibit's form also gets the region picker.
import { locate, type Node } from './exhibition-tree-model';
import { startRegionPicker } from './region-picker';
import { startQuestions } from './workshop-questions';
import type { Bi, Exhibition } from './workshop-api';
import { bi } from './workshop-text';

export interface FieldsHost {
  exhibition(): Exhibition;
  changed(relabel: boolean): void;
  remove(node: Node): void;
}

type Bag = Record<string, unknown>;

const optionalTexts = new Set(['subtitle', 'introduction', 'text']);

function read(target: Bag, path: string): string {
  const [head, tail] = path.split('.');
  const v = target[head];
  if (tail) return ((v as Bi | null | undefined)?.[tail as keyof Bi]) ?? '';
  return typeof v === 'string' ? v : '';
}

function write(target: Bag, path: string, value: string): void {
  const [head, tail] = path.split('.');
  if (!tail) { target[head] = value === '' && head === 'cover' ? null : value; return; }
  const bi = ((target[head] as Bi | null | undefined) ?? { zh: '', en: '' }) as Bi;
  bi[tail as keyof Bi] = value;
  // An optional text left empty in both languages is no text at all.
  target[head] = optionalTexts.has(head) && bi.zh === '' && bi.en === '' ? null : bi;
}

const pages = new Map<string, Promise<{ title: Bi; pages: { order: number; label: string; width: number; height: number }[] } | null>>();

function itemFacts(item: string) {
  if (!pages.has(item)) pages.set(item, fetch(`/api/items/${encodeURIComponent(item)}`).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  return pages.get(item)!;
}

/** Shows the form for a node; returns what tears it down (the region viewer). */
export function showFields(panel: HTMLElement, node: Node, host: FieldsHost): () => void {
  const template = document.getElementById(`tpl-${node.kind}`) as HTMLTemplateElement | null;
  if (!template) return () => {};
  const form = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  const target = (node.kind === 'exhibition' ? host.exhibition() : node.kind === 'section' ? node.section : node.exhibit) as unknown as Bag;

  if (node.kind === 'exhibition') {
    const cover = form.querySelector<HTMLSelectElement>('select[data-field=cover]');
    for (const s of host.exhibition().sections) {
      for (const x of s.exhibits) {
        const o = document.createElement('option');
        o.value = x.id;
        o.textContent = `${x.label.zh || x.id} (${x.id})`;
        cover?.append(o);
      }
    }
  }
  form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[data-field]').forEach((field) => {
    const path = field.dataset.field!;
    field.value = read(target, path);
    field.addEventListener('input', () => {
      write(target, path, field.value);
      host.changed(path === 'title.zh' || path === 'label.zh' || path === 'title.en');
    });
  });
  form.querySelectorAll<HTMLElement>('[data-show=id]').forEach((el) => { el.textContent = String(target.id ?? ''); });
  form.querySelector('[data-act=delete-node]')?.addEventListener('click', () => host.remove(node));

  panel.replaceChildren(form);
  if (node.kind !== 'exhibit') return () => {};

  const x = node.exhibit;
  const link = form.querySelector<HTMLAnchorElement>('[data-link=page]');
  if (link) link.href = `/items/${encodeURIComponent(x.item)}/p/${x.page}`;
  void itemFacts(x.item).then((facts) => {
    const source = form.querySelector('[data-show=source]');
    const size = form.querySelector('[data-show=size]');
    const page = facts?.pages.find((p) => p.order === x.page);
    if (source) source.textContent = facts ? `${x.item} · ${facts.title.zh} · ${bi(`第 ${page?.label ?? x.page} 页`, `page ${page?.label ?? x.page}`)}` : bi(`目录中没有 ${x.item}`, `${x.item} is not in the catalogue`);
    if (size && page) size.textContent = bi(`原图 ${page.width} × ${page.height} 像素`, `Full image ${page.width} × ${page.height} px`);
  });
  startQuestions(form, x, () => {
    const e = host.exhibition();
    const at = locate(e, x);
    return at ? `sections[${e.sections.indexOf(at.section)}].exhibits[${at.index}]` : '';
  }, () => host.changed(false));
  return startRegionPicker(form, x, () => host.changed(false));
}
