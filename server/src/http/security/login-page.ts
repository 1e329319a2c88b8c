const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The page shown to a browser without the session cookie. Plain HTML, no script: the form posts
 * the token to /auth/login, which sets the cookie and comes back to the app.
 *
 * Every response says `Referrer-Policy: no-referrer`, and under that policy a browser sends
 * `Origin: null` with a form's POST, which the origin guard rightly refuses: the form could never
 * sign anyone in. This page alone relaxes the policy to `same-origin`: its POST then carries the
 * app's own origin, and no Referer ever leaves for another site.
 */
export function loginPage(message: string, next = '/'): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="referrer" content="same-origin"><title>Gatherscope: sign in</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:10vh auto;padding:0 1rem}
input{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}button{font:inherit;margin-top:.8rem;padding:.4rem 1rem}</style>
</head>
<body><main>
<h1>Gatherscope</h1>
<p role="status">${escapeHtml(message)}</p>
<form method="post" action="/auth/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p>The token is in the login URL printed when Gatherscope started, and in the file <code>auth-token</code> of its data directory.</p>
</main></body></html>`;
}

/**
 * Answers a navigation that started on another site (a permalink in a design doc, the login URL
 * clicked in a chat, and that URL's redirect): the browser withholds the SameSite=Strict cookie
 * there. The page loads itself again from our own origin, so the cookie comes along this time, and a
 * browser without one then gets the login page. No script: a meta refresh, and a link as fallback.
 */
export function resumePage(url: string): string {
  const href = escapeHtml(url);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>Gatherscope</title></head>
<body><p><a href="${href}">Continue to Gatherscope</a></p></body></html>`;
}

/**
 * Answers a frame inside a page of another site (a wiki embedding a run) that came without the
 * session cookie. The cookie is SameSite=Strict, so the browser never sends it to such a frame, and
 * a login form there could never work: the page says what does. `appUrl` is the run's page, opened
 * as a tab of its own, where the cookie is sent.
 */
export function framedPage(appUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Gatherscope: sign-in needed</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem}</style>
</head>
<body><main>
<h1>Gatherscope</h1>
<p role="alert">This Gatherscope needs its access token, and browsers do not send its sign-in to a page framed by another site.</p>
<p>To show this run here, embed it from a page on the same site as Gatherscope, or attach the run's self-contained HTML export (run page → Export → HTML) instead.</p>
<p><a href="${escapeHtml(appUrl)}" target="_blank" rel="noopener">Open the run in Gatherscope</a></p>
</main></body></html>`;
}
