import { tileSize } from '../../core/meeting/layout-fns';
import type { VideoKind, VisibleTile } from '../../core/meeting/meeting-types';

interface Watched {
  participantId: string;
  kind: VideoKind;
  visible: boolean;
  width: number;
}

/**
 * Which tiles are on screen and how wide they are, from an IntersectionObserver and a ResizeObserver; reports the
 * complete list whenever it changes, so the meeting receives only the videos people can see, in a fitting size.
 * Browsers without the observers count every tile as visible and medium-sized.
 */
export class TileVisibility {
  private readonly watched = new Map<Element, Watched>();
  private readonly intersection: IntersectionObserver | undefined;
  private readonly resize: ResizeObserver | undefined;

  constructor(private readonly report: (tiles: VisibleTile[]) => void) {
    this.intersection =
      typeof IntersectionObserver === 'undefined'
        ? undefined
        : new IntersectionObserver((entries) => {
            for (const entry of entries) {
              const watched = this.watched.get(entry.target);
              if (watched) {
                watched.visible = entry.isIntersecting;
              }
            }
            this.changed();
          });
    this.resize =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver((entries) => {
            for (const entry of entries) {
              const watched = this.watched.get(entry.target);
              if (watched) {
                watched.width = entry.contentRect.width;
              }
            }
            this.changed();
          });
  }

  /** Starts watching a tile's element; returns the function that stops it. */
  watch(element: Element, participantId: string, kind: VideoKind): () => void {
    const observed = this.intersection !== undefined;
    this.watched.set(element, {
      participantId,
      kind,
      visible: !observed,
      width: element.getBoundingClientRect().width || 400,
    });
    this.intersection?.observe(element);
    this.resize?.observe(element);
    this.changed();
    return () => {
      this.intersection?.unobserve(element);
      this.resize?.unobserve(element);
      this.watched.delete(element);
      this.changed();
    };
  }

  close(): void {
    this.intersection?.disconnect();
    this.resize?.disconnect();
    this.watched.clear();
  }

  private changed(): void {
    const tiles: VisibleTile[] = [];
    for (const watched of this.watched.values()) {
      if (watched.visible) {
        tiles.push({
          participantId: watched.participantId,
          kind: watched.kind,
          size: tileSize(watched.width),
        });
      }
    }
    this.report(tiles);
  }
}
