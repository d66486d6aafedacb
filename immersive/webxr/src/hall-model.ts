// The facts of a compiled hall (contract qy-hall/2, immersive/README.md) as the client uses them.

export interface Bilingual { zh: string; en?: string }

export interface TourStop {
  n: number;
  kind: 'section' | 'exhibit';
  ref: string;
  node: string;
  position: [number, number, number];
  direction: [number, number, number];
  title: Bilingual;
  text?: Bilingual;
}

export interface HallFacts {
  format: string;
  exhibition: string;
  title: Bilingual;
  eyeHeight: number;
  spawn: { position: [number, number, number]; direction: [number, number, number] };
  teleport: { polygon: [number, number][] }[];
  blocked: { id: string; polygon: [number, number][] }[];
  tour: TourStop[];
}

export interface ExhibitFacts {
  exhibit: string;
  section: string;
  number: number;
  item: string;
  page: number;
  canvas: string;
  region: string;
  service: string;
  image: string;
  readingRoom: string;
  size: [number, number];
  texture: [number, number];
  /** qy-hall/2: where the picture is in the GLB's atlas (page from 1: image and material `atlas-{page}`; uv: u0, v0, u1, v1 from the top left). */
  atlas?: { page: number; uv: [number, number, number, number] };
  label: Bilingual;
  text?: Bilingual;
}

/** Yaw (about +y) that makes a camera looking down its −Z face `direction`. */
export function yawOf(direction: readonly number[]): number {
  return Math.atan2(-direction[0], -direction[2]);
}

/** Pitch (about the camera's x) that tilts the view to `direction`'s height. */
export function pitchOf(direction: readonly number[]): number {
  const len = Math.hypot(direction[0], direction[1], direction[2]) || 1;
  return Math.asin(Math.max(-1, Math.min(1, direction[1] / len)));
}
