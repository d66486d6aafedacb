import * as THREE from 'three';
import { exhibitHit, type LoadedExhibit, type LoadedHall } from './hall-loading';
import type { Fade } from './fade';
import type { WorldPanel } from './exhibit-panel';
import type { Visitor } from './visitor';

const snapAngle = Math.PI / 6;

interface Hand {
  controller: THREE.Group;
  ray: THREE.Line;
  arc: THREE.Line;
  target: THREE.Vector3 | null;
  /** Aiming with the thumbstick pushed forward: teleports when the stick comes back. */
  aiming: boolean;
  /** Aiming with the trigger (or a hand's pinch) held on the floor: teleports when it is let go. */
  selecting: boolean;
  turned: boolean;
}

/**
 * Headsets: an Enter VR button (immersive-vr) with controller or hand teleport (a parabolic arc onto free floor, then a
 * blink), snap turn on the thumbstick, and a ray whose select opens the exhibit's panel (or, on the panel, the reading
 * room); and, where offered, immersive-ar with the hall as a table-top model.
 */
export class XrSession {
  private readonly hands: Hand[] = [];
  private readonly marker: THREE.Mesh;
  private readonly raycaster = new THREE.Raycaster();
  private mode: 'vr' | 'ar' | null = null;
  /** How many views the last XR frame drew (2 for a stereo headset). */
  views = 0;

