import { useId, useRef, useState } from 'react';
import type { HostCommands } from '../../core/meeting/meeting-controller';
import type { ParticipantView } from '../../core/meeting/meeting-types';
import { hostMenuActions, type HostMenuAction } from './host-menu-fns';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';

/**
 * One person in the list: name, role, and their state as icons with words (microphone, camera, hand, phone,
 * connection). Hosts get a menu of actions for them; removing asks once more.
 */
export function ParticipantRow({
  person,
  me,
  host,
}: {
  person: ParticipantView;
  me: ParticipantView | undefined;
  host: HostCommands;
}) {
  const { t } = useMeetingText();
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const actions = hostMenuActions(me, person);
  const self = person.participantId === me?.participantId;
  const name = self ? t('tile.you', { name: person.displayName }) : person.displayName;

  const close = () => {
    setOpen(false);
    setConfirmRemove(false);
    buttonRef.current?.focus();
  };
  const run = (action: HostMenuAction) => {
    const target = person.participantId;
    switch (action) {
      case 'mute':
        host.mute(target);
        break;
      case 'askUnmute':
        host.askUnmute(target);
        break;
      case 'stopVideo':
        host.stopVideo(target);
        break;
      case 'lowerHand':
        host.lowerHand(target);
        break;
      case 'makeCohost':
        host.setRole(target, 'cohost');
        break;
      case 'removeCohost':
        host.setRole(target, 'participant');
        break;
      case 'remove':
        if (!confirmRemove) {
          setConfirmRemove(true);
          return;
        }
        host.remove(target);
        break;
    }
    close();
  };

  return (
    <li
      className="person"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <div className="person-main">
        <span className="person-name">{name}</span>
        {person.role !== 'participant' && <span className="person-role">{t(`roles.${person.role}`)}</span>}
        <ul className="person-states" aria-label={t('people.stateLabel', { name: person.displayName })}>
          <State
            icon={person.micMuted ? 'micOff' : 'mic'}
            text={person.micMuted ? t('people.micOff') : t('people.micOn')}
          />
          {person.cameraOn && <State icon="camera" text={t('people.cameraOn')} />}
          {person.screenSharing && <State icon="screen" text={t('people.sharing')} />}
          {person.handRaisedAt !== null && <State icon="hand" text={t('people.hand')} strong />}
          {person.via === 'phone' && <State icon="phone" text={t('people.phone')} />}
          {person.connection !== 'good' && (
            <State icon="signal" text={t(`tile.connection.${person.connection}`)} />
          )}
        </ul>
      </div>
      {actions.length > 0 && (
        <button
          ref={buttonRef}
          type="button"
          className="button button-secondary person-menu-button"
          aria-expanded={open}
          aria-controls={`${id}-menu`}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {t('people.actions')}
          <span className="visually-hidden"> {t('people.actionsFor', { name: person.displayName })}</span>
        </button>
      )}
      {actions.length > 0 && (
        <div id={`${id}-menu`} className="person-actions" hidden={!open}>
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'remove' ? 'menu-button menu-button-danger' : 'menu-button'}
              onClick={() => run(action)}
            >
              {action === 'remove' && confirmRemove
                ? t('hostMenu.removeConfirm', { name: person.displayName })
                : t(`hostMenu.${action}`)}
            </button>
          ))}
          {confirmRemove && (
            <p className="menu-text" role="alert">
              {t('hostMenu.removeHint')}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

function State({
  icon,
  text,
  strong = false,
}: {
  icon: Parameters<typeof Icon>[0]['name'];
  text: string;
  strong?: boolean;
}) {
  return (
    <li className={strong ? 'person-state person-state-strong' : 'person-state'}>
      <Icon name={icon} />
      {text}
    </li>
  );
}
