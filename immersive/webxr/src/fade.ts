import * as THREE from 'three';

/**
 * Comfortable transitions: the view goes dark, the move happens unseen, the view comes back. On a screen it is a
 * page overlay; in a headset a dark shell around the eyes (an HTML overlay is not drawn there).
 */
export class Fade {
  private readonly shell: THREE.Mesh;
  private readonly material = new THREE.MeshBasicMaterial({ color: 0x000000, transparent: true, opacity: 0, side: THREE.BackSide, depthTest: false, depthWrite: false });

  constructor(camera: THREE.Camera, private readonly overlay: HTMLElement, private readonly inHeadset: () => boolean) {
    this.shell = new THREE.Mesh(new THREE.SphereGeometry(0.3, 16, 8), this.material);
    this.shell.renderOrder = 10_000;
    this.shell.visible = false;
    camera.add(this.shell);
  }

  /** Darkens over `ms`, runs `move`, brightens again; with reduced motion the move is immediate. */
  async through(move: () => void, ms = 180): Promise<void> {
    if (matchMedia('(prefers-reduced-motion: reduce)').matches && !this.inHeadset()) {
      move();
      return;
    }
    await this.animate(0, 1, ms);
    move();
    // On a screen, the first frames at the new place are drawn while still dark (a slow frame would show the move).
    if (!this.inHeadset()) await framesDrawn(2);
    await this.animate(1, 0, ms);
  }

  private animate(from: number, to: number, ms: number): Promise<void> {
    const start = performance.now();
    return new Promise((resolve) => {
      const tick = () => {
        const t = Math.min(1, (performance.now() - start) / ms);
        this.set(from + (to - from) * t);
        if (t < 1) setTimeout(tick, 16);
        else resolve();
      };
      tick();
    });
  }

  private set(opacity: number): void {
    this.material.opacity = opacity;
    this.shell.visible = opacity > 0 && this.inHeadset();
    this.overlay.style.opacity = String(this.inHeadset() ? 0 : opacity);
  }
}

function framesDrawn(n: number): Promise<void> {
  return new Promise((resolve) => {
    const next = () => (n-- <= 0 ? resolve() : requestAnimationFrame(next));
    next();
  });
}
