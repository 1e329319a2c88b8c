import { runProfile } from '../engine/run-profile';
import { builtinCatalog } from '../workloads/catalog';
import { captureCommand } from './capture';
import type { Command } from './command';
import { exportCommand } from './export';
import { loadCommand } from './load';
import { runCommand } from './run';
import { startCommand } from './start';

/** Subcommands of `gatherscope`, one file each; add a line here for a new one. */
export const commands: Command[] = [
  startCommand,
  runCommand({ runProfile, workloads: builtinCatalog }),
  loadCommand({ workloads: builtinCatalog }),
  exportCommand({ workloads: builtinCatalog }),
  captureCommand(),
];
