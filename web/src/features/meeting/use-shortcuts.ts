import { useEffect } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';

/** What a shortcut did, for the spoken and visible feedback. */
export type ShortcutFeedback =
  'micOn' | 'micOff' | 'micBlocked' | 'cameraOn' | 'cameraOff' | 'handUp' | 'handDown';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
/** Space on a focused button or link presses it; push-to-talk only listens elsewhere. */
const activates = (target: EventTarget | null) =>
  typing(target) || (target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName));

/**
 * Keyboard shortcuts in the room: M microphone, V camera, H hand; Space held while muted speaks (push-to-talk).
 * Never while typing, never with Ctrl, Alt or Cmd (the browser's own shortcuts stay).
 */
export function useMeetingShortcuts(
  meeting: MeetingController,
  feedback: (what: ShortcutFeedback) => void,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
        return;
      }
      const { local } = meeting.getSnapshot();
      const key = event.key.toLowerCase();
      if (key === ' ' && !activates(event.target)) {
        event.preventDefault();
        if (!event.repeat) {
          meeting.self.pushToTalk(true);
        }
        return;
      }
      if (event.repeat) {
        return;
      }
      if (key === 'm') {
        const changed = meeting.self.toggleMic();
        feedback(changed ? (local.micMuted ? 'micOn' : 'micOff') : 'micBlocked');
      } else if (key === 'v' && !local.audioOnly) {
        void meeting.self.setCamera(!local.cameraOn);
        feedback(local.cameraOn ? 'cameraOff' : 'cameraOn');
      } else if (key === 'h') {
        meeting.self.setHand(!local.handRaised);
        feedback(local.handRaised ? 'handDown' : 'handUp');
      } else {
        return;
      }
      event.preventDefault();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') {
        meeting.self.pushToTalk(false);
      }
    };
    const release = () => meeting.self.pushToTalk(false);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', release);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', release);
    };
  }, [meeting, feedback]);
}