  constructor(
    private readonly renderer: THREE.WebGLRenderer,
    private readonly scene: THREE.Scene,
    private readonly hall: LoadedHall,
    private readonly visitor: Visitor,
    private readonly fade: Fade,
    private readonly panel: WorldPanel,
    private readonly onExhibit: (x: LoadedExhibit) => void,
  ) {
    renderer.xr.enabled = true;
    renderer.xr.setReferenceSpaceType('local-floor');
    this.marker = new THREE.Mesh(new THREE.RingGeometry(0.18, 0.25, 32).rotateX(-Math.PI / 2), new THREE.MeshBasicMaterial({ color: 0x7fd1a8 }));
    this.marker.visible = false;
    scene.add(this.marker);
    for (const i of [0, 1]) {
      const controller = renderer.xr.getController(i);
      const ray = new THREE.Line(new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(), new THREE.Vector3(0, 0, -5)]), new THREE.LineBasicMaterial({ color: 0xf5efe3 }));
      const arc = new THREE.Line(new THREE.BufferGeometry().setFromPoints(Array.from({ length: 32 }, () => new THREE.Vector3())), new THREE.LineBasicMaterial({ color: 0x7fd1a8 }));
      arc.visible = false;
      arc.frustumCulled = false;
      controller.add(ray);
      visitor.rig.add(controller);
      scene.add(arc);
      const hand: Hand = { controller, ray, arc, target: null, aiming: false, selecting: false, turned: false };
      controller.addEventListener('selectstart', () => this.selectStart(hand));
      controller.addEventListener('selectend', () => void this.selectEnd(hand));
      this.hands.push(hand);
    }
  }

  get active(): boolean {
    return this.mode !== null;
  }

  /** 'vr', 'ar' or null (for the page's figures). */
  get sessionMode(): 'vr' | 'ar' | null {
    return this.mode;
  }

  /** Where a teleport would land now (the marker), or null when no arc points at free floor. */
  get target(): THREE.Vector3 | null {
    return this.hands.find((h) => (h.aiming || h.selecting) && h.target)?.target ?? null;
  }

  /** Whether an arc is shown (a hand aims). */
  get aiming(): boolean {
    return this.hands.some((h) => h.aiming || h.selecting);
  }

  /** Shows the Enter VR / AR buttons the browser offers. */
  async offer(vrButton: HTMLButtonElement, arButton: HTMLButtonElement): Promise<void> {
    const xr = navigator.xr;
    if (!xr) return;
    if (await xr.isSessionSupported('immersive-vr').catch(() => false)) {
      vrButton.hidden = false;
      vrButton.addEventListener('click', () => void this.start('vr'));
    }
    if (await xr.isSessionSupported('immersive-ar').catch(() => false)) {
      arButton.hidden = false;
      arButton.addEventListener('click', () => void this.start('ar'));
    }
  }

  async start(mode: 'vr' | 'ar'): Promise<void> {
    const xr = navigator.xr;
    if (!xr || this.mode) return;
    const session = await xr.requestSession(mode === 'vr' ? 'immersive-vr' : 'immersive-ar', {
      optionalFeatures: ['local-floor', 'hand-tracking'],
    });
    this.mode = mode;
    const root = this.hall.root;
    const saved = { position: root.position.clone(), scale: root.scale.clone(), background: this.scene.background, rig: this.visitor.rig.position.clone(), yaw: this.visitor.yaw };
    if (mode === 'ar') {
      // A table-top model: 1:40, its middle 1 m before the visitor at table height; the room shows through.
      const box = new THREE.Box3().setFromObject(root);
      const middle = box.getCenter(new THREE.Vector3());
      root.scale.setScalar(1 / 40);
      root.position.set(-middle.x / 40, 0.75, -middle.z / 40 - 1);
      this.visitor.rig.position.set(0, 0, 0);
      this.visitor.yaw = 0;
      this.scene.background = null;
    }
    this.visitor.pitch = 0;
    this.visitor.apply();
    session.addEventListener('end', () => {
      this.mode = null;
      this.views = 0;
      root.position.copy(saved.position);
      root.scale.copy(saved.scale);
      this.scene.background = saved.background;
      if (mode === 'ar') { this.visitor.rig.position.copy(saved.rig); this.visitor.yaw = saved.yaw; }
      this.visitor.camera.position.set(0, this.visitor.eyeHeight, 0);
      this.visitor.apply();
      this.panel.hide();
      for (const h of this.hands) { h.arc.visible = false; h.aiming = false; h.selecting = false; h.target = null; }
      this.marker.visible = false;
    });
    await this.renderer.xr.setSession(session as unknown as XRSession);
  }

  async end(): Promise<void> {
    await this.renderer.xr.getSession()?.end();
  }

  /** Per XR frame: views drawn, thumbsticks (snap turn, aim), the arcs. */
  update(frame: XRFrame | undefined): void {
    if (!this.mode) return;
    const space = this.renderer.xr.getReferenceSpace();
    if (frame && space) this.views = frame.getViewerPose(space)?.views.length ?? 0;
    const session = this.renderer.xr.getSession();
    if (!session || this.mode === 'ar') return;
    let i = 0;
    for (const source of session.inputSources) {
      const hand = this.hands[i++];
      if (!hand) break;
      const axes = source.gamepad?.axes ?? [];
      const sx = axes[2] ?? 0;
      const sy = axes[3] ?? 0;
      if (Math.abs(sx) > 0.7 && !hand.turned) {
        hand.turned = true;
        void this.fade.through(() => this.visitor.turnAboutHead(sx > 0 ? -snapAngle : snapAngle), 80);
      } else if (Math.abs(sx) < 0.3) hand.turned = false;
      if (sy < -0.7) hand.aiming = true;
      else if (hand.aiming && Math.abs(sy) < 0.3) { hand.aiming = false; void this.teleport(hand); }
    }
    for (const h of this.hands) {
      if (h.aiming || h.selecting) this.aim(h);
      else h.arc.visible = false;
    }
    this.marker.visible = this.hands.some((h) => (h.aiming || h.selecting) && h.target);
  }

  /** The arc: a throw from the controller at 7 m/s under gravity; its landing is the target if the floor is free. */
  private aim(h: Hand): void {
    const origin = h.controller.getWorldPosition(new THREE.Vector3());
    const dir = new THREE.Vector3(0, 0, -1).applyQuaternion(h.controller.getWorldQuaternion(new THREE.Quaternion()));
    const v = dir.multiplyScalar(7);
    const points = h.arc.geometry.attributes.position as THREE.BufferAttribute;
    let landing: THREE.Vector3 | null = null;
    const p = new THREE.Vector3();
    for (let k = 0; k < points.count; k++) {
      const t = k * 0.05;
      p.set(origin.x + v.x * t, origin.y + v.y * t - 4.9 * t * t, origin.z + v.z * t);
      if (!landing && p.y <= 0) {
        // Where the parabola meets the floor (y = 0), not the first sample under it.
        const tf = (v.y + Math.sqrt(v.y * v.y + 19.6 * Math.max(0, origin.y))) / 9.8;
        landing = new THREE.Vector3(origin.x + v.x * tf, 0, origin.z + v.z * tf);
      }
      const q = landing ?? p;
      points.setXYZ(k, q.x, q.y, q.z);
    }
    points.needsUpdate = true;
    h.arc.visible = true;
    h.target = landing && this.visitor.floor.allows(landing.x, landing.z) ? landing : null;
    (h.arc.material as THREE.LineBasicMaterial).color.set(h.target ? 0x7fd1a8 : 0xd06060);
    if (h.target) this.marker.position.set(h.target.x, 0.01, h.target.z);
  }

  /** Teleports to the target with a blink: the head (not the rig's origin) lands on the target. */
  private async teleport(h: Hand): Promise<void> {
    const target = h.target;
    h.target = null;
    h.arc.visible = false;
    if (!target) return;
    await this.fade.through(() => {
      const head = this.visitor.camera.getWorldPosition(new THREE.Vector3());
      this.visitor.rig.position.x += target.x - head.x;
      this.visitor.rig.position.z += target.z - head.z;
    }, 120);
  }

  private selectStart(hand: Hand): void {
    if (!this.mode || this.mode === 'ar') return;
    // three.js has just posed the controller from the event's frame, but its world matrix is still the last render's:
    // a hand moved and pinched within one frame would otherwise select along where it pointed before.
    hand.controller.updateWorldMatrix(true, false);
    const m = hand.controller.matrixWorld;
    this.raycaster.ray.origin.setFromMatrixPosition(m);
    this.raycaster.ray.direction.set(0, 0, -1).transformDirection(m);
    if (this.panel.mesh.visible && this.raycaster.intersectObject(this.panel.mesh, false).length > 0) {
      const href = this.panel.content?.link?.href;
      if (href) void this.end().then(() => { location.href = href; });
      return;
    }
    const x = exhibitHit(this.hall, this.raycaster);
    if (x) { this.onExhibit(x); return; }
    if (this.panel.mesh.visible) { this.panel.hide(); return; }
    hand.selecting = true; // trigger held on the floor: aim, teleport on release (hands pinch the same way)
  }

  private async selectEnd(hand: Hand): Promise<void> {
    if (!hand.selecting) return;
    hand.selecting = false;
    if (hand.aiming) return; // the thumbstick still aims: its release teleports
    this.aim(hand);
    await this.teleport(hand);
  }
}
