import * as THREE from 'three';
import { pitchOf, yawOf } from './hall-model';
import type { WalkableFloor } from './walkable';

/**
 * The visitor: a rig standing on the floor (position, yaw) with the camera at eye height inside it (pitch). In a
 * headset WebXR moves the camera within the rig; teleporting and snap turns move the rig.
 */
export class Visitor {
  readonly rig = new THREE.Group();
  yaw = 0;
  pitch = 0;

  constructor(readonly camera: THREE.PerspectiveCamera, readonly floor: WalkableFloor, readonly eyeHeight: number) {
    this.rig.add(camera);
    camera.position.set(0, eyeHeight, 0);
    camera.rotation.order = 'YXZ';
  }

  /** Stands at (x, z) looking along `direction` (pitch only outside a headset). */
  standAt(position: readonly number[], direction: readonly number[], inHeadset = false): void {
    this.rig.position.set(position[0], 0, position[2]);
    this.yaw = yawOf(direction);
    this.pitch = inHeadset ? 0 : pitchOf(direction);
    this.apply();
  }

  look(dYaw: number, dPitch: number): void {
    this.yaw += dYaw;
    this.pitch = Math.max(-1.3, Math.min(1.3, this.pitch + dPitch));
    this.apply();
  }

  /** Walks by (forward, right) metres in the view's horizontal plane, kept on the walkable floor. */
  walk(forward: number, right: number): void {
    const sin = Math.sin(this.yaw);
    const cos = Math.cos(this.yaw);
    const dx = -sin * forward + cos * right;
    const dz = -cos * forward - sin * right;
    const [x, z] = this.floor.step(this.rig.position.x, this.rig.position.z, dx, dz);
    this.rig.position.x = x;
    this.rig.position.z = z;
  }

  /** Moves onto free floor at (x, z); false (and no move) when the floor there is not walkable. */
  moveTo(x: number, z: number): boolean {
    if (!this.floor.allows(x, z)) return false;
    this.rig.position.x = x;
    this.rig.position.z = z;
    return true;
  }

  /** Turns the rig by `angle` about the viewer's head (snap turn in a headset). */
  turnAboutHead(angle: number): void {
    const head = new THREE.Vector3();
    this.camera.getWorldPosition(head);
    this.rig.position.sub(head).applyAxisAngle(new THREE.Vector3(0, 1, 0), angle).add(head);
    this.rig.rotation.y += angle;
    this.yaw += angle;
  }

  apply(): void {
    this.rig.rotation.y = this.yaw;
    this.camera.rotation.set(this.pitch, 0, 0);
  }

  eyePosition(): THREE.Vector3 {
    return this.camera.getWorldPosition(new THREE.Vector3());
  }
}
