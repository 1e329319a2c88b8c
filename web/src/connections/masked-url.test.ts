import { describe, expect, it } from 'vitest';
import { maskedUrl } from './masked-url';

describe('maskedUrl', () => {
  it('shows user, host, port and database and masks only the password', () => {
    expect(maskedUrl('postgres://app:s3cret%21@db.internal:6432/shop')).toBe(
      'postgres://app:••••@db.internal:6432/shop',
    );
  });

  it('masks a password given as a query parameter and keeps the others', () => {
    const m = maskedUrl('postgresql://app@db/shop?sslmode=require&password=hunter2');
    expect(m).toBe('postgresql://app@db/shop?sslmode=require&password=••••');
    expect(m).not.toContain('hunter2');
  });

  it('says nothing about text that is not a URL yet', () => {
    expect(maskedUrl('postgres://')).toBeUndefined();
    expect(maskedUrl('not a url')).toBeUndefined();
  });
});
