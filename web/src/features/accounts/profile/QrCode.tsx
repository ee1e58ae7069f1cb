import { encodeQr, qrPath } from './qr-fns';

/**
 * The otpauth address as a QR code (SVG, drawn here: no library, no request). Screen reader users
 * use the key or the address shown as text instead.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const code = encodeQr(text);
  if (!code) {
    return null;
  }
  const extent = code.size + 8;
  return (
    <div className="qr">
      <svg
        className="qr-code"
        viewBox={`0 0 ${extent} ${extent}`}
        role="img"
        aria-label={label}
        shapeRendering="crispEdges"
      >
        <rect width={extent} height={extent} className="qr-light" />
        <path d={qrPath(code)} className="qr-dark" />
      </svg>
    </div>
  );
}
