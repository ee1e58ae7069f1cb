import { useEffect, useRef } from 'react';
import type { ParticipantView, ReactionView, VideoKind } from '../../core/meeting/meeting-types';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';
import { initials } from './tile-fns';
import type { TileVisibility } from './tile-visibility';

export interface TileProps {
  participant: ParticipantView;
  kind: VideoKind;
  self: boolean;
  stream: MediaStream | undefined;
  talking: boolean;
  reaction: ReactionView | undefined;
  /** `large`: the speaker or a shared screen; `strip`: the row beside it. */
  variant: 'grid' | 'large' | 'strip';
  visibility: TileVisibility | undefined;
}

export const reactionEmoji = {
  thumbs_up: '👍',
  applause: '👏',
  heart: '❤️',
  laugh: '😄',
  surprised: '😮',
} as const;

/**
 * One person (or their shared screen): the video when there is one, otherwise their initials. At the top what
 * matters now, in words: "spricht", hand raised, weak connection, a reaction (on small tiles the words give way to
 * the icon, still read by screen readers); at the bottom the name, microphone off, on the phone. Reports itself to
 * {@link TileVisibility} so only visible videos are received.
 */
export function Tile({ participant, kind, self, stream, talking, reaction, variant, visibility }: TileProps) {
  const { t } = useMeetingText();
  const ref = useRef<HTMLLIElement>(null);
  const id = participant.participantId;
  useEffect(() => {
    const element = ref.current;
    if (!element || !visibility || self) {
      return undefined;
    }
    return visibility.watch(element, id, kind);
  }, [visibility, id, kind, self]);

  const hasVideo = stream !== undefined && stream.getVideoTracks().length > 0;
  const classes = [
    'tile',
    `tile-${variant}`,
    talking ? 'tile-talking' : '',
    kind === 'screen' ? 'tile-screen' : '',
  ];
  const camera = kind === 'camera';
  const hand = camera && participant.handRaisedAt !== null;
  const connection = participant.connection === 'good' ? undefined : participant.connection;
  return (
    <li ref={ref} className={classes.filter(Boolean).join(' ')}>
      {hasVideo ? (
        <TileVideo stream={stream} mirrored={self && camera} />
      ) : (
        <div className="tile-avatar" aria-hidden="true">
          <span className="tile-initials">{initials(participant.displayName)}</span>
        </div>
      )}
      {(talking || hand || connection !== undefined || reaction) && (
        <div className="tile-top">
          {talking && camera && (
            <span className="tile-badge tile-badge-talking">
              <Icon name="speaking" /> {t('tile.talking')}
            </span>
          )}
          {hand && (
            <span className="tile-badge tile-badge-hand">
              <Icon name="hand" />
              <span className="tile-badge-text">{t('tile.hand')}</span>
            </span>
          )}
          {camera && connection !== undefined && (
            <span className="tile-badge tile-badge-plain">
              <Icon name="signal" />
              <span className="tile-badge-text">{t(`tile.connection.${connection}`)}</span>
            </span>
          )}
          {reaction && (
            <span className="tile-badge tile-badge-reaction">
              <span aria-hidden="true">{reactionEmoji[reaction.reaction]}</span>{' '}
              <span className="tile-badge-text">{t(`reactions.${reaction.reaction}`)}</span>
            </span>
          )}
        </div>
      )}
      <div className="tile-caption">
        <span className="tile-name">
          {camera ? participant.displayName : t('tile.screenOf', { name: participant.displayName })}
        </span>
        {self && camera && <span className="tile-self">{t('tile.self')}</span>}
        {camera && participant.micMuted && (
          <span className="tile-icon">
            <Icon name="micOff" />
            <span className="visually-hidden">{t('tile.micOff')}</span>
          </span>
        )}
        {camera && participant.via === 'phone' && (
          <span className="tile-icon">
            <Icon name="phone" />
            <span className="visually-hidden">{t('tile.phone')}</span>
          </span>
        )}
      </div>
    </li>
  );
}

/** A received (or own) video: always muted (sound comes through the meeting's mix), inline on phones. */
function TileVideo({ stream, mirrored }: { stream: MediaStream; mirrored: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video) {
      video.srcObject = stream;
      void video.play().catch(() => undefined);
    }
  }, [stream]);
  return (
    <video
      ref={ref}
      className={mirrored ? 'tile-video tile-video-mirrored' : 'tile-video'}
      data-testid="tile-video"
      autoPlay
      playsInline
      muted
    />
  );
}
