// The hall page (/halls/{exhibition}): draws the compiled GLB and wires the ways of moving through it. The page's
// HTML (the exhibits as a list, the tour's text) works without this script; the script adds the 3D hall.
import * as THREE from 'three';
import { DesktopControls } from './desktop-controls';
import { exhibitContent, PagePanel, WorldPanel } from './exhibit-panel';
import { Fade } from './fade';
import { loadHall, type LoadedExhibit } from './hall-loading';
import { SharperTiles } from './sharper-tiles';
import { TouchControls } from './touch-controls';
import { Tour } from './tour';
import { followTour } from './tour-follow';
import { Visitor } from './visitor';
import { WalkableFloor } from './walkable';
import { XrSession } from './xr-session';

/** What the page tells about its hall (read by the tests and the benchmark). */
export interface HallFigures {
  state: 'loading' | 'ready' | 'failed';
  drawCalls: number;
  triangles: number;
  textures: number;
  frameMs: number;
  xrViews: number;
  sharper: number;
  stop: number;
  camera: [number, number, number];
  /** Renders `frames` frames back to back, waiting for the GPU after each: milliseconds per frame. */
  measure?: (frames: number) => number;
  /** The tour stops' positions, in order. */
  stops?: { n: number; position: [number, number, number] }[];
  /** The exhibits whose picture the camera sees (centre in view, not hidden behind anything). */
  visibleExhibits?: () => string[];
  goToStop?: (n: number) => Promise<void>;
  walkable?: (x: number, z: number) => boolean;
  stopOf?: (ref: string) => number;
  glbTextureHeight?: (exhibit: string) => number;
  standBefore?: (exhibit: string, metres: number) => void;
}

declare global {
  interface Window { qyHall?: HallFigures }
}

const host = document.getElementById('hall');
if (host) void start(host);

