import * as THREE from 'three';
import { exhibitHit, type LoadedExhibit, type LoadedHall } from './hall-loading';
import type { Visitor } from './visitor';

const keysForward = new Set(['KeyW', 'ArrowUp']);
const keysBack = new Set(['KeyS', 'ArrowDown']);
const keysLeft = new Set(['KeyA']);
const keysRight = new Set(['KeyD']);
const keysTurnLeft = new Set(['ArrowLeft', 'KeyQ']);
const keysTurnRight = new Set(['ArrowRight', 'KeyE']);

/**
 * Keyboard and mouse: WASD to walk (arrows walk and turn), drag to look, a click on a picture walks up to it
 * (stopping in front of it on free floor) and opens its panel. Keys act only while the canvas has focus.
 */
export class DesktopControls {
  private readonly held = new Set<string>();
  private dragging = false;
  private moved = 0;
  private last = { x: 0, y: 0 };
  /** A walk up to an exhibit in progress; `at`: where its last step left the visitor. */
  private zoom: { from: THREE.Vector3; to: THREE.Vector3; yaw0: number; yaw1: number; start: number; at: THREE.Vector3 } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly camera: THREE.PerspectiveCamera,
    private readonly hall: LoadedHall,
    private readonly visitor: Visitor,
    private readonly onExhibit: (x: LoadedExhibit) => void,
  ) {
    canvas.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if ([...keysForward, ...keysBack, ...keysLeft, ...keysRight, ...keysTurnLeft, ...keysTurnRight].includes(e.code)) {
        this.held.add(e.code);
        e.preventDefault();
      }
    });
    canvas.addEventListener('keyup', (e) => this.held.delete(e.code));
    canvas.addEventListener('blur', () => this.held.clear());
    canvas.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'touch') return;
      this.dragging = true;
      this.moved = 0;
      this.last = { x: e.clientX, y: e.clientY };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.dragging || e.pointerType === 'touch') return;
      const dx = e.clientX - this.last.x;
      const dy = e.clientY - this.last.y;
      this.last = { x: e.clientX, y: e.clientY };
      this.moved += Math.abs(dx) + Math.abs(dy);
      this.visitor.look(dx * 0.004, dy * 0.004);
    });
    canvas.addEventListener('pointerup', (e) => {
      if (e.pointerType === 'touch' || !this.dragging) return;
      this.dragging = false;
      if (this.moved < 5) this.click(e.clientX, e.clientY);
    });
  }

  /** A click on a picture: walk to 1.2 m in front of it (on free floor) facing it, and open its panel. */
  private click(clientX: number, clientY: number): void {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    const raycaster = new THREE.Raycaster();
    raycaster.setFromCamera(ndc, this.camera);
    const hit = exhibitHit(this.hall, raycaster);
    if (!hit) return;
    this.approach(hit);
    this.onExhibit(hit);
  }

  /** Walks (smoothly on a screen) to stand before an exhibit. */
  approach(x: LoadedExhibit): void {
    const centre = x.node.getWorldPosition(new THREE.Vector3());
    const normal = new THREE.Vector3(0, 0, 1).applyQuaternion(x.node.getWorldQuaternion(new THREE.Quaternion()));
    for (const d of [1.2, 1.5, 1.0, 2.0, 0.8]) {
      const to = centre.clone().addScaledVector(normal, d);
      if (!this.visitor.floor.allows(to.x, to.z)) continue;
      const yaw1 = Math.atan2(-(centre.x - to.x), -(centre.z - to.z));
      let yaw0 = this.visitor.yaw;
      while (yaw0 - yaw1 > Math.PI) yaw0 -= 2 * Math.PI;
      while (yaw1 - yaw0 > Math.PI) yaw0 += 2 * Math.PI;
      const from = this.visitor.rig.position.clone();
      this.zoom = { from, to: new THREE.Vector3(to.x, 0, to.z), yaw0, yaw1, start: performance.now(), at: from.clone() };
      this.visitor.pitch = Math.atan2(centre.y - this.visitor.eyeHeight, d);
      return;
    }
  }

  /** Per frame: held keys walk (1.4 m/s) and turn; a zoom in progress eases along. */
  update(dt: number): void {
    // Moved by something else since the walk's last step (the tour's next stop, the page's script): that move wins,
    // or the walk's next step would carry the visitor back (on a slow software renderer a step can come seconds late).
    if (this.zoom && !this.visitor.rig.position.equals(this.zoom.at)) this.zoom = null;
    if (this.zoom) {
      const t = Math.min(1, (performance.now() - this.zoom.start) / 600);
      const k = t * t * (3 - 2 * t);
      this.visitor.rig.position.lerpVectors(this.zoom.from, this.zoom.to, k);
      this.visitor.yaw = this.zoom.yaw0 + (this.zoom.yaw1 - this.zoom.yaw0) * k;
      this.visitor.apply();
      this.zoom.at.copy(this.visitor.rig.position);
      if (t >= 1) this.zoom = null;
      return;
    }
    let forward = 0;
    let right = 0;
    let turn = 0;
    for (const k of this.held) {
      if (keysForward.has(k)) forward += 1;
      if (keysBack.has(k)) forward -= 1;
      if (keysLeft.has(k)) right -= 1;
      if (keysRight.has(k)) right += 1;
      if (keysTurnLeft.has(k)) turn += 1;
      if (keysTurnRight.has(k)) turn -= 1;
    }
    if (turn !== 0) this.visitor.look(turn * 1.5 * dt, 0);
    if (forward !== 0 || right !== 0) this.visitor.walk(forward * 1.4 * dt, right * 1.4 * dt);
  }
}
