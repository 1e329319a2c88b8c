/**
 * A connection URL with its password masked, so the host, port and database can be checked on
 * screen while the password field stays hidden. Undefined when the text is no URL (yet): the
 * server's validation says what is wrong with it.
 */
export function maskedUrl(text: string): string | undefined {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (!u.host) return undefined;
  const mask = '••••';
  // libpq also takes the password as a query parameter.
  const params = new URLSearchParams(u.search);
  if (params.has('password')) params.set('password', mask);
  const query = params.toString() ? `?${params.toString().replace(encodeURIComponent(mask), mask)}` : '';
  const user = u.username ? `${decodeURIComponent(u.username)}${u.password ? `:${mask}` : ''}@` : '';
  return `${u.protocol}//${user}${u.host}${u.pathname}${query}`;
}
