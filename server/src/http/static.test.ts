import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ApiErrorSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleError } from './error-handler';
import { securityHeaders } from './security/headers';
import { mountWebApp } from './static';

const INDEX =
  '<!doctype html><title>Gatherscope</title><script type="module" src="/assets/index-AbC123.js"></script>';
const CHUNK = `export const page = "${'load test '.repeat(200)}";`;
let dist = '';

function appFor(webDist: string): Hono {
  const app = new Hono();
  app.onError(handleError(() => {}));
  app.use('*', securityHeaders());
  mountWebApp(app, webDist);
  return app;
}

beforeAll(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-static-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js'), 'import("./LoadTestPage-XyZ789.js");');
  fs.writeFileSync(path.join(dist, 'assets/LoadTestPage-XyZ789.js'), CHUNK);
  fs.writeFileSync(path.join(dist, 'assets/LoadTestPage-XyZ789.js.br'), zlib.brotliCompressSync(CHUNK));
  fs.writeFileSync(path.join(dist, 'assets/LoadTestPage-XyZ789.js.gz'), zlib.gzipSync(CHUNK));
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.css'), 'body{margin:0}');
});
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

describe('mountWebApp', () => {
  it('serves hashed chunks and styles as immutable, cacheable for a year', async () => {
    const app = appFor(dist);
    for (const [file, type] of [
      ['/assets/LoadTestPage-XyZ789.js', 'text/javascript'],
      ['/assets/index-AbC123.css', 'text/css'],
    ] as const) {
      const res = await app.request(file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect(await (await app.request('/assets/LoadTestPage-XyZ789.js')).text()).toBe(CHUNK);
  });

  it('sends the compressed copy the build left beside a chunk when the browser accepts it', async () => {
    const app = appFor(dist);
    const asked = (encoding: string) =>
      app.request('/assets/LoadTestPage-XyZ789.js', { headers: { 'Accept-Encoding': encoding } });
    const br = await asked('gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toContain('text/javascript');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(CHUNK.length / 10);
    expect(zlib.brotliDecompressSync(brBody).toString()).toBe(CHUNK);

    const gz = await asked('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(CHUNK);

    // No copy for the stylesheet: it goes as it is, and so does anything to a browser that accepts nothing.
    expect((await asked('identity')).headers.get('content-encoding')).toBeNull();
    const css = await app.request('/assets/index-AbC123.css', { headers: { 'Accept-Encoding': 'br' } });
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(await css.text()).toBe('body{margin:0}');
  });

  it('revalidates index.html however it is asked for: /, /index.html or a page of the app', async () => {
    const app = appFor(dist);
    for (const url of ['/', '/index.html', '/profile', '/embed/runs/r1?theme=dark']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toContain('text/html');
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(await res.text(), url).toBe(INDEX);
      // Chunks are same-origin scripts: the page's policy allows them and nothing inline.
      expect(res.headers.get('content-security-policy'), url).toContain("script-src 'self';");
    }
  });

  it('answers a chunk that is not there (replaced by a rebuild) with a 404, never with index.html', async () => {
    const res = await appFor(dist).request('/assets/LoadTestPage-OldHash.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.message).toBe('The web app has no file /assets/LoadTestPage-OldHash.js.');
    expect(body.error.hint).toContain('reload the page');
  });

  it('leaves unknown API paths to the API and says when the app is not built', async () => {
    expect((await appFor(dist).request('/api/nothing')).status).toBe(404);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-static-empty-'));
    try {
      const res = await appFor(empty).request('/history');
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
