import { useId, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';

export interface ControlButtonProps {
  /** `wide-only` hides it on phones (it is under "Mehr" there). */
  className?: string;
  icon: IconName;
  label: string;
  state?: string;
  pressed?: boolean;
  expanded?: boolean;
  shortcut?: string;
  title: string;
  disabled?: boolean;
  badge?: string | undefined;
  onClick: () => void;
}

/** A big button of the controls bar: icon, label, and its state in words underneath. */
export function ControlButton({
  className,
  icon,
  label,
  state,
  pressed,
  expanded,
  shortcut,
  title,
  disabled,
  badge,
  onClick,
}: ControlButtonProps) {
  return (
    <button
      type="button"
      className={['control', pressed ? 'control-on' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-keyshortcuts={shortcut}
      aria-disabled={disabled ? true : undefined}
      title={title}
      onClick={() => {
        if (!disabled) {
          onClick();
        }
      }}
    >
      <Icon name={icon} />
      <span className="control-label">{label}</span>
      {state !== undefined && (
        <span className="control-state" aria-hidden={pressed !== undefined ? true : undefined}>
          {state}
        </span>
      )}
      {badge !== undefined && <span className="control-badge">{badge}</span>}
    </button>
  );
}

/** A button that opens a small panel of choices above the bar; Escape closes it and returns focus. */
export function Disclosure({
  open,
  onToggle,
  icon,
  label,
  className,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  icon: IconName;
  label: string;
  /** `wide-only` hides it on phones (its choices are under "Mehr" there). */
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className={className ? `control-wrap ${className}` : 'control-wrap'}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          onToggle();
          document.getElementById(`${id}-button`)?.focus();
        }
      }}
    >
      <button
        id={`${id}-button`}
        type="button"
        className="control"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={onToggle}
      >
        <Icon name={icon} />
        <span className="control-label">{label}</span>
      </button>
      <div id={`${id}-panel`} className="control-menu" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
