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
  /** The most frames ever queued ahead of the GPU (drawn by the page, not yet drawn by the GPU): at most `maxFramesAhead`. */
  framesAhead: number;
  /** Animation frames the page skipped because the GPU was still behind (a software renderer's slow frames). */
  framesSkipped: number;
  stop: number;
  camera: [number, number, number];
  /** The direction the eyes look, in degrees about +y (0 = −z, 90 = −x), in the hall's world. */
  heading: number;
  /** The rig on the floor: x, z and its yaw in radians (a headset's pose is relative to it). */
  rig: [number, number, number];
  /** 'vr', 'ar' or null. */
  xrMode: 'vr' | 'ar' | null;
  /** A headset's teleport arc: whether one is shown, and where it would land ([x, z]; null on no free floor). */
  aiming: boolean;
  teleportTarget: [number, number] | null;
  /** The panel shown in a headset: its title, link and centre; null when none. */
  headsetPanel: { title: string; link: string; centre: [number, number, number] } | null;
  /** The hall model's bounds in the world (the table-top model's in AR). */
  hallBounds?: () => { min: [number, number, number]; max: [number, number, number] };
  /** An exhibit picture's centre in the world. */
  exhibitCentre?: (exhibit: string) => [number, number, number] | null;
  /** Renders `frames` frames back to back, waiting for the GPU after each: milliseconds per frame. */
  measure?: (frames: number) => number;
  /** Renders `frames` frames back to back, each waited for on the GPU: each one's milliseconds (`empty`: the hall hidden, the canvas's own cost). */
  frameTimes?: (frames: number, empty?: boolean) => number[];
  /**
   * Records the next `frames` frames of the running animation loop as they are shown: the intervals between
   * requestAnimationFrame callbacks (the frame time a visitor gets), each frame's render call timed with
   * `performance.mark`/`measure` (the CPU's submission), the GPU's own time where EXT_disjoint_timer_query_webgl2 is
   * offered (SwiftShader offers none: empty), and renderer.info's draw calls and triangles (the most in any frame).
   * `empty`: the hall hidden meanwhile (the canvas's own cost, the benchmark's peer).
   */
  frameLog?: (frames: number, empty?: boolean) => Promise<FrameLog>;
  /** GPU memory of the scene's textures, as the compiler counts it: RGBA8 and mipmaps. */
  textureBytes?: () => number;
  /** What the renderer holds on the GPU now: textures, geometries and programs (renderer.info), and the sharper pictures shown ([w, h] each). */
  gpu?: () => { textures: number; geometries: number; programs: number; sharper: [number, number][] };
  /** Milliseconds from the navigation's start to each step of the load: GLB fetched, parsed (pictures decoded), textures uploaded, first frame drawn. */
  loadPhases: Record<string, number>;
  /** The tour stops' positions, in order. */
  stops?: { n: number; position: [number, number, number] }[];
  /** The exhibits whose picture the camera sees (centre in view, not hidden behind anything). */
  visibleExhibits?: () => string[];
  goToStop?: (n: number) => Promise<void>;
  walkable?: (x: number, z: number) => boolean;
  stopOf?: (ref: string) => number;
  glbTextureHeight?: (exhibit: string) => number;
  standBefore?: (exhibit: string, metres: number) => void;
  /**
   * Stops the animation loop, draws one frame from exactly this camera and returns it as a PNG data URL: the colour
   * comparison with the C# renderer (tests/…/Halls/ColourMatchTests). Metres and degrees as immersive/Rendering's
   * HallCamera: yaw 0 looks along −Z and grows turning left, pitch + looks up, the field of view is vertical.
   */
  fixView?: (position: [number, number, number], yaw: number, pitch: number, fov: number) => string;
  /** Where an exhibit's picture lies in the canvas from the current camera: [left, top, right, bottom] in pixels; null when not wholly in front. */
  exhibitRect?: (exhibit: string) => [number, number, number, number] | null;
}

/** What `frameLog` recorded: milliseconds. */
export interface FrameLog {
  intervals: number[];
  render: number[];
  gpu: number[];
  drawCalls: number;
  triangles: number;
}

declare global {
  interface Window { qyHall?: HallFigures }
}

/** Frames the page may queue ahead of the GPU before it skips an animation frame (two: the CPU prepares one while the GPU draws the other). */
const maxFramesAhead = 2;

const host = document.getElementById('hall');
if (host) void start(host);

