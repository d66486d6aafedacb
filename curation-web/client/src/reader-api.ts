// What the reading room's parts (item search, line boxes) may ask of the viewer, so that each stays one job.
import type OpenSeadragon from 'openseadragon';

export interface Reader {
  viewer: OpenSeadragon.Viewer;
  item: string;
  /** The page orders that have an image, in book order (the manifest's canvases). */
  orders: number[];
  /** The order of the page shown. */
  current(): number;
  /** Turns to the page of this order (nothing if it is shown or has no image). */
  turnTo(order: number): void;
  /** Called each time a page's image has opened (boxes can be drawn on it), with its order. */
  onPageOpen(listener: (order: number) => void): void;
}
