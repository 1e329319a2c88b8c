import type { EmbedPolicy } from '@gatherscope/shared';

/** Whether one CSP source expression allows a page of `origin` (scheme, host with `*.` wildcard, port or `*`). */
function sourceAllows(source: string, origin: URL, self: URL): boolean {
  if (source === "'self'") return origin.origin === self.origin;
  if (source === "'none'") return false;
  const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/i.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (`${scheme?.toLowerCase()}:` !== origin.protocol) return false;
  const h = origin.hostname.toLowerCase();
  const want = (host ?? '').toLowerCase();
  if (wildcard ? !h.endsWith(`.${want}`) : h !== want) return false;
  const defaultPort = origin.protocol === 'https:' ? '443' : '80';
  return port === '*' || (port ?? defaultPort) === (origin.port || defaultPort);
}

/**
 * What a user pasting the embed code into `pageUrl` needs to know: allowed, or exactly what to set.
 * `self` is this Gatherscope's own origin.
 */
export function embedAdvice(
  pageUrl: string,
  policy: EmbedPolicy,
  self: string,
): { ok: true; message: string } | { ok: false; message: string } {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return { ok: false, message: 'Type the address of the page, e.g. https://wiki.example.com/design-doc.' };
  }
  const selfUrl = new URL(self);
  if (policy.frameAncestors.some((s) => sourceAllows(s, page, selfUrl))) {
    return { ok: true, message: `${page.origin} may show this embed.` };
  }
  const others = policy.frameAncestors.filter((s) => s !== "'self'" && s !== "'none'");
  const next = [...others, page.origin].join(' ');
  return {
    ok: false,
    message: `${page.origin} may not show this embed: the browser would show an empty frame. Start Gatherscope with GATHERSCOPE_FRAME_ANCESTORS="${next}" (space-separated origins; https://*.example.com allows every subdomain).`,
  };
}

/** A line about who may show the embed at all, shown beside the embed code. */
export function embedPolicyText(policy: EmbedPolicy): string {
  const s = policy.frameAncestors;
  if (s.includes("'none'"))
    return 'Embedding is turned off on this Gatherscope (GATHERSCOPE_FRAME_ANCESTORS=none).';
  const sites = s.filter((x) => x !== "'self'");
  if (sites.length === 0)
    return 'This embed shows only on pages of this Gatherscope itself. To paste it into another site (a wiki, a design doc), start Gatherscope with GATHERSCOPE_FRAME_ANCESTORS set to that site’s origin, e.g. GATHERSCOPE_FRAME_ANCESTORS="https://wiki.example.com".';
  return `Sites that may show this embed: ${sites.join(', ')}${s.includes("'self'") ? ' and this Gatherscope' : ''}. Another site needs adding to GATHERSCOPE_FRAME_ANCESTORS.`;
}
