import { announcementShape } from '../../core/meeting/announce-fns';
import type { Announcement } from '../../core/meeting/meeting-types';
import { useMeetingText, type MeetingKey } from './i18n/meeting-i18n';

/** Announcements about people, worded with their names ("Anna and Bernd joined"). */
const peopleKinds = new Set<Announcement['kind']>(['joined', 'left', 'handRaised', 'waitingArrived']);

/**
 * The room's polite live region: joins, leaves, raised hands, what a host did (merged and throttled in the core),
 * plus direct feedback for keyboard shortcuts. A new paragraph per message, so the same words are read again.
 */
export function LiveAnnouncer({
  announcement,
  feedback,
  chat,
}: {
  announcement: Announcement | undefined;
  feedback: { seq: number; text: string } | undefined;
  /** The newest chat message from someone else (ChatButton.tsx `useChatAnnouncement`). */
  chat?: { seq: number; text: string } | undefined;
}) {
  const { t } = useMeetingText();
  let text = '';
  if (announcement && peopleKinds.has(announcement.kind)) {
    const shape = announcementShape(announcement);
    const form = shape.form === 'anonymous' ? 'one' : shape.form;
    text = t(`announce.${announcement.kind}.${form}` as MeetingKey, {
      first: shape.first,
      second: shape.second,
      count: shape.others,
    });
  } else if (announcement) {
    text = t(`announce.${announcement.kind}` as MeetingKey);
  }
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement && <p key={announcement.seq}>{text}</p>}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {feedback && <p key={feedback.seq}>{feedback.text}</p>}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {chat && <p key={chat.seq}>{chat.text}</p>}
      </div>
    </>
  );
}
