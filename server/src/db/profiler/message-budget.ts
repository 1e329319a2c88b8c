/** Something waiting for room to receive one large message. */
export interface BudgetWaiter {
  bytes: number;
  grant(): void;
}

/**
 * The bytes of large backend messages being received at once, over every connection of the
 * process. pg assembles each message whole (and its buffer doubles as it grows), so the result
 * caps alone bound one statement, not the sum of many: eight statements each receiving a 15 MB row
 * just under the cap took the server past 900 MB (test/security/memory-bound.test.ts). A connection whose next message does not fit is
 * paused (TCP pushes back to the server) until another message has arrived. One message always
 * fits when nothing else is being received, so no connection waits forever.
 */
export class MessageBudget {
  private used = 0;
  private readonly waiting: BudgetWaiter[] = [];

  constructor(
    readonly capacityBytes: number,
    /** Messages smaller than this are not counted: they pass at once. */
    readonly largeBytes: number,
  ) {}

  /** Takes room for a message now, or false: then `wait` for it. */
  tryReserve(bytes: number): boolean {
    if (this.waiting.length > 0 || (this.used > 0 && this.used + bytes > this.capacityBytes)) return false;
    this.used += bytes;
    return true;
  }

  /** Queues for room; `grant` is called once the bytes are reserved for the waiter. */
  wait(w: BudgetWaiter): void {
    this.waiting.push(w);
    this.grantWaiting();
  }

  /** Leaves the queue (the connection closed while waiting). */
  leave(w: BudgetWaiter): void {
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting.splice(i, 1);
    this.grantWaiting();
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    this.grantWaiting();
  }

  get reservedBytes(): number {
    return this.used;
  }

  private grantWaiting(): void {
    for (let w = this.waiting[0]; w; w = this.waiting[0]) {
      if (this.used > 0 && this.used + w.bytes > this.capacityBytes) return;
      this.waiting.shift();
      this.used += w.bytes;
      w.grant();
    }
  }
}

/**
 * The process's budget: 16 MB of large messages at once, i.e. one row just under the default
 * result cap, or many smaller ones (each takes about three times its size while pg assembles and
 * decodes it). Messages under 256 KB (nearly every row of every real result) are not counted.
 */
export const processBudget = new MessageBudget(16 * 1024 * 1024, 256 * 1024);
