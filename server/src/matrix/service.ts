import type { Matrix, Measurement, PresetRunRequestSchema, RunRecord, ScenarioId } from '@gatherscope/shared';
import type { z } from 'zod';
import type { CreateProfiler } from '../engine/types';
import { AppError, isAppError } from '../errors/app-error';
import type { LogFn } from '../logging/logger';
import { type MockServices, startMockServices } from '../mock-services/server';
import { createTargetResolver, type TargetResolver } from '../targets/targets';
import { consecutiveConfirmer } from './detector/confirm';
import { matrixJobs } from './measurement-jobs';
import { assertPresetRequest, presetDatabase } from './preset-request';
import type { Preset, PresetContext } from './presets/types';
import { scenarioById, scenarios } from './scenarios';
import type { MatrixStore } from './store';
import { decide } from './verdict/rules';

export interface MatrixServiceOptions {
  databaseUrl: string;
  embedded: boolean;
  store: MatrixStore;
  presets: Partial<Record<ScenarioId, Preset>>;
  log: LogFn;
  createProfiler: CreateProfiler;
  /** Where a stored run's target points (default database or saved connection), as runs resolve it. */
  resolveTarget?: TargetResolver | undefined;
}

/**
 * Runs the scenario presets and the detector's confirmations, one at a time (two at once would
 * measure each other), turns each preset's result into a verdict and keeps the latest per scenario.
 */
export class MatrixService {
  readonly #jobs: ReturnType<typeof matrixJobs>;
  #mock: Promise<MockServices> | undefined;
  readonly #database: Matrix['database'];
  readonly #resolveTarget: TargetResolver;

  constructor(private readonly o: MatrixServiceOptions) {
    this.#database = presetDatabase(o.databaseUrl, o.embedded);
    this.#resolveTarget = o.resolveTarget ?? createTargetResolver(o);
    this.#jobs = matrixJobs(o.store, o.log);
  }

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
      running: this.#jobs.running().flatMap((j) => (j.scenario ? [j.scenario] : [])),
      database: this.#database,
    };
  }

  async run(
    id: ScenarioId,
    request: z.output<typeof PresetRunRequestSchema>,
    signal: AbortSignal,
  ): Promise<Measurement> {
    const scenario = scenarioById(id);
    const preset = this.o.presets[id];
    if (!preset) {
      throw new AppError('not_found', `The preset of "${scenario.title}" is not available in this build.`, {
        status: 404,
        hint: 'Update Gatherscope; every scenario of the matrix has a preset.',
      });
    }
    assertPresetRequest(scenario, request, this.#database);
    return this.#measureAsJob(
      `The preset "${scenario.title}"`,
      id,
      signal,
      (s) => this.#measure(id, preset, request.latencyMs, s),
      (m) => m,
    );
  }

  /** Stops the measurement in progress, if any (the Stop of the matrix page). */
  async stop(): Promise<void> {
    await Promise.all(this.#jobs.running().map((j) => this.#jobs.stop(j.id)));
  }

  /**
   * Runs `work` as a job of the core (one at a time, stopped with a recorded reason), watched by the
   * request that asked for it: when that request goes away, the job stops after the viewer grace.
   * Resolves with what `work` resolved (`kept` is what the job stores of it), or throws what it threw.
   */
  async #measureAsJob<T>(
    what: string,
    scenario: ScenarioId | null,
    viewer: AbortSignal,
    work: (signal: AbortSignal) => Promise<T>,
    kept: (value: T) => Measurement | null,
  ): Promise<T> {
    let out: { value: T } | { error: unknown } | undefined;
    const { id } = await this.#jobs.start({
      what,
      scenario,
      work: async (signal) => {
        try {
          const value = await work(signal);
          out = { value };
          return kept(value);
        } catch (error) {
          out = { error };
          throw error;
        }
      },
    });
    const leave = this.#jobs.attachViewer(id);
    viewer.addEventListener('abort', leave, { once: true });
    if (viewer.aborted) leave();
    const job = await this.#jobs.finished(id);
    viewer.removeEventListener('abort', leave);
    leave();
    if (out && 'value' in out) return out.value;
    // Stopped: what the work threw as it was cut short is a consequence, not the news.
    if (out && job?.status !== 'cancelled') throw out.error;
    throw new AppError('bad_request', `${what} was stopped.`, {
      status: 409,
      hint:
        job?.error?.message ?? 'It was stopped on request; the measurements kept are those finished before.',
    });
  }

  async #measure(
    id: ScenarioId,
    preset: Preset,
    latencyMs: number | undefined,
    signal: AbortSignal,
  ): Promise<Measurement> {
    const scenario = scenarioById(id);
    const started = performance.now();
    try {
      const ctx: PresetContext = {
        databaseUrl: this.o.databaseUrl,
        embedded: this.o.embedded,
        mock: this.mock,
        signal,
        createProfiler: this.o.createProfiler,
        latencyMs,
      };
      const result = await preset(ctx);
      const d = decide({
        basis: scenario.basis,
        speedup: result.speedup,
        computeShare: result.computeShare,
        baseline: result.baseline,
        treatment: result.treatment,
        usual: scenario.usualVerdict,
        bound: result.bound,
      });
      const m: Measurement = {
        scenario: id,
        measuredAt: new Date().toISOString(),
        ...result,
        basis: scenario.basis,
        database: this.#database.label,
        ...d,
      };
      this.o.log('matrix_preset', {
        scenario: id,
        ms: Math.round(performance.now() - started),
        verdict: d.verdict,
      });
      return m;
    } catch (err) {
      if (isAppError(err) || signal.aborted) throw err;
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
    }
  }

  /**
   * Measures a detector finding's saving on the run's own database: the run's workload, sequential
   * vs dependency-aware; never alongside a preset.
   */
  confirm(run: RunRecord, signal: AbortSignal) {
    const confirmer = consecutiveConfirmer({ ...this.o, resolveTarget: this.#resolveTarget });
    return this.#measureAsJob(
      `The confirmation of "${run.workload.name}"`,
      null,
      signal,
      (s) => confirmer(run, s),
      () => null,
    );
  }

  async close(): Promise<void> {
    await this.#jobs.shutdown();
    // A start that failed left nothing to close.
    await this.#mock?.then(
      (m) => m.close(),
      () => {},
    );
  }
}
