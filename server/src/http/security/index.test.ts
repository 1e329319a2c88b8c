import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../error-handler';
import { AllowedHosts, applySecurity } from './index';

const TOKEN = 'a'.repeat(43);

describe('applySecurity in token mode', () => {
  it('limits the body of the login form too: it is the one route that reads a body without the token', async () => {
    const app = new Hono();
    app.onError(handleError(() => {}));
    applySecurity(app, { hosts: new AllowedHosts({ port: 80 }), token: TOKEN, maxBodyBytes: 1024 });
    const post = (token: string) =>
      app.request('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
    const huge = await post('x'.repeat(4096));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(huge.headers.get('connection')).toBe('close');
    expect((await post(TOKEN)).status).toBe(303);
  });
});
