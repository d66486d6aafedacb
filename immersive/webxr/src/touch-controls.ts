import * as THREE from 'three';
import { exhibitHit, floorHit, type LoadedExhibit, type LoadedHall } from './hall-loading';
import type { Visitor } from './visitor';

/** Touch: drag to look around, tap the floor to walk there, tap a picture to open its panel. */
export class TouchControls {
  private start: { x: number; y: number; t: number } | null = null;
  private last = { x: 0, y: 0 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly camera: THREE.PerspectiveCamera,
    private readonly hall: LoadedHall,
    private readonly visitor: Visitor,
    private readonly walkTo: (x: number, z: number) => void,
    private readonly onExhibit: (x: LoadedExhibit) => void,
  ) {
    canvas.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'touch') return;
      this.start = { x: e.clientX, y: e.clientY, t: performance.now() };
      this.last = { x: e.clientX, y: e.clientY };
    });
    canvas.addEventListener('pointermove', (e) => {
      if (e.pointerType !== 'touch' || !this.start) return;
      this.visitor.look((e.clientX - this.last.x) * 0.006, (e.clientY - this.last.y) * 0.006);
      this.last = { x: e.clientX, y: e.clientY };
    });
    canvas.addEventListener('pointerup', (e) => {
      if (e.pointerType !== 'touch' || !this.start) return;
      const tap = Math.hypot(e.clientX - this.start.x, e.clientY - this.start.y) < 10 && performance.now() - this.start.t < 400;
      this.start = null;
      if (tap) this.tap(e.clientX, e.clientY);
    });
  }

  private tap(clientX: number, clientY: number): void {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    const raycaster = new THREE.Raycaster();
    raycaster.setFromCamera(ndc, this.camera);
    const exhibit = exhibitHit(this.hall, raycaster);
    if (exhibit) {
      this.onExhibit(exhibit);
      return;
    }
    const p = floorHit(raycaster.ray);
    if (p) this.walkTo(p.x, p.z);
  }
}
