import { type RunRecord, strategyInfo } from '@gatherscope/shared';
import { formatMs } from '../app/format';
import { esc } from './escape';

const x = (n: number) => `${n.toFixed(2)}×`;

/** The statistics of a run as an HTML table: the numbers the server computed, never recomputed. */
export function summaryHtml(run: Pick<RunRecord, 'summary' | 'settings'>): string {
  const s = run.summary;
  if (!s) return '<p class="gs-note">This run has no statistics (it did not complete).</p>';
  const rows = s.strategies
    .map((st) => {
      const speedup = st.speedup
        ? `${x(st.speedup.estimate)} <span class="gs-muted">(95% CI ${x(st.speedup.low)}–${x(st.speedup.high)})</span>`
        : '–';
      return `<tr><th scope="row">${esc(strategyInfo[st.strategy].label)}</th><td>${formatMs(st.wallMs.median)}</td><td>${formatMs(st.wallMs.p95)}</td><td>${speedup}</td><td>${formatMs(st.theoreticalMs)}</td><td>${Math.round(st.efficiency * 100)}%</td><td>${st.wallMs.n}${st.failedTrials ? ` <span class="gs-bad">(${st.failedTrials} failed)</span>` : ''}</td></tr>`;
    })
    .join('');
  return [
    `<p class="gs-verdict">${esc(s.verdict)}</p>`,
    '<table class="gs-stats"><caption>Wall time per strategy</caption>',
    '<thead><tr><th scope="col">Strategy</th><th scope="col">Median</th><th scope="col">p95</th><th scope="col">Speedup vs sequential</th><th scope="col">Theory</th><th scope="col">Efficiency</th><th scope="col">Trials</th></tr></thead>',
    `<tbody>${rows}</tbody></table>`,
  ].join('');
}
