import * as THREE from 'three';
import type { LoadedExhibit } from './hall-loading';

const near = 2.0;
const far = 3.0; // released beyond this (hysteresis: no fetch/release flicker at the edge)

interface ImageInfo { width: number; height: number; maxWidth?: number; maxHeight?: number; maxArea?: number }

interface Sharpened { texture: THREE.Texture | null; pending: boolean; size: [number, number] }

/**
 * Sharper up close: within about 2 m of an exhibit, its region is asked of the exhibit's IIIF Image API 3 service
 * (info.json, then one region request sized to what the screen or headset shows of the picture) and is drawn over the
 * GLB's picture (on the exhibit's overlay quad, see hall-loading.ts); beyond 3 m the sharper texture is released and the
 * GLB's picture shows again.
 */
export class SharperTiles {
  private readonly state = new Map<LoadedExhibit, Sharpened>();
  private readonly infos = new Map<string, Promise<ImageInfo>>();
  private readonly loader = new THREE.ImageBitmapLoader();

  constructor(private readonly exhibits: LoadedExhibit[], private readonly baseUrl: URL, private readonly renderer: THREE.WebGLRenderer) {
    // As GLTFLoader does: no flip on decode, flipY = false on the texture (glTF's uv origin is the top left).
    this.loader.setOptions({ imageOrientation: 'none' });
  }

  /** Called a few times a second with the eye's position and the camera (for its field of view). */
  update(eye: THREE.Vector3, camera: THREE.PerspectiveCamera, viewportHeight: number): void {
    const centre = new THREE.Vector3();
    for (const x of this.exhibits) {
      const d = x.node.getWorldPosition(centre).distanceTo(eye);
      const s = this.state.get(x);
      if (d < near && !s) this.sharpen(x, d, camera, viewportHeight);
      else if (d > far && s && !s.pending) this.release(x);
    }
  }

  /** How many exhibits show a sharper texture now (for the page's figures). */
  get count(): number {
    let n = 0;
    for (const s of this.state.values()) if (s.texture) n++;
    return n;
  }

  /** The sizes of the sharper pictures shown now ([w, h] each). */
  get sizes(): [number, number][] {
    return [...this.state.values()].filter((s) => s.texture).map((s) => s.size);
  }

  private async sharpen(x: LoadedExhibit, distance: number, camera: THREE.PerspectiveCamera, viewportHeight: number): Promise<void> {
    const s: Sharpened = { texture: null, pending: true, size: [0, 0] };
    this.state.set(x, s);
    try {
      const service = new URL(x.facts.service, this.baseUrl).href.replace(/\/$/, '');
      let info = this.infos.get(service);
      if (!info) {
        info = fetch(service + '/info.json').then((r) => {
          if (!r.ok) throw new Error(`info.json ${r.status}`);
          return r.json() as Promise<ImageInfo>;
        });
        this.infos.set(service, info);
      }
      const facts = await info;
      const [, , rw, rh] = x.facts.region.split(',').map(Number);
      const regionW = rw || facts.width;
      const regionH = rh || facts.height;
      // The picture's height on the screen from 1 m closer than now (the visitor is walking up to it), at most the
      // region's own pixels, the service's limits and the GPU's.
      const pxPerMetre = viewportHeight / (2 * Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2) * Math.max(0.5, distance - 0.5));
      let h = Math.min(regionH, Math.ceil(x.facts.size[1] * pxPerMetre), 4096, this.renderer.capabilities.maxTextureSize);
      h = Math.max(h, x.facts.texture[1] * 2);
      h = Math.min(h, regionH);
      let w = Math.round((h * regionW) / regionH);
      if (facts.maxWidth && w > facts.maxWidth) { h = Math.round((h * facts.maxWidth) / w); w = facts.maxWidth; }
      if (facts.maxHeight && h > facts.maxHeight) { w = Math.round((w * facts.maxHeight) / h); h = facts.maxHeight; }
      if (facts.maxArea && w * h > facts.maxArea) { const k = Math.sqrt(facts.maxArea / (w * h)); w = Math.floor(w * k); h = Math.floor(h * k); }
      if (h <= x.facts.texture[1]) { s.pending = false; return; } // nothing sharper to be had
      const url = `${service}/${x.facts.region || 'full'}/${w},${h}/0/default.jpg`;
      const bitmap = await this.loader.loadAsync(url);
      if (this.state.get(x) !== s) { bitmap.close(); return; } // released meanwhile
      const texture = new THREE.Texture(bitmap as unknown as HTMLImageElement);
      texture.colorSpace = THREE.SRGBColorSpace;
      texture.flipY = false;
      texture.anisotropy = this.renderer.capabilities.getMaxAnisotropy();
      texture.needsUpdate = true;
      const material = x.mesh.material as THREE.MeshBasicMaterial;
      if (x.baseMap) { texture.wrapS = x.baseMap.wrapS; texture.wrapT = x.baseMap.wrapT; }
      material.map = texture;
      material.needsUpdate = true;
      if (x.overlay) x.mesh.visible = true; // an overlay quad shows only while it has sharper tiles
      s.texture = texture;
      s.size = [w, h];
      x.mesh.userData.sharper = `${w}x${h}`;
    } catch {
      // Offline or refused: the GLB's texture stays; try again when the visitor comes back.
      this.state.delete(x);
      return;
    }
    s.pending = false;
  }

  private release(x: LoadedExhibit): void {
    const s = this.state.get(x);
    this.state.delete(x);
    if (!s?.texture) return;
    const material = x.mesh.material as THREE.MeshBasicMaterial;
    material.map = x.baseMap;
    material.needsUpdate = true;
    if (x.overlay) x.mesh.visible = false; // the atlas picture under it shows again
    (s.texture.image as ImageBitmap | undefined)?.close?.();
    s.texture.dispose();
    delete x.mesh.userData.sharper;
  }
}
