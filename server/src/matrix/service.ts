import type { Matrix, Measurement, RunRecord, ScenarioId } from '@gatherscope/shared';
import type { CreateProfiler } from '../engine/types';
import { AppError, isAppError } from '../http/errors';
import type { LogFn } from '../http/logger';
import { type MockServices, startMockServices } from '../mock-services/server';
import { consecutiveConfirmer } from './confirm';
import type { Preset, PresetContext } from './presets/types';
import { scenarioById, scenarios } from './scenarios';
import type { MatrixStore } from './store';
import { decide } from './verdict';

export interface MatrixServiceOptions {
  databaseUrl: string;
  embedded: boolean;
  store: MatrixStore;
  presets: Partial<Record<ScenarioId, Preset>>;
  log: LogFn;
  createProfiler: CreateProfiler;
}

/**
 * Runs the scenario presets, one at a time (two at once would measure each other), turns each
 * result into a verdict and keeps the latest per scenario.
 */
export class MatrixService {
  #running: ScenarioId | null = null;
  #mock: Promise<MockServices> | undefined;

  constructor(private readonly o: MatrixServiceOptions) {}

  /** The mock HTTP services, started on first use: only the gateway and batch presets call them. */
  mock = (): Promise<MockServices> => {
    this.#mock ??= startMockServices().then((m) => {
      this.o.log('mock_services', { url: m.baseUrl });
      return m;
    });
    return this.#mock;
  };

  matrix(): Matrix {
    return {
      scenarios: scenarios.map((s) => ({ ...s, latest: this.o.store.latest(s.id) })),
      running: this.#running ? [this.#running] : [],
    };
  }

  async run(id: ScenarioId, signal: AbortSignal): Promise<Measurement> {
    const scenario = scenarioById(id);
    const preset = this.o.presets[id];
    if (!preset) {
      throw new AppError('not_found', `The preset of "${scenario.title}" is not available in this build.`, {
        status: 404,
        hint: 'Update Gatherscope; every scenario of the matrix has a preset.',
      });
    }
    if (this.#running) {
      throw new AppError(
        'run_limit_reached',
        `The preset "${scenarioById(this.#running).title}" is still running.`,
        {
          status: 429,
          hint: 'Presets run one at a time so they do not measure each other; wait for it to finish.',
        },
      );
    }
    this.#running = id;
    const started = performance.now();
    try {
      const ctx: PresetContext = {
        databaseUrl: this.o.databaseUrl,
        embedded: this.o.embedded,
        mock: this.mock,
        signal,
        createProfiler: this.o.createProfiler,
      };
      const result = await preset(ctx);
      const d = decide({
        speedup: result.speedup,
        computeShare: result.computeShare,
        baselineLabel: result.baseline.label,
        treatmentLabel: result.treatment.label,
        baselineMs: result.baseline.medianMs,
        treatmentMs: result.treatment.medianMs,
        usual: scenario.usualVerdict,
      });
      const m: Measurement = { scenario: id, measuredAt: new Date().toISOString(), ...result, ...d };
      await this.o.store.save(m);
      this.o.log('matrix_preset', {
        scenario: id,
        ms: Math.round(performance.now() - started),
        verdict: d.verdict,
      });
      return m;
    } catch (err) {
      if (isAppError(err)) throw err;
      if (signal.aborted) {
        throw new AppError('bad_request', `The preset "${scenario.title}" was stopped.`, {
          status: 409,
          cause: err,
        });
      }
      const message = err instanceof Error ? err.message : String(err);
      if (/relation "[^"]+" does not exist/.test(message)) {
        throw new AppError(
          'database_error',
          `The preset "${scenario.title}" needs the demo shop's tables: ${message}.`,
          {
            status: 409,
            hint: 'The presets run on the demo shop schema (users, orders, products, favorites, reviews, stats, logs). Start Gatherscope without DATABASE_URL to run them on the embedded demo.',
            cause: err,
          },
        );
      }
      throw new AppError('query_failed', `The preset "${scenario.title}" failed: ${message}`, {
        status: 500,
        hint: 'Check that the demo database is up (the status bar), then run the preset again.',
        cause: err,
      });
    } finally {
      this.#running = null;
    }
  }

  /** Measures a detector finding's saving: the run's workload, sequential vs dependency-aware. */
  confirm(run: RunRecord, signal: AbortSignal) {
    return consecutiveConfirmer(this.o)(run, signal);
  }

  async close(): Promise<void> {
    // A start that failed left nothing to close.
    await this.#mock?.then(
      (m) => m.close(),
      () => {},
    );
  }
}
