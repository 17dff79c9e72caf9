import { Limiter } from './limiter';

/**
 * Part PUTs at once, per origin, over every file of the page. A browser opens at most 6 connections to one
 * origin: all 6 when the parts go to the store (S3), 5 when they go to this service, so that its API calls
 * (status, list, fresh URLs) never queue behind large parts.
 */
export class PartSlots {
  readonly #byOrigin = new Map<string, Limiter>();

  constructor(private readonly perOrigin?: number) {}

  for(url: string): Limiter {
    const origin = new URL(url, location.href).origin;
    let limiter = this.#byOrigin.get(origin);
    if (!limiter) {
      limiter = new Limiter(this.perOrigin ?? (origin === location.origin ? 5 : 6));
      this.#byOrigin.set(origin, limiter);
    }
    return limiter;
  }
}
