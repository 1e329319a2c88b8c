import { describe, expect, it } from 'vitest';
import { endpointName, parseTagComment, traceIdOf } from './sqlcommenter';

describe('sqlcommenter tags', () => {
  it('reads the spec form with URL-encoded values', () => {
    expect(
      parseTagComment(
        "/*controller='index',route='%2Fpolls%2F%3Cid%3E',traceparent='00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01'*/",
      ),
    ).toEqual({
      controller: 'index',
      route: '/polls/<id>',
      traceparent: '00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01',
    });
  });
  it("reads Rails' legacy key:value form", () => {
    expect(parseTagComment('/*application:Shop,controller:users,action:show*/')).toEqual({
      application: 'Shop',
      controller: 'users',
      action: 'show',
    });
  });
  it('ignores comments that are not tags', () => {
    expect(parseTagComment('/* fetch the users, fast */')).toBeNull();
    expect(parseTagComment('/**/')).toBeNull();
  });
  it('takes the trace id from a valid traceparent only', () => {
    expect(traceIdOf('00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01')).toBe(
      '5bd66ef5095369c7b0d1f8f4bd33716a',
    );
    expect(traceIdOf('00-00000000000000000000000000000000-c532cb4098ac3dd2-01')).toBeNull();
    expect(traceIdOf('garbage')).toBeNull();
  });
  it('names the endpoint from route, else controller#action', () => {
    expect(endpointName({ route: '/dashboard', controller: 'x' })).toBe('/dashboard');
    expect(endpointName({ controller: 'users', action: 'show' })).toBe('users#show');
    expect(endpointName({ traceparent: 'x' })).toBeNull();
  });
});
