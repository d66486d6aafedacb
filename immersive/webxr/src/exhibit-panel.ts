import * as THREE from 'three';
import type { LoadedExhibit } from './hall-loading';
import type { Bilingual } from './hall-model';

/** What a panel says: a title, a text, and where to read the whole page. */
export interface PanelContent {
  title: Bilingual;
  text?: Bilingual;
  link?: { href: string; label: string };
}

export function exhibitContent(x: LoadedExhibit, text: Bilingual | undefined, baseUrl: URL): PanelContent {
  return {
    title: x.facts.label,
    text: text ?? x.facts.text,
    link: { href: new URL(x.facts.readingRoom, baseUrl).href, label: '在阅览室中打开 · Open in the reading room' },
  };
}

/** The panel on the page (screens): an aside next to the canvas, filled with text nodes only, never markup. */
export class PagePanel {
  constructor(private readonly element: HTMLElement) {
    element.querySelector<HTMLButtonElement>('[data-act="close-panel"]')?.addEventListener('click', () => this.hide());
  }

  show(content: PanelContent): void {
    const body = this.element.querySelector<HTMLElement>('[data-panel-body]') ?? this.element;
    body.replaceChildren();
    const h = document.createElement('h2');
    h.append(span(content.title.zh, 'zh'));
    if (content.title.en) h.append(' ', span(content.title.en, 'en', 'en'));
    body.append(h);
    for (const [text, lang] of [[content.text?.zh, 'zh'], [content.text?.en, 'en']] as const) {
      if (!text) continue;
      for (const para of text.split(/\n\s*\n/)) {
        const p = document.createElement('p');
        p.lang = lang;
        p.textContent = para;
        body.append(p);
      }
    }
    if (content.link) {
      const p = document.createElement('p');
      const a = document.createElement('a');
      a.href = content.link.href;
      a.textContent = content.link.label;
      p.append(a);
      body.append(p);
    }
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }
}

function span(text: string, lang: string, cls?: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.lang = lang;
  if (cls) s.className = cls;
  s.textContent = text;
  return s;
}

/**
 * The panel in a headset: the same content drawn on a canvas, shown on a quad before the visitor. Its link is the
 * "open in the reading room" button: selecting the panel ends the session and opens the page.
 */
export class WorldPanel {
  readonly mesh: THREE.Mesh;
  private readonly canvas = document.createElement('canvas');
  private readonly texture: THREE.CanvasTexture;
  content: PanelContent | null = null;

  constructor() {
    this.canvas.width = 1024;
    this.canvas.height = 640;
    this.texture = new THREE.CanvasTexture(this.canvas);
    this.texture.colorSpace = THREE.SRGBColorSpace;
    this.mesh = new THREE.Mesh(new THREE.PlaneGeometry(0.8, 0.5), new THREE.MeshBasicMaterial({ map: this.texture, transparent: true }));
    this.mesh.name = 'world-panel';
    this.mesh.visible = false;
  }

  /** Shows `content` 1 m before the eye, facing it. */
  show(content: PanelContent, eye: THREE.Vector3, facing: THREE.Vector3): void {
    this.content = content;
    const g = this.canvas.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, 1024, 640);
    g.fillStyle = 'rgba(20, 18, 16, 0.92)';
    g.fillRect(0, 0, 1024, 640);
    g.fillStyle = '#f5efe3';
    let y = 70;
    g.font = '600 44px "Noto Sans CJK SC", sans-serif';
    y = wrap(g, content.title.zh, 40, y, 944, 54);
    if (content.title.en) { g.font = '32px sans-serif'; y = wrap(g, content.title.en, 40, y, 944, 40); }
    g.font = '28px "Noto Sans CJK SC", sans-serif';
    y += 10;
    if (content.text?.zh) y = wrap(g, content.text.zh, 40, y, 944, 38);
    if (content.text?.en) y = wrap(g, content.text.en, 40, y, 944, 36);
    if (content.link) {
      g.fillStyle = '#c8a062';
      g.fillRect(40, 560, 944, 56);
      g.fillStyle = '#1a1410';
      g.font = '600 28px "Noto Sans CJK SC", sans-serif';
      g.fillText(content.link.label, 60, 598);
    }
    this.texture.needsUpdate = true;
    const dir = facing.clone().setY(0).normalize();
    this.mesh.position.copy(eye).addScaledVector(dir, 1.0);
    this.mesh.position.y = eye.y - 0.1;
    this.mesh.lookAt(eye.x, this.mesh.position.y, eye.z);
    this.mesh.visible = true;
  }

  hide(): void {
    this.mesh.visible = false;
    this.content = null;
  }
}

function wrap(g: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, lineHeight: number): number {
  let line = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    if (g.measureText(line + ch).width > width && line) {
      g.fillText(line, x, y);
      y += lineHeight;
      line = ch.trimStart();
      if (y > 540) return y;
    } else line += ch;
  }
  if (line) { g.fillText(line, x, y); y += lineHeight; }
  return y;
}
