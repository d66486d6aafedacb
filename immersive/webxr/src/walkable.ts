import type { HallFacts } from './hall-model';

type Polygon = [number, number][];

function inside(polygon: Polygon, x: number, z: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, zi] = polygon[i];
    const [xj, zj] = polygon[j];
    if ((zi > z) !== (zj > z) && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) hit = !hit;
  }
  return hit;
}

/** The floor a visitor may stand on: the hall's teleport polygons minus the blocked ones (fixtures, screens). */
export class WalkableFloor {
  constructor(private readonly hall: Pick<HallFacts, 'teleport' | 'blocked'>) {}

  allows(x: number, z: number): boolean {
    return this.hall.teleport.some((t) => inside(t.polygon, x, z)) && !this.hall.blocked.some((b) => inside(b.polygon, x, z));
  }

  /**
   * Where a step from (x, z) by (dx, dz) ends: the whole step if it lands on free floor, else the step along one axis
   * (sliding along a wall), else no step at all.
   */
  step(x: number, z: number, dx: number, dz: number): [number, number] {
    // Off the floor (a spawn point in a doorway): free to step onto it.
    if (!this.allows(x, z)) return [x + dx, z + dz];
    if (this.allows(x + dx, z + dz)) return [x + dx, z + dz];
    if (this.allows(x + dx, z)) return [x + dx, z];
    if (this.allows(x, z + dz)) return [x, z + dz];
    return [x, z];
  }
}
