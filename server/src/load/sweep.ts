/** Pool sizes of a sweep: 1, 2, 4, … doubling up to `max`, and `max` itself when it is not a power of two. */
export function sweepSizes(max: number): number[] {
  const sizes: number[] = [];
  for (let s = 1; s <= max; s *= 2) sizes.push(s);
  if (sizes.at(-1) !== max) sizes.push(max);
  return sizes;
}
