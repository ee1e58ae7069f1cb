/**
 * Simple line icons for the meeting (inline SVG, nothing loaded). Always decorative: the text next to them, or a
 * visually hidden text, carries the meaning.
 */
export type IconName =
  | 'mic'
  | 'micOff'
  | 'camera'
  | 'cameraOff'
  | 'screen'
  | 'hand'
  | 'smile'
  | 'people'
  | 'leave'
  | 'more'
  | 'phone'
  | 'speaking'
  | 'signal'
  | 'close'
  | 'chat'
  | 'poll';

const paths: Record<IconName, string> = {
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M8 21h8',
  micOff: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M8 21h8M3 3l18 18',
  camera: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  cameraOff: 'M3 7h12v10H3zM15 10l6-3v10l-6-3M2 2l20 20',
  screen: 'M3 4h18v12H3zM8 20h8M12 16v4',
  hand: 'M8 13V5a1.5 1.5 0 0 1 3 0v6V3.5a1.5 1.5 0 0 1 3 0V11V5a1.5 1.5 0 0 1 3 0v9a7 7 0 0 1-7 7c-3 0-4.5-1.5-6-4l-2.5-4a1.5 1.5 0 0 1 2.5-1.5L8 13',
  smile: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 14a5 5 0 0 0 8 0M9 9h.01M15 9h.01',
  people:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-3.5 3-6 7-6s7 2.5 7 6M16 4a3.5 3.5 0 0 1 0 7M18 14c2.5.6 4 2.8 4 6',
  leave: 'M10 4H4v16h6M15 8l4 4-4 4M19 12H9',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  speaking: 'M4 10v4M8 7v10M12 4v16M16 7v10M20 10v4',
  signal: 'M4 20v-3M9 20v-7M14 20v-11M19 20V4',
  close: 'M5 5l14 14M19 5L5 19',
  chat: 'M4 5h16v11H9l-5 4z',
  poll: 'M5 20V10M12 20V4M19 20v-7',
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
