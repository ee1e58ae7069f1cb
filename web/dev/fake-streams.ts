/**
 * Fake camera pictures for the harness: a canvas with a calm background and a head-and-shoulders figure, captured
 * as a MediaStream (no camera, no network).
 */
export function fakeCamera(hue: number, label: string): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d');
  const draw = () => {
    if (!context) {
      return;
    }
    context.fillStyle = `hsl(${hue} 35% 72%)`;
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = `hsl(${hue} 25% 40%)`;
    context.beginPath();
    context.arc(320, 150, 70, 0, Math.PI * 2);
    context.fill();
    context.beginPath();
    context.ellipse(320, 380, 160, 130, 0, Math.PI, 0);
    context.fill();
    context.fillStyle = 'rgba(255,255,255,0.6)';
    context.font = '20px sans-serif';
    context.fillText(label, 16, 32);
  };
  draw();
  setInterval(draw, 500);
  return canvas.captureStream(5);
}

/** A fake shared screen: a document with lines of "text". */
export function fakeScreen(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 1280;
  canvas.height = 720;
  const context = canvas.getContext('2d');
  const draw = () => {
    if (!context) {
      return;
    }
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 1280, 720);
    context.fillStyle = '#0f5b5f';
    context.fillRect(0, 0, 1280, 90);
    context.fillStyle = '#ffffff';
    context.font = 'bold 40px sans-serif';
    context.fillText('Tagesordnung', 40, 60);
    context.fillStyle = '#1c2326';
    context.font = '30px sans-serif';
    ['1. Begrüßung und Befinden', '2. Rückblick auf den Monat', '3. Thema: Schlaf', '4. Termine'].forEach(
      (line, index) => context.fillText(line, 60, 180 + index * 70),
    );
  };
  draw();
  setInterval(draw, 1000);
  return canvas.captureStream(2);
}
