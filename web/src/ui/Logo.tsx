/** The product mark: two people meeting in a circle. Decorative; the product name next to it is the text. */
export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo-bg" />
      <circle cx="11.5" cy="11" r="4" className="logo-fg" />
      <circle cx="20.5" cy="11" r="4" className="logo-fg" />
      <path d="M4.5 25c0-4.4 3.1-7.5 7-7.5s7 3.1 7 7.5z" className="logo-fg" />
      <path d="M13.5 25c0-4.4 3.1-7.5 7-7.5s7 3.1 7 7.5z" className="logo-fg" />
    </svg>
  );
}