async function start(host: HTMLElement): Promise<void> {
  const figures: HallFigures = { state: 'loading', drawCalls: 0, triangles: 0, textures: 0, frameMs: 0, xrViews: 0, sharper: 0, stop: 0, camera: [0, 0, 0] };
  window.qyHall = figures;
  const status = host.querySelector<HTMLElement>('[data-status]');
  const say = (zh: string, en: string) => { if (status) status.textContent = `${zh} ${en}`; };
  const canvas = host.querySelector<HTMLCanvasElement>('canvas')!;
  const glb = host.dataset.glb!;

  registerOfflineCopy();

  let renderer: THREE.WebGLRenderer;
  try {
    renderer = new THREE.WebGLRenderer({ canvas, antialias: true, alpha: true });
  } catch {
    figures.state = 'failed';
    host.dataset.state = 'failed';
    say('此浏览器无法显示三维展厅（需要 WebGL 2），请使用下方的展品列表。', 'This browser cannot show the 3D hall (WebGL 2 is needed); the exhibits are listed below.');
    return;
  }
  renderer.setPixelRatio(Math.min(devicePixelRatio, 2));

  let hall;
  try {
    hall = await loadHall(glb, (f) => say(`正在载入展厅 ${Math.round(f * 100)}%`, `Loading the hall ${Math.round(f * 100)}%`));
  } catch (e) {
    figures.state = 'failed';
    host.dataset.state = 'failed';
    say('展厅载入失败，请稍后再试；展品列表见下方。', 'The hall could not be loaded; try again later. The exhibits are listed below.');
    console.error(e);
    return;
  }

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x1b1a18);
  scene.add(hall.root);
  scene.add(new THREE.HemisphereLight(0xfff6e8, 0x3a342c, 0.6));
  const camera = new THREE.PerspectiveCamera(70, 1, 0.05, 200);
  const visitor = new Visitor(camera, new WalkableFloor(hall.facts), hall.facts.eyeHeight || 1.6);
  scene.add(visitor.rig);
  visitor.standAt(hall.facts.spawn.position, hall.facts.spawn.direction);

  const inHeadset = () => renderer.xr.isPresenting;
  const fade = new Fade(camera, host.querySelector<HTMLElement>('.hall-fade')!, inHeadset);
  const pagePanel = new PagePanel(host.querySelector<HTMLElement>('.hall-panel')!);
  const worldPanel = new WorldPanel();
  scene.add(worldPanel.mesh);
  const exhibitText = new Map(hall.stops.filter((s) => s.kind === 'exhibit').map((s) => [s.ref, s.text]));
  const openExhibit = (x: LoadedExhibit) => {
    const content = exhibitContent(x, exhibitText.get(x.facts.exhibit), hall.baseUrl);
    if (inHeadset()) worldPanel.show(content, visitor.eyePosition(), x.node.getWorldPosition(new THREE.Vector3()).sub(visitor.eyePosition()));
    else pagePanel.show(content);
  };

  const desktop = new DesktopControls(canvas, camera, hall, visitor, openExhibit);
  new TouchControls(canvas, camera, hall, visitor, (x, z) => void fade.through(() => visitor.moveTo(x, z)), openExhibit);
  const tourPanel = host.querySelector<HTMLElement>('.hall-tour')!;
  const tour = new Tour(hall.stops, visitor, fade, tourPanel, inHeadset, (stop) => {
    figures.stop = stop.n;
    if (inHeadset() && stop.text) worldPanel.show({ title: stop.title, text: stop.text }, visitor.eyePosition(), new THREE.Vector3(...stop.direction));
  });
  tourPanel.hidden = hall.stops.length === 0;
  // A pupil of a live tour (?tour=): the hall follows the guide's stop.
  followTour((n) => tour.go(hall.stops.findIndex((s) => s.n === n)), tourPanel, host);
  const xr = new XrSession(renderer, scene, hall, visitor, fade, worldPanel, openExhibit);
  void xr.offer(host.querySelector<HTMLButtonElement>('[data-act="enter-vr"]')!, host.querySelector<HTMLButtonElement>('[data-act="enter-ar"]')!);
  const sharper = new SharperTiles(hall.exhibits, hall.baseUrl, renderer);

  // The list of exhibits under the canvas: "show in the hall" walks up to one.
  const byId = new Map(hall.exhibits.map((x) => [x.facts.exhibit, x]));
  document.querySelectorAll<HTMLButtonElement>('[data-show-exhibit]').forEach((b) => {
    const x = byId.get(b.dataset.showExhibit ?? '');
    if (!x) return;
    b.hidden = false;
    b.addEventListener('click', () => {
      desktop.approach(x);
      openExhibit(x);
      canvas.scrollIntoView({ block: 'center' });
      canvas.focus();
    });
  });

  const resize = () => {
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (renderer.xr.isPresenting || w === 0 || h === 0) return;
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
  };
  new ResizeObserver(resize).observe(canvas);
  resize();

  const clock = new THREE.Clock();
  let average = 0;
  let lastSharpen = 0;
  const draw = () => {
    renderer.render(scene, camera);
    figures.drawCalls = renderer.info.render.calls;
    figures.triangles = renderer.info.render.triangles;
    figures.textures = renderer.info.memory.textures;
  };
  renderer.setAnimationLoop((time: number, frame?: XRFrame) => {
    const dt = Math.min(0.1, clock.getDelta());
    average = average === 0 ? dt * 1000 : average * 0.95 + dt * 1000 * 0.05;
    desktop.update(dt);
    xr.update(frame);
    if (time - lastSharpen > 250) {
      lastSharpen = time;
      sharper.update(visitor.eyePosition(), camera, renderer.xr.isPresenting ? 1832 : canvas.height);
      figures.sharper = sharper.count;
    }
    draw();
    const p = visitor.eyePosition();
    figures.camera = [p.x, p.y, p.z];
    figures.frameMs = average;
    figures.xrViews = xr.views;
    host.dataset.drawCalls = String(figures.drawCalls);
  });

  figures.measure = (frames: number) => {
    const gl = renderer.getContext();
    draw();
    gl.finish();
    const t0 = performance.now();
    for (let i = 0; i < frames; i++) { draw(); gl.finish(); }
    return (performance.now() - t0) / frames;
  };
  figures.stops = hall.stops.map((s) => ({ n: s.n, position: s.position }));
  figures.visibleExhibits = () => {
    const eye = visitor.eyePosition();
    const centre = new THREE.Vector3();
    const raycaster = new THREE.Raycaster();
    camera.updateMatrixWorld();
    return hall.exhibits.filter((x) => {
      x.node.getWorldPosition(centre);
      const ndc = centre.clone().project(camera);
      if (Math.abs(ndc.x) > 1 || Math.abs(ndc.y) > 1 || ndc.z > 1) return false;
      raycaster.set(eye, centre.clone().sub(eye).normalize());
      return raycaster.intersectObject(hall.root, true)[0]?.object === x.mesh;
    }).map((x) => x.facts.exhibit);
  };
  figures.stopOf = (ref: string) => hall.stops.find((s) => s.ref === ref)?.n ?? 0;
  figures.walkable = (x: number, z: number) => visitor.floor.allows(x, z);
  figures.glbTextureHeight = (id: string) => byId.get(id)?.facts.texture[1] ?? 0;
  figures.goToStop = (n: number) => tour.go(hall.stops.findIndex((s) => s.n === n));
  figures.standBefore = (id: string, metres: number) => {
    const x = byId.get(id);
    if (!x) return;
    const centre = x.node.getWorldPosition(new THREE.Vector3());
    const normal = new THREE.Vector3(0, 0, 1).applyQuaternion(x.node.getWorldQuaternion(new THREE.Quaternion()));
    const to = centre.clone().addScaledVector(normal, metres);
    visitor.standAt([to.x, 0, to.z], normal.negate().toArray());
  };

  draw();
  figures.state = 'ready';
  host.dataset.state = 'ready';
  say('展厅已载入：方向键或 WASD 行走，拖动环顾，点击展品走近。', 'The hall is ready: arrows or WASD walk, drag to look, click an exhibit to walk up to it.');
  // Read out once, then out of the way of the view (it stays for screen readers).
  setTimeout(() => status?.classList.add('visually-hidden'), 6000);
}

/** The service worker keeps the hall, its textures and this page for the VR room's offline days (scope /halls/ only). */
function registerOfflineCopy(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/halls/hall-sw.js', { scope: '/halls/' }).catch(() => {
    // No offline copy: the hall still works online.
  });
}
