import policy from './transferPolicy.json';

// When the page sends a request again, and after how long: the .NET SDK's rules (src/Scenario.Sdk/Core/
// RetryPolicy.cs and Transfers/PartSender.cs), so a browser and a script ride out the same passing events
// (503 with Retry-After while a backend restarts, 507 while the disk is full, 429) and give up on the same
// answers. The numbers live in transferPolicy.json, which Scenario.Sdk.Tests checks against the SDK's
// behaviour, status by status: change one side and that test says where the other differs.

type StatusRanges = readonly (readonly number[])[];

/** An API call (create, retrieve, complete, abort, list) or a part PUT to its signed URL. */
export type RequestKind = 'api' | 'parts';

/** What to do with a failed request: send it again after a wait, renew its part URL first, or give up. */
export type Verdict = 'retry' | 'renewUrl' | 'fail';

const inRanges = (ranges: StatusRanges, status: number): boolean => ranges.some(([from, to]) => status >= from && status <= to);

/**
 * The verdict on one failed attempt: `status` 0 when no answer came (a lost connection), `code` the service's
 * problem code. A 409 naming a state the upload never leaves is final; any other may be a lock held a moment.
 */
export function verdictOf(kind: RequestKind, status: number, code?: string): Verdict {
  if (status === 0) {
    return policy[kind].lostConnection ? 'retry' : 'fail';
  }
  if (kind === 'parts' && inRanges(policy.parts.renewUrl, status)) {
    return 'renewUrl';
  }
  if (kind === 'api' && status === 409 && code !== undefined && policy.api.finalCodes.includes(code)) {
    return 'fail';
  }
  return inRanges(policy[kind].retried, status) ? 'retry' : 'fail';
}

/** How many times a request is sent again (a part's URL renewals count among them, as in the SDK). */
export const retriesOf = (kind: RequestKind): number => policy[kind].retries;

/**
 * Seconds to wait before retry number `attempt` + 1: what Retry-After asked when it asked for at most a
 * minute (a longer ask is treated as none, so a proxy's "come back in an hour" does not hold the page),
 * else 0.5 s doubling up to 8 s, less up to a quarter so that clients that failed together spread out.
 */
export function delaySeconds(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0 && retryAfterSeconds <= policy.retryAfterMaxSeconds) {
    return retryAfterSeconds;
  }
  const { initialSeconds, maxSeconds, jitter } = policy.backoff;
  return Math.min(initialSeconds * 2 ** attempt, maxSeconds) * (1 - Math.random() * jitter);
}

/** Seconds from `retry-after-ms` or `Retry-After` (delta-seconds or an HTTP date), as the SDK reads them. */
export function retryAfterOf(header: (name: string) => string | null): number | undefined {
  const millis = Number(header('retry-after-ms') || Number.NaN);
  if (Number.isFinite(millis)) {
    return millis / 1000;
  }
  const value = header('Retry-After');
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  const fromDate = (Date.parse(value) - Date.now()) / 1000;
  const result = Number.isFinite(seconds) ? seconds : fromDate;
  return Number.isFinite(result) ? result : undefined;
}
