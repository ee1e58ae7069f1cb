import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { MeetingState, Reaction } from '../../core/meeting/meeting-types';
import { isModerator } from '../../core/meeting/room-state-fns';
import { ChatButton, PollsButton, PollsMenuButton } from './ChatButton';
import { ControlButton, Disclosure } from './ControlParts';
import { useMeetingText } from './i18n/meeting-i18n';
import { reactionEmoji } from './Tile';
import type { ViewMode } from './Stage';

export type OpenPanel = 'none' | 'people' | 'chat' | 'polls' | 'reactions' | 'more' | 'leave';

export interface ControlsBarProps {
  meeting: MeetingController;
  state: MeetingState;
  open: OpenPanel;
  setOpen: (panel: OpenPanel) => void;
  mode: ViewMode;
  setMode: (mode: ViewMode) => void;
  /** The microphone was pressed while a host keeps this person muted. */
  onUnmuteBlocked: () => void;
  onShowShortcuts: () => void;
}

const canShareScreen = () =>
  typeof navigator !== 'undefined' &&
  // Missing on insecure pages and on most phones, although the DOM types say otherwise.
  typeof (navigator.mediaDevices as MediaDevices | undefined)?.getDisplayMedia === 'function';

/**
 * The row of big labelled buttons at the bottom. Toggles say their state in words under the label; the keyboard
 * shortcuts are in their titles and `aria-keyshortcuts`. Small menus (reactions, more, leaving) open above.
 */
