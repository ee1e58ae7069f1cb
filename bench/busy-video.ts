import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const width = 960;
const height = 540;
// The app asks for 24 fps; 12 lets six encoders share two cores. A busy picture's bitrate is bounded by the
// layers' caps (peer-fns.ts), not by the frame rate: fewer frames just get more bits each.
const fps = 12;

/**
 * A 5-second Y4M loop (960×540, the camera size the app asks for) for Chromium's fake camera that is harder
 * to compress than Chromium's own test pattern (a flat colour with a small moving circle): a textured scene that
 * sways a few pixels, as a hand-held phone or a person moving in front of a webcam does, plus sensor-like noise.
 * Made once per machine in the temp folder; nothing is downloaded.
 */
export function busyVideoFile(): string {
  const dir = path.join(os.tmpdir(), 'tp-video');
  const file = path.join(dir, `busy-${width}x${height}-${fps}.y4m`);
  if (existsSync(file)) {
    return file;
  }
  mkdirSync(dir, { recursive: true });
  // A fixed random texture, smoothed (averaged over 4×4 blocks with some detail left), wider than the frame.
  const margin = 16;
  const textureWidth = width + 2 * margin;
  const textureHeight = height + 2 * margin;
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const coarse = Array.from({ length: Math.ceil(textureWidth / 4) * Math.ceil(textureHeight / 4) }, () =>
    random(),
  );
  const texture = new Uint8Array(textureWidth * textureHeight);
  const coarseWidth = Math.ceil(textureWidth / 4);
  for (let y = 0; y < textureHeight; y++) {
    for (let x = 0; x < textureWidth; x++) {
      const block = coarse[Math.floor(y / 4) * coarseWidth + Math.floor(x / 4)] ?? 0;
      texture[y * textureWidth + x] = Math.round(40 + 150 * block + 30 * random());
    }
  }
  const frames = fps * 5;
  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < frames; frame++) {
    const phase = (2 * Math.PI * frame) / frames;
    const dx = Math.round(margin + 6 * Math.sin(phase));
    const dy = Math.round(margin + 4 * Math.sin(2 * phase));
    const luma = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value = (texture[(y + dy) * textureWidth + x + dx] ?? 0) + Math.round((random() - 0.5) * 8);
        luma[y * width + x] = Math.max(16, Math.min(235, value));
      }
    }
    // Chroma: a soft diagonal gradient that moves with the scene.
    const chroma = (offset: number) => {
      const plane = Buffer.alloc((width / 2) * (height / 2));
      for (let y = 0; y < height / 2; y++) {
        for (let x = 0; x < width / 2; x++) {
          plane[y * (width / 2) + x] = Math.round(128 + 30 * Math.sin((x + y + dx * 2) / 40 + offset));
        }
      }
      return plane;
    };
    chunks.push(Buffer.from('FRAME\n'), luma, chroma(0), chroma(2));
  }
  writeFileSync(`${file}.part`, Buffer.concat(chunks));
  renameSync(`${file}.part`, file);
  return file;
}
