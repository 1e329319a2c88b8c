declare const brand: unique symbol;

/** A duration or a time offset in milliseconds, always taken from a monotonic clock. */
export type Milliseconds = number & { readonly [brand]: 'Milliseconds' };

export const ms = (n: number): Milliseconds => n as Milliseconds;
