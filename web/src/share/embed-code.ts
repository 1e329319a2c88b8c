import type { Theme } from '../ui/theme';

const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * The snippet a user pastes into a wiki or design doc: the iframe of an embed view (`path`, e.g.
 * `/embed/runs/<id>` or `/embed/load/<id>`), and a few lines that resize it
 * from the embed's height messages (only messages from this Gatherscope's origin are trusted).
 */
export function embedSnippet(opts: { origin: string; path: string; title: string; theme: Theme }): string {
  const src = `${opts.origin}${opts.path}?theme=${opts.theme}`;
  const origin = JSON.stringify(opts.origin);
  return [
    `<iframe src="${attr(src)}" title="${attr(`Gatherscope: ${opts.title}`)}" width="100%" height="640" style="border:0" loading="lazy"></iframe>`,
    `<script>addEventListener('message',function(e){var d=e.data;if(e.origin!==${origin}||!d||d.source!=='gatherscope')return;document.querySelectorAll('iframe').forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+'px'})})</script>`,
  ].join('\n');
}
