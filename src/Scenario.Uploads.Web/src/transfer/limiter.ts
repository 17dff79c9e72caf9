// A counting semaphore: how many part PUTs run at once across every file of the page.
export class Limiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves with a release function, to be called once the slot is no longer used. */
  async acquire(): Promise<() => void> {
    if (this.#running >= this.limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = this.#waiting.shift();
      if (next) {
        next();
      } else {
        this.#running--;
      }
    };
  }
}
