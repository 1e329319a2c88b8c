import { describe, expect, it } from 'vitest';
import { exportFileName, parseWorkloadFile } from './files';

describe('workload files', () => {
  it('imports a valid file and names the bad fields of an invalid one', () => {
    expect(parseWorkloadFile('{"name":"w","queries":[{"id":"a","sql":"SELECT 1"}]}')).toEqual({
      workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
    });
    const bad = parseWorkloadFile('{"name":"w","queries":[{"id":"1a","sql":"SELECT 1"}]}');
    expect(bad).toEqual({ issues: [expect.objectContaining({ path: 'queries.0.id' })] });
    expect(parseWorkloadFile('{oops')).toEqual({ issues: [expect.objectContaining({ path: '(file)' })] });
  });

  it('names the exported file after the workload', () => {
    expect(exportFileName({ name: 'User dashboard (v2)' })).toBe('user-dashboard-v2.workload.json');
  });
});