async function start(host: HTMLElement): Promise<void> {
  const figures: HallFigures = {
    state: 'loading', drawCalls: 0, triangles: 0, textures: 0, frameMs: 0, xrViews: 0, sharper: 0, stop: 0, camera: [0, 0, 0],
    heading: 0, rig: [0, 0, 0], xrMode: null, aiming: false, teleportTarget: null, headsetPanel: null, loadPhases: {}, framesAhead: 0, framesSkipped: 0,
  };
  const phase = (name: string) => { figures.loadPhases[name] = Math.round(performance.now()); };
  phase('scriptStarted');
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
  phase('rendererCreated');

  let hall;
  try {
    hall = await loadHall(glb, (f) => say(`正在载入展厅 ${Math.round(f * 100)}%`, `Loading the hall ${Math.round(f * 100)}%`), phase);
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
  // frameLog's recording, when one is asked for.
  let log: (FrameLog & { left: number; last: number; done: (l: FrameLog) => void }) | null = null;
  const gl = renderer.getContext() as WebGL2RenderingContext;
  const timer = gl.getExtension('EXT_disjoint_timer_query_webgl2') as { TIME_ELAPSED_EXT: number; GPU_DISJOINT_EXT: number } | null;
  const queries: WebGLQuery[] = [];
  const readQueries = () => {
    while (queries.length > 0 && gl.getQueryParameter(queries[0], gl.QUERY_RESULT_AVAILABLE)) {
      const q = queries.shift()!;
      const ns = gl.getQueryParameter(q, gl.QUERY_RESULT) as number;
      if (log && timer && !gl.getParameter(timer.GPU_DISJOINT_EXT)) log.gpu.push(ns / 1e6);
      gl.deleteQuery(q);
    }
  };
  // Back-pressure: a frame is drawn only while fewer than `maxFramesAhead` earlier ones are still queued for the GPU
  // (a fence after each). Without it the loop queues frames as fast as rAF fires (a frame is acknowledged when it is
  // submitted, not drawn): on a software renderer (SwiftShader, 50–130 ms a frame) dozens pile up and every later
  // frame, tour step and tab waits behind seconds of them. In a headset the XR compositor paces the frames itself.
  const ahead: WebGLSync[] = [];
  const gpuBehind = () => {
    while (ahead.length > 0 && gl.getSyncParameter(ahead[0], gl.SYNC_STATUS) === gl.SIGNALED) gl.deleteSync(ahead.shift()!);
    return ahead.length >= maxFramesAhead;
  };
  const drawPaced = (time: number) => {
    const behind = gpuBehind();
    if (!renderer.xr.isPresenting && behind) { figures.framesSkipped++; return; }
    drawLogged(time);
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (fence) ahead.push(fence);
    gl.flush();
    if (!renderer.xr.isPresenting) figures.framesAhead = Math.max(figures.framesAhead, ahead.length);
  };
  const drawLogged = (time: number) => {
    if (!log) { draw(); return; }
    if (log.last > 0) log.intervals.push(time - log.last);
    log.last = time;
    const query = timer ? gl.createQuery() : null;
    if (query) gl.beginQuery(timer!.TIME_ELAPSED_EXT, query);
    performance.mark('qy-hall-render');
    draw();
    const entry = performance.measure('qy-hall-render', 'qy-hall-render');
    if (query) { gl.endQuery(timer!.TIME_ELAPSED_EXT); queries.push(query); }
    readQueries();
    log.render.push(entry.duration);
    log.drawCalls = Math.max(log.drawCalls, figures.drawCalls);
    log.triangles = Math.max(log.triangles, figures.triangles);
    if (log.intervals.length >= log.left) {
      const { intervals, render, gpu, drawCalls, triangles, done } = log;
      log = null;
      hall.root.visible = true;
      performance.clearMarks('qy-hall-render');
      performance.clearMeasures('qy-hall-render');
      done({ intervals, render, gpu, drawCalls, triangles });
    }
  };
  figures.frameLog = (frames: number, empty = false) => new Promise<FrameLog>((done) => {
    hall.root.visible = !empty;
    log = { intervals: [], render: [], gpu: [], drawCalls: 0, triangles: 0, left: frames, last: 0, done };
  });
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
    drawPaced(time);
    const p = visitor.eyePosition();
    figures.camera = [p.x, p.y, p.z];
    const look = camera.getWorldDirection(new THREE.Vector3()); // in a headset three.js poses this camera too
    figures.heading = THREE.MathUtils.radToDeg(Math.atan2(-look.x, -look.z));
    figures.rig = [visitor.rig.position.x, visitor.rig.position.z, visitor.rig.rotation.y];
    figures.frameMs = average;
    figures.xrViews = xr.views;
    figures.xrMode = xr.sessionMode;
    figures.aiming = xr.aiming;
    const target = xr.target;
    figures.teleportTarget = target ? [target.x, target.z] : null;
    figures.headsetPanel = worldPanel.mesh.visible && worldPanel.content
      ? { title: worldPanel.content.title.zh, link: worldPanel.content.link?.href ?? '', centre: worldPanel.mesh.position.toArray() }
      : null;
    host.dataset.drawCalls = String(figures.drawCalls);
  });

  // Waits until the GPU has drawn everything asked of it so far: reading a pixel back does (WebGL's finish() need not).
  const pixel = new Uint8Array(4);
  const waitForGpu = () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  figures.frameTimes = (frames: number, empty = false) => {
    hall.root.visible = !empty;
    draw();
    waitForGpu();
    const times: number[] = [];
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      draw();
      waitForGpu();
      times.push(performance.now() - t0);
    }
    hall.root.visible = true;
    draw();
    return times;
  };
  figures.textureBytes = () => {
    const seen = new Set<THREE.Texture>();
    let bytes = 0;
    scene.traverse((o) => {
      const material = (o as THREE.Mesh).material as THREE.Material | THREE.Material[] | undefined;
      for (const m of [material ?? []].flat()) {
        for (const v of Object.values(m)) {
          if (!(v instanceof THREE.Texture) || seen.has(v)) continue;
          seen.add(v);
          const image = v.image as { width?: number; height?: number } | null;
          if (image?.width && image.height) bytes += image.width * image.height * 4 * (v.generateMipmaps ? 4 / 3 : 1);
        }
      }
    });
    return Math.round(bytes);
  };
  figures.gpu = () => ({
    textures: renderer.info.memory.textures,
    geometries: renderer.info.memory.geometries,
    programs: renderer.info.programs?.length ?? 0,
    sharper: sharper.sizes,
  });
  figures.measure = (frames: number) => figures.frameTimes!(frames).reduce((a, b) => a + b, 0) / frames;
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
  figures.hallBounds = () => {
    const box = new THREE.Box3().setFromObject(hall.root);
    return { min: box.min.toArray(), max: box.max.toArray() };
  };
  figures.exhibitCentre = (id: string) => byId.get(id)?.node.getWorldPosition(new THREE.Vector3()).toArray() ?? null;
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
  figures.fixView = (position, yaw, pitch, fov) => {
    renderer.setAnimationLoop(null);
    visitor.rig.position.set(0, 0, 0);
    visitor.rig.rotation.set(0, 0, 0);
    camera.position.set(...position);
    camera.rotation.set(THREE.MathUtils.degToRad(pitch), THREE.MathUtils.degToRad(yaw), 0, 'YXZ');
    camera.fov = fov;
    camera.updateProjectionMatrix();
    draw();
    return canvas.toDataURL('image/png');
  };
  figures.exhibitRect = (id: string) => {
    const x = byId.get(id);
    if (!x) return null;
    camera.updateMatrixWorld();
    const box = new THREE.Box3().setFromObject(x.mesh);
    const rect: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = 0; k < 8; k++) {
      const p = new THREE.Vector3(k & 1 ? box.max.x : box.min.x, k & 2 ? box.max.y : box.min.y, k & 4 ? box.max.z : box.min.z).project(camera);
      if (p.z > 1 || p.z < -1) return null;
      const px = ((p.x + 1) / 2) * canvas.width;
      const py = ((1 - p.y) / 2) * canvas.height;
      rect[0] = Math.min(rect[0], px); rect[1] = Math.min(rect[1], py);
      rect[2] = Math.max(rect[2], px); rect[3] = Math.max(rect[3], py);
    }
    return rect;
  };

  // Each texture uploaded on its own (timed), then the first frame (its programs compiled), waited for on the GPU.
  const loaded = new Set<THREE.Texture>();
  hall.root.traverse((o) => {
    const material = (o as THREE.Mesh).material as THREE.Material | THREE.Material[] | undefined;
    for (const m of [material ?? []].flat()) for (const v of Object.values(m)) if (v instanceof THREE.Texture) loaded.add(v);
  });
  for (const t of loaded) renderer.initTexture(t);
  waitForGpu();
  phase('texturesUploaded');
  draw();
  waitForGpu();
  phase('firstFrame');
  keepForOffline();
  figures.state = 'ready';
  host.dataset.state = 'ready';
  say('展厅已载入：方向键或 WASD 行走，拖动环顾，点击展品走近。', 'The hall is ready: arrows or WASD walk, drag to look, click an exhibit to walk up to it.');
  // Read out once, then out of the way of the view (it stays for screen readers).
  setTimeout(() => status?.classList.add('visually-hidden'), 6000);
}

/**
 * Asks the service worker to keep what this first visit loaded before it took charge (the page, the GLB, the scripts,
 * the pictures), so the hall opens offline next time. Later requests pass through the worker and are kept as they go.
 */
function keepForOffline(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const urls = [location.href, ...performance.getEntriesByType('resource').map((r) => r.name)]
    .filter((u) => new URL(u).origin === location.origin);
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type: 'keep', urls }));
}

/** The service worker keeps the hall, its textures and this page for the VR room's offline days (scope /halls/ only). */
function registerOfflineCopy(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/halls/hall-sw.js', { scope: '/halls/' }).catch(() => {
    // No offline copy: the hall still works online.
  });
}
