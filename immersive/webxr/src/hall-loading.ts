import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { ExhibitFacts, HallFacts, TourStop } from './hall-model';

export interface LoadedExhibit {
  facts: ExhibitFacts;
  node: THREE.Object3D;
  /**
   * The exhibit's own quad: what a pointer or ray hits, and where sharper tiles are drawn. In a qy-hall/2 GLB the
   * picture is part of an atlas page's merged mesh, so this is a quad made here over it, hidden (no draw call) until
   * sharper tiles show on it; in a qy-hall/1 GLB it is the exhibit node's own mesh.
   */
  mesh: THREE.Mesh;
  /** The texture compiled into the GLB on `mesh` (restored when sharper tiles are released); null for an overlay quad. */
  baseMap: THREE.Texture | null;
  /** Whether `mesh` is an overlay quad made here (shown only while it has sharper tiles). */
  overlay: boolean;
}

/** How far in front of the atlas picture an exhibit's overlay quad lies (metres): drawn over it, never fighting it. */
const overlayOffset = 0.002;

export interface LoadedHall {
  root: THREE.Group;
  facts: HallFacts;
  exhibits: LoadedExhibit[];
  stops: TourStop[];
  /** Meshes a pointer may hit to walk: the building (its floor). */
  building: THREE.Object3D[];
  /** The GLB's own URL: extras' root-relative URLs resolve against it. */
  baseUrl: URL;
}

/** Loads `/halls/{exhibition}.glb` and reads its qy-hall/2 (or /1) extras (scene extras → userData.qyHall, nodes → userData.qyExhibit). */
export async function loadHall(glbUrl: string, onProgress?: (fraction: number) => void, onPhase?: (name: string) => void): Promise<LoadedHall> {
  const baseUrl = new URL(glbUrl, document.baseURI);
  const loader = new GLTFLoader();
  // The GLB's pictures are decoded from blob: URLs. GLTFLoader fetches those (ImageBitmapLoader) where it can, which
  // the site's CSP (connect-src 'self') refuses; as <img> (img-src allows blob:) they load. flipY is set by the parser.
  loader.register((parser) => {
    const images = new THREE.TextureLoader(parser.options.manager);
    images.setCrossOrigin(parser.options.crossOrigin);
    parser.textureLoader = images;
    return { name: 'qy_textures_as_images' };
  });
  // Fetched, then parsed (the pictures decoded), as two steps the page can time.
  const file = new THREE.FileLoader();
  file.setResponseType('arraybuffer');
  const bytes = await file.loadAsync(baseUrl.href, (e) => {
    if (onProgress && e.total > 0) onProgress(e.loaded / e.total);
  }) as ArrayBuffer;
  onPhase?.('glbFetched');
  const gltf = await loader.parseAsync(bytes, new URL('.', baseUrl).href);
  onPhase?.('glbParsed');
  const root = gltf.scene;
  const facts = root.userData.qyHall as HallFacts | undefined;
  if (!facts || !['qy-hall/1', 'qy-hall/2'].includes(facts.format)) throw new Error(`not a qy-hall hall: ${baseUrl.pathname}`);

  const exhibits: LoadedExhibit[] = [];
  const building: THREE.Object3D[] = [];
  root.traverse((o) => {
    const exhibit = o.userData.qyExhibit as ExhibitFacts | undefined;
    if (exhibit) {
      let mesh: THREE.Mesh | null = null;
      o.traverse((c) => { if (!mesh && (c as THREE.Mesh).isMesh) mesh = c as THREE.Mesh; });
      if (mesh) {
        const m = mesh as THREE.Mesh;
        const material = m.material as THREE.MeshBasicMaterial;
        exhibits.push({ facts: exhibit, node: o, mesh: m, baseMap: material.map ?? null, overlay: false });
      } else {
        exhibits.push({ facts: exhibit, node: o, mesh: overlayQuad(exhibit), baseMap: null, overlay: true });
      }
    }
    if (o.name === 'hall') building.push(o);
  });
  for (const x of exhibits) if (x.overlay) x.node.add(x.mesh); // after the traversal, which must not see them
  root.updateMatrixWorld(true);
  return { root, facts, exhibits, stops: [...facts.tour].sort((a, b) => a.n - b.n), building, baseUrl };
}

/** A hidden quad over an exhibit's atlas picture (its node's XY plane, facing +Z, `size` metres). */
function overlayQuad(facts: ExhibitFacts): THREE.Mesh {
  const geometry = new THREE.PlaneGeometry(facts.size[0], facts.size[1]);
  // Textures here are not flipped on upload (glTF's uv origin is the image's top left): turn the plane's uvs to match.
  const uv = geometry.getAttribute('uv');
  for (let i = 0; i < uv.count; i++) uv.setY(i, 1 - uv.getY(i));
  const quad = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial());
  quad.name = `sharper:${facts.exhibit}`;
  quad.position.z = overlayOffset;
  quad.visible = false;
  return quad;
}

/** The exhibit whose picture a ray hits first, if any. */
export function exhibitHit(hall: LoadedHall, raycaster: THREE.Raycaster): LoadedExhibit | null {
  const hits = raycaster.intersectObjects(hall.exhibits.map((x) => x.mesh), false);
  if (hits.length === 0) return null;
  return hall.exhibits.find((x) => x.mesh === hits[0].object) ?? null;
}

/** Where a ray meets the floor (y = 0), if it points down at it within `maxDistance`. */
export function floorHit(ray: THREE.Ray, maxDistance = 30): THREE.Vector3 | null {
  if (ray.direction.y >= -1e-3) return null;
  const t = -ray.origin.y / ray.direction.y;
  if (t <= 0 || t > maxDistance) return null;
  return ray.at(t, new THREE.Vector3());
}