export function ControlsBar(props: ControlsBarProps) {
  const { meeting, state, open, setOpen } = props;
  const { t } = useMeetingText();
  const { local } = state;
  const micOn = !local.micMuted || local.pushToTalk;
  const toggle = (panel: OpenPanel) => setOpen(open === panel ? 'none' : panel);
  const sharingLimit = state.settings?.screenShareLimit ?? 1;
  const othersSharing = state.participants.filter((person) => person.screenSharing).length;
  const screenBlocked = !local.screenSharing && othersSharing >= sharingLimit;

  const reactionButtons = (Object.keys(reactionEmoji) as Reaction[]).map((reaction) => (
    <button
      key={reaction}
      type="button"
      className="menu-button"
      onClick={() => {
        meeting.react(reaction);
        setOpen('none');
      }}
    >
      <span aria-hidden="true">{reactionEmoji[reaction]}</span> {t(`reactions.${reaction}`)}
    </button>
  ));

  return (
    <div className="controls" role="group" aria-label={t('controls.label')}>
      <ControlButton
        icon={micOn ? 'mic' : 'micOff'}
        label={t('controls.mic')}
        state={micOn ? t('controls.on') : t('controls.off')}
        pressed={micOn}
        shortcut="M"
        title={t('controls.micTitle')}
        onClick={() => {
          if (!meeting.self.toggleMic()) {
            props.onUnmuteBlocked();
          }
        }}
      />
      <ControlButton
        icon={local.cameraOn ? 'camera' : 'cameraOff'}
        label={t('controls.camera')}
        state={local.cameraOn ? t('controls.on') : t('controls.off')}
        pressed={local.cameraOn}
        shortcut="V"
        title={local.audioOnly ? t('controls.cameraAudioOnly') : t('controls.cameraTitle')}
        disabled={local.audioOnly}
        onClick={() => void meeting.self.setCamera(!local.cameraOn)}
      />
      {canShareScreen() && (
        <ControlButton
          className="wide-only"
          icon="screen"
          label={t('controls.screen')}
          state={local.screenSharing ? t('controls.on') : t('controls.off')}
          pressed={local.screenSharing}
          title={screenBlocked ? t('controls.screenBlocked') : t('controls.screenTitle')}
          disabled={local.audioOnly || screenBlocked}
          onClick={() =>
            local.screenSharing ? meeting.self.stopScreenShare() : void meeting.self.startScreenShare()
          }
        />
      )}
      <ControlButton
        icon="hand"
        label={t('controls.hand')}
        state={local.handRaised ? t('controls.handRaised') : t('controls.handLowered')}
        pressed={local.handRaised}
        shortcut="H"
        title={t('controls.handTitle')}
        onClick={() => meeting.self.setHand(!local.handRaised)}
      />
      <Disclosure
        className="wide-only"
        open={open === 'reactions'}
        onToggle={() => toggle('reactions')}
        icon="smile"
        label={t('controls.react')}
      >
        {reactionButtons}
      </Disclosure>
      <ControlButton
        icon="people"
        label={t('controls.people')}
        state={String(state.participants.length + 1)}
        expanded={open === 'people'}
        title={t('controls.peopleTitle')}
        onClick={() => toggle('people')}
        badge={
          isModerator(state.you) && state.waiting.length > 0
            ? t('controls.waitingBadge', { count: state.waiting.length })
            : undefined
        }
      />
      {meeting.chat && (
        <ChatButton chat={meeting.chat} expanded={open === 'chat'} onClick={() => toggle('chat')} />
      )}
      {meeting.polls && (
        <PollsButton polls={meeting.polls} expanded={open === 'polls'} onClick={() => toggle('polls')} />
      )}
      <Disclosure
        open={open === 'more'}
        onToggle={() => toggle('more')}
        icon="more"
        label={t('controls.more')}
      >
        {canShareScreen() && (
          <button
            type="button"
            className="menu-button narrow-only"
            aria-pressed={local.screenSharing}
            aria-disabled={local.audioOnly || screenBlocked ? true : undefined}
            onClick={() => {
              if (local.screenSharing) {
                meeting.self.stopScreenShare();
              } else if (!local.audioOnly && !screenBlocked) {
                void meeting.self.startScreenShare();
              }
              setOpen('none');
            }}
          >
            {t('controls.screen')}
          </button>
        )}
        {meeting.polls && (
          // Phones: the polls button does not fit into the bar; it is here instead.
          <PollsMenuButton
            polls={meeting.polls}
            expanded={open === 'polls'}
            onClick={() => setOpen(open === 'polls' ? 'none' : 'polls')}
          />
        )}
        <div className="menu-group narrow-only" role="group" aria-label={t('controls.react')}>
          <p className="menu-text" aria-hidden="true">
            {t('controls.react')}
          </p>
          {reactionButtons}
        </div>
        <button
          type="button"
          className="menu-button"
          aria-pressed={local.audioOnly}
          onClick={() => meeting.self.setAudioOnly(!local.audioOnly)}
        >
          {t('controls.audioOnly')}
        </button>
        <button
          type="button"
          className="menu-button"
          onClick={() => {
            props.setMode(props.mode === 'gallery' ? 'speaker' : 'gallery');
            setOpen('none');
          }}
        >
          {props.mode === 'gallery' ? t('controls.speakerView') : t('controls.galleryView')}
        </button>
        <button type="button" className="menu-button" onClick={props.onShowShortcuts}>
          {t('controls.shortcuts')}
        </button>
      </Disclosure>
      <Disclosure
        open={open === 'leave'}
        onToggle={() => toggle('leave')}
        icon="leave"
        label={t('controls.leave')}
        className="control-leave"
      >
        <p className="menu-text">{t('controls.leaveQuestion')}</p>
        <button type="button" className="menu-button menu-button-danger" onClick={() => meeting.leave()}>
          {t('controls.leaveConfirm')}
        </button>
        {state.you?.role === 'host' && (
          <button type="button" className="menu-button menu-button-danger" onClick={() => meeting.host.end()}>
            {t('controls.endForAll')}
          </button>
        )}
        <button type="button" className="menu-button" onClick={() => setOpen('none')}>
          {t('controls.stay')}
        </button>
      </Disclosure>
    </div>
  );
}
