import { describe, expect, it } from 'vitest';
import { type CliIO, type Command, UsageError } from './command';
import { dispatch } from './main';

function io() {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = {
    stdout: (s) => {
      out.stdout += s;
    },
    stderr: (s) => {
      out.stderr += s;
    },
    interactive: false,
    signal: new AbortController().signal,
  };
  return { out, cli };
}

const echo: Command = {
  name: 'echo',
  summary: 'says its arguments',
  usage: 'Usage: gatherscope echo <words>',
  async run(argv, cli) {
    if (argv.length === 0) throw new UsageError('echo needs words');
    cli.stdout(argv.join(' '));
    return 0;
  },
};

describe('dispatch', () => {
  it('runs a subcommand and lists the commands for --help', async () => {
    const a = io();
    expect(await dispatch(['echo', 'hi', 'there'], [echo], a.cli)).toBe(0);
    expect(a.out.stdout).toBe('hi there');
    const b = io();
    expect(await dispatch(['--help'], [echo], b.cli)).toBe(0);
    expect(b.out.stdout).toContain('echo  says its arguments');
  });

  it('exits 2 with a usage text for no command, an unknown one, or bad arguments', async () => {
    for (const argv of [[], ['frobnicate'], ['echo']]) {
      const r = io();
      expect(await dispatch(argv, [echo], r.cli), argv.join(' ')).toBe(2);
      expect(r.out.stderr).toMatch(/Usage: gatherscope/);
      expect(r.out.stdout).toBe('');
    }
    // The message is the last line, where the eye lands, not above a screen of options.
    const bad = io();
    await dispatch(['echo'], [echo], bad.cli);
    expect(bad.out.stderr.trimEnd().split('\n').at(-1)).toBe('echo needs words');
    const typo = io();
    await dispatch(['ecko'], [echo], typo.cli);
    expect(typo.out.stderr.trimEnd().split('\n').at(-1)).toBe('Unknown command "ecko" — did you mean echo?');
  });
});
