// The exhibition's structure as the editor changes it: ids made unique, sections and exhibits added, removed and moved.
// Pure functions over the JSON model (workshop-api.ts), so the tree, the keyboard and drag and drop share one behaviour.
import type { Exhibit, Exhibition, Section } from './workshop-api';

/** A slug not yet used by any section or exhibit: the stem (lowercased, cleaned), then -2, -3 … */
export function freshId(e: Exhibition, stem: string): string {
  const used = new Set<string>();
  for (const s of e.sections) { used.add(s.id); s.exhibits.forEach((x) => used.add(x.id)); }
  let base = stem.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+/g, '-').replace(/-$/, '').slice(0, 50);
  if (!base) base = 'x';
  let id = base, n = 1;
  while (used.has(id)) id = `${base}-${++n}`;
  return id;
}

export type Node = { kind: 'exhibition' } | { kind: 'section'; section: Section } | { kind: 'exhibit'; section: Section; exhibit: Exhibit };

/** Where an exhibit is: its section and index; null when it is no longer in the exhibition. */
export function locate(e: Exhibition, exhibit: Exhibit): { section: Section; index: number } | null {
  for (const section of e.sections) {
    const index = section.exhibits.indexOf(exhibit);
    if (index >= 0) return { section, index };
  }
  return null;
}

/**
 * Moves a section one place up (-1) or down (+1); an exhibit one place within its section, or at the edge into the
 * end of the previous section or the start of the next. False when it cannot move further.
 */
export function move(e: Exhibition, node: Node, by: -1 | 1): boolean {
  if (node.kind === 'section') {
    const i = e.sections.indexOf(node.section), j = i + by;
    if (i < 0 || j < 0 || j >= e.sections.length) return false;
    e.sections.splice(i, 1);
    e.sections.splice(j, 0, node.section);
    return true;
  }
  if (node.kind !== 'exhibit') return false;
  const at = locate(e, node.exhibit);
  if (!at) return false;
  const list = at.section.exhibits, j = at.index + by;
  if (j >= 0 && j < list.length) {
    list.splice(at.index, 1);
    list.splice(j, 0, node.exhibit);
    return true;
  }
  const s = e.sections.indexOf(at.section) + by;
  if (s < 0 || s >= e.sections.length) return false;
  list.splice(at.index, 1);
  if (by < 0) e.sections[s].exhibits.push(node.exhibit); else e.sections[s].exhibits.unshift(node.exhibit);
  node.section = e.sections[s];
  return true;
}

/** Puts an exhibit before another (or at the end of a section when before is null). */
export function placeExhibit(e: Exhibition, exhibit: Exhibit, section: Section, before: Exhibit | null): void {
  const at = locate(e, exhibit);
  if (!at || exhibit === before) return;
  at.section.exhibits.splice(at.index, 1);
  const i = before ? section.exhibits.indexOf(before) : -1;
  section.exhibits.splice(i < 0 ? section.exhibits.length : i, 0, exhibit);
}

/** Puts a section before another (or last). */
export function placeSection(e: Exhibition, section: Section, before: Section | null): void {
  if (section === before) return;
  e.sections.splice(e.sections.indexOf(section), 1);
  const i = before ? e.sections.indexOf(before) : -1;
  e.sections.splice(i < 0 ? e.sections.length : i, 0, section);
}

/** Removes a section (with its exhibits) or an exhibit; the cover is cleared when its exhibit goes. */
export function remove(e: Exhibition, node: Node): void {
  if (node.kind === 'section') e.sections.splice(e.sections.indexOf(node.section), 1);
  else if (node.kind === 'exhibit') {
    const at = locate(e, node.exhibit);
    if (at) at.section.exhibits.splice(at.index, 1);
  }
  if (e.cover && !e.sections.some((s) => s.exhibits.some((x) => x.id === e.cover))) e.cover = null;
}
