import { WorkloadSchema, zodIssues } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { dependencyOptions, draftFromWorkload, literal, renameReferences, workloadFromDraft } from './draft';
import { issueAt, issuesByField, unplacedIssues } from './issues';

const workload = {
  name: 'Dependent',
  queries: [
    {
      id: 'user',
      sql: 'SELECT id FROM users WHERE id = $1',
      params: [{ kind: 'randomInt' as const, min: 1, max: 50, shared: 'user' }],
    },
    {
      id: 'orders',
      sql: 'SELECT * FROM orders WHERE user_id = $1 AND status = $2 LIMIT $3',
      params: [
        { kind: 'ref' as const, query: 'user', column: 'id' },
        { kind: 'pick' as const, values: ['pending', 'failed'] },
        10,
      ],
      dependsOn: ['user'],
      simulatedDelayMs: 30,
    },
  ],
};

describe('workload draft', () => {
  it('round-trips a workload through the editor state', () => {
    const back = WorkloadSchema.parse(workloadFromDraft(draftFromWorkload(workload)));
    expect(back).toEqual(workload);
  });

  it('reads literals the way they are typed', () => {
    expect(literal('42')).toBe(42);
    expect(literal('true')).toBe(true);
    expect(literal('null')).toBeNull();
    expect(literal('pending')).toBe('pending');
  });

  it('maps schema issues to the fields of the draft, including server paths of a run request', () => {
    const draft = draftFromWorkload(workload);
    draft.queries[1]!.sql = '  ';
    draft.queries[0]!.params[0] = { kind: 'randomInt', min: '9', max: '1', shared: '' };
    const r = WorkloadSchema.safeParse(workloadFromDraft(draft));
    expect(r.success).toBe(false);
    if (r.success) return;
    const byField = issuesByField(zodIssues(r.error));
    expect(issueAt(byField, 'queries.1.sql')).toBe('the SQL is empty');
    expect(issueAt(byField, 'queries.0.params', true)).toBe('max must be at least min');

    const fromServer = issuesByField(
      [
        { path: 'workload.queries.1.sql', message: 'x' },
        { path: 'trials', message: 'y' },
      ],
      'workload.',
    );
    expect([...fromServer.keys()]).toEqual(['queries.1.sql']);
    expect(unplacedIssues(issuesByField([{ path: '(root)', message: 'z' }]), () => false)).toEqual([
      '(root): z',
    ]);
  });
});

describe('renaming a query', () => {
  it('carries its dependants along: their dependsOn and their ref parameters', () => {
    const d = draftFromWorkload(workload);
    const orders = renameReferences(d.queries[1]!, 'user', 'account');
    expect(orders.dependsOn).toEqual(['account']);
    expect(orders.params[0]).toEqual({ kind: 'ref', query: 'account', column: 'id' });
    expect(renameReferences(d.queries[0]!, 'user', 'account')).toBe(d.queries[0]);
  });
});

describe('dependencyOptions', () => {
  it('offers every other id once, never the query its own id, even with a duplicate id', () => {
    const queries = [
      { key: 'k1', id: 'user' },
      { key: 'k2', id: 'orders' },
      { key: 'k3', id: 'orders' },
      { key: 'k4', id: '' },
    ];
    expect(dependencyOptions(queries, 'k1')).toEqual(['orders']);
    expect(dependencyOptions(queries, 'k2')).toEqual(['user']);
    expect(dependencyOptions(queries, 'k4')).toEqual(['user', 'orders']);
  });
});
