import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { chooseStage, galleryGrid, galleryPage, tilesPerPage, videoKey } from '../../core/meeting/layout-fns';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { MeetingState, ParticipantView, VideoKind } from '../../core/meeting/meeting-types';
import { useMeetingText } from './i18n/meeting-i18n';
import { Tile } from './Tile';
import { latestReactions, speakerTile, stageOrder } from './tile-fns';
import { TileVisibility } from './tile-visibility';

export type ViewMode = 'gallery' | 'speaker';

/** Matches `.stage { padding }` in stage.css. */
const STAGE_PADDING = 8;

/**
 * The videos: a gallery (pages when there are many), the speaker view (one large, the others in a row), or a shared
 * screen large with everyone's cameras in a row. Sizes follow the space available, measured, not guessed.
 */
export function Stage({
  meeting,
  state,
  mode,
}: {
  meeting: MeetingController;
  state: MeetingState;
  mode: ViewMode;
}) {
  const { t } = useMeetingText();
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  const [visibility] = useState(() => new TileVisibility((tiles) => meeting.setVisibleTiles(tiles)));
  useEffect(() => () => visibility.close(), [visibility]);
  const [page, setPage] = useState(0);

  const everyone = stageOrder(state.you, state.participants);
  const selfId = state.participantId;
  const sharers = everyone.filter((person) => person.screenSharing).map((person) => person.participantId);
  const layout = chooseStage({
    mode,
    sharers,
    pinned: undefined,
    speaker: state.speaker,
    audioOnly: state.local.audioOnly,
  });
  const reactions = latestReactions(state.reactions);
  const talking = new Set(state.talking);

  const tile = (person: ParticipantView, kind: VideoKind, variant: 'grid' | 'large' | 'strip') => {
    const self = person.participantId === selfId;
    const ownStream = kind === 'camera' ? state.localCamera : undefined;
    // A video shows only while it is being sent: no frozen last picture after the camera went off.
    const sending = kind === 'camera' ? person.cameraOn : person.screenSharing;
    const stream = state.local.audioOnly
      ? undefined
      : self
        ? ownStream
        : sending
          ? state.remoteVideos[videoKey(person.participantId, kind)]
          : undefined;
    return (
      <Tile
        key={videoKey(person.participantId, kind)}
        participant={person}
        kind={kind}
        self={self}
        stream={stream}
        talking={talking.has(person.participantId) || (self && state.local.pushToTalk)}
        reaction={kind === 'camera' ? reactions.get(person.participantId) : undefined}
        variant={variant}
        visibility={visibility}
      />
    );
  };

  let content;
  if (layout.view === 'gallery') {
    const perPage = tilesPerPage(size.width, size.height - (everyone.length > 4 ? 56 : 0));
    const shown = galleryPage(everyone, page, perPage);
    const grid = galleryGrid(shown.items.length, size.width, size.height - (shown.pages > 1 ? 56 : 0));
    const style = { '--columns': grid.columns, '--tile-width': `${grid.tileWidth}px` } as CSSProperties;
    content = (
      <>
        <ul className="gallery" style={style} aria-label={t('stage.galleryLabel')}>
          {shown.items.map((person) => tile(person, 'camera', 'grid'))}
        </ul>
        {shown.pages > 1 && (
          <div className="gallery-pages">
            <button
              type="button"
              className="button button-secondary"
              disabled={shown.page === 0}
              onClick={() => setPage(shown.page - 1)}
            >
              {t('stage.previous')}
              <span className="visually-hidden"> {t('stage.previousHidden')}</span>
            </button>
            <span>{t('stage.page', { page: shown.page + 1, pages: shown.pages })}</span>
            <button
              type="button"
              className="button button-secondary"
              disabled={shown.page >= shown.pages - 1}
              onClick={() => setPage(shown.page + 1)}
            >
              {t('stage.next')}
              <span className="visually-hidden"> {t('stage.nextHidden')}</span>
            </button>
          </div>
        )}
      </>
    );
  } else {
    const sharer =
      layout.view === 'screen' ? everyone.find((p) => p.participantId === layout.focus) : undefined;
    const focus =
      sharer ?? speakerTile(layout.view === 'speaker' ? layout.focus : undefined, everyone, selfId);
    const others = everyone.filter((person) => sharer !== undefined || person !== focus);
    content = (
      <div className="speaker-view">
        <ul className="speaker-main" aria-label={sharer ? t('stage.screenLabel') : t('stage.speakerLabel')}>
          {sharer && sharer.participantId === selfId ? (
            <li className="tile tile-large tile-own-screen">
              <p>{t('stage.ownScreen')}</p>
            </li>
          ) : (
            focus && tile(focus, sharer ? 'screen' : 'camera', 'large')
          )}
        </ul>
        {others.length > 0 && (
          // Focusable: it scrolls sideways when there are many people, also by keyboard.
          <ul className="strip" aria-label={t('stage.stripLabel')} tabIndex={0}>
            {others.map((person) => tile(person, 'camera', 'strip'))}
          </ul>
        )}
      </div>
    );
  }

  return (
    <div ref={ref} className="stage">
      {state.local.audioOnly && (
        <p className="stage-note">{sharers.length > 0 ? t('stage.audioOnlyScreen') : t('stage.audioOnly')}</p>
      )}
      {content}
    </div>
  );
}

/** The element's content size, following resizes (window, panel opening, phone rotation). */
function useElementSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 450 });
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return undefined;
    }
    const measure = () => {
      // The stage keeps STAGE_PADDING free on every side (stage.css).
      const next = {
        width: Math.max(0, Math.round(element.clientWidth) - 2 * STAGE_PADDING),
        height: Math.max(0, Math.round(element.clientHeight) - 2 * STAGE_PADDING),
      };
      setSize((before) => (before.width === next.width && before.height === next.height ? before : next));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
