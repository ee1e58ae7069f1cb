import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip weight of the JS and CSS a first visit loads (index.html's scripts, preloads and styles), and of lazy chunks. */
export async function bundleWeight(webDist: string): Promise<Record<string, number>> {
  const html = await readFile(path.join(webDist, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? ''),
  );
  const assets = (await readdir(path.join(webDist, 'assets'))).filter((name) => /\.(js|css)$/.test(name));
  const result: Record<string, number> = { initialKiB: 0 };
  for (const name of assets) {
    const gzipped =
      gzipSync(await readFile(path.join(webDist, 'assets', name)), { level: 9 }).byteLength / 1024;
    if (initial.has(`assets/${name}`)) {
      result.initialKiB = (result.initialKiB ?? 0) + gzipped;
    } else {
      const chunk = name.replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '.$1');
      result[`lazy ${chunk} KiB`] = (result[`lazy ${chunk} KiB`] ?? 0) + gzipped;
    }
  }
  return result;
}
