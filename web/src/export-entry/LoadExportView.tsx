import { type LoadTestRecord, strategyInfo } from '@gatherscope/shared';
import { describeSettings } from '../load/form';
import { LoadResults } from '../load/LoadResults';
import type { Theme } from '../ui/theme';
import { ExportPage } from './ExportPage';

/**
 * The page of an exported load test, with no network at all: its verdict, results table,
 * distribution, per-second charts and sweep, drawn by the Load page's own components.
 */
export function LoadExportView({ test, initialTheme }: { test: LoadTestRecord; initialTheme: Theme }) {
  return (
    <ExportPage
      title={test.workload.name}
      initialTheme={initialTheme}
      about={
        <>
          Load test · database <strong>{test.database.name}</strong> (PostgreSQL {test.database.serverVersion}
          ) · {new Date(test.createdAt).toLocaleString()} ·{' '}
          {test.settings.strategies.map((x) => strategyInfo[x].label).join(', ')} ·{' '}
          {describeSettings(test.settings)} Status {test.status}.
        </>
      }
    >
      {test.error ? (
        <p className="warning-box">
          {test.error.message}
          {test.error.hint ? ` ${test.error.hint}` : ''}
        </p>
      ) : null}
      <LoadResults test={test} full />
    </ExportPage>
  );
}
