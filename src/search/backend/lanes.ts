/**
 * Worker lanes: a job holds one worker (lane) from its start to its end; jobs wait, first come first served, while
 * every lane is held. The piscina backend sends each task to the pool of the lane its job holds.
 */
export class Lanes {
  private readonly free: number[];
  private readonly waiting: ((lane: number) => void)[] = [];

  constructor(count: number) {
    this.free = Array.from({ length: count }, (_, lane) => lane);
  }

  /** Runs `job` on the first free lane; the lane is free again when the job settles. */
  async with<T>(job: (lane: number) => Promise<T>): Promise<T> {
    const lane = this.free.shift() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      return await job(lane);
    } finally {
      const next = this.waiting.shift();
      if (next) next(lane);
      else this.free.push(lane);
    }
  }
}
