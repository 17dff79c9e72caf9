import type { EntityDto, PartDto, UploadDto } from '../api';

// The state of one file's upload inside the page: its plan, which parts the service holds, what is in
// flight, pause and cancel, and the numbers the page shows (bytes, speed, ETA).

export type Phase =
  | 'waiting'
  | 'checking'
  | 'uploading'
  | 'paused'
  | 'retrying'
  | 'completing'
  | 'validating'
  | 'validated'
  | 'imported'
  | 'failed'
  | 'cancelled';

export interface FileView {
  fileID: string;
  name: string;
  size: number;
  kind: string;
  phase: Phase;
  uploadId?: string;
  bytesSent: number;
  /** Bytes per second over the last few seconds, while uploading. */
  speed?: number;
  etaSeconds?: number;
  upload?: UploadDto;
  entity?: EntityDto;
  error?: string;
  note?: string;
  partsCount?: number;
  partsHeld: number;
  partsVerified: number;
  partsResent: number;
  urlRenewals: number;
}

interface PartState {
  url: string;
  expires: number;
  held: boolean;
  etag?: string;
}

export class Cancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'Cancelled';
  }
}

/** A failure to show as it is: the service's words, or ours. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export class UploadJob {
  readonly view: FileView;
  uploadId?: string;
  partSize = 0;
  partsCount = 0;
  readonly parts = new Map<number, PartState>();
  /** Ask for fresh URLs when one has less than this left. */
  urlMargin = 60_000;
  paused = false;
  cancelled = false;
  /** The upload begun earlier (before a reload) that this job finishes. */
  resumeFrom?: string;
  /** Failed before complete: a retry resumes the same upload. */
  failedWhileSending = false;
  stopped?: Error;
  refreshing?: Promise<void>;
  follow?: Promise<unknown>;
  readonly #inFlight = new Map<number, { loaded: number; controller: AbortController }>();
  readonly #sizes = new Map<number, number>();
  #wake: (() => void)[] = [];
  #samples: { at: number; bytes: number }[] = [];
  #sentThisSession = 0;

  constructor(fileID: string, name: string, size: number, kind: string, private readonly changed: (job: UploadJob) => void) {
    this.view = { fileID, name, size, kind, phase: 'waiting', bytesSent: 0, partsHeld: 0, partsVerified: 0, partsResent: 0, urlRenewals: 0 };
  }

  get finished(): boolean {
    return ['imported', 'failed', 'cancelled'].includes(this.view.phase);
  }

  /** Before complete: the bytes may still be sent, paused or given up. */
  get sending(): boolean {
    return ['waiting', 'checking', 'uploading', 'paused', 'retrying'].includes(this.view.phase);
  }

  setPhase(phase: Phase, note?: string): void {
    this.view.phase = phase;
    this.view.note = note;
    this.changed(this);
  }

  /** Takes the plan and part URLs of a create or retrieve answer. */
  adopt(upload: UploadDto, partSize: number, trustHeld: boolean): void {
    this.uploadId = upload.id;
    this.view.uploadId = upload.id;
    this.view.upload = upload;
    this.partSize = partSize;
    this.partsCount = upload.partsCount ?? upload.parts?.length ?? 1;
    this.view.partsCount = this.partsCount;
    let shortest = Number.POSITIVE_INFINITY;
    for (const part of upload.parts ?? []) {
      const expires = Date.parse(part.expires);
      shortest = Math.min(shortest, expires - Date.now());
      const known = this.parts.get(part.number);
      const held = (known?.held ?? false) || (trustHeld && part.uploaded === true && !this.#inFlight.has(part.number));
      this.parts.set(part.number, { url: part.url, expires, held, etag: part.etag ?? known?.etag });
      if (held && !known?.held) {
        this.#sizes.set(part.number, part.size ?? this.sizeOf(part.number));
      }
    }
    if (Number.isFinite(shortest)) {
      // A quarter of the URLs' lifetime, between 1 s and 5 min: enough for a part to start in time.
      this.urlMargin = Math.min(300_000, Math.max(1000, shortest / 4));
    }
    this.#recount();
  }

  /** Parts the service says it does not hold go back in the queue (after complete found some missing). */
  forgetMissing(parts: PartDto[]): void {
    for (const part of parts) {
      const state = this.parts.get(part.number);
      if (state && state.held && part.uploaded !== true) {
        state.held = false;
        this.#sizes.delete(part.number);
      }
    }
    this.#recount();
  }

  sizeOf(number: number): number {
    const start = (number - 1) * this.partSize;
    return Math.max(0, Math.min(this.view.size, start + this.partSize) - start);
  }

  missing(): number[] {
    return [...this.parts.keys()].filter((n) => !this.parts.get(n)!.held).sort((a, b) => a - b);
  }

  held(number: number, etag?: string): void {
    const part = this.parts.get(number)!;
    part.held = true;
    part.etag = etag?.replace(/"/g, '') ?? part.etag;
    this.#sizes.set(number, this.sizeOf(number));
    this.#sentThisSession += this.sizeOf(number);
    this.#inFlight.delete(number);
    this.#recount();
  }

  /** A part sent earlier (before a reload, say) whose bytes the page checked against the service's ETag. */
  verified(number: number): void {
    this.parts.get(number)!.held = true;
    this.#sizes.set(number, this.sizeOf(number));
    this.view.partsVerified++;
    this.#recount();
  }

  notHeld(number: number): void {
    const part = this.parts.get(number);
    if (part) {
      part.held = false;
      this.#sizes.delete(number);
    }
  }

  signalFor(number: number): AbortSignal {
    const controller = new AbortController();
    this.#inFlight.set(number, { loaded: 0, controller });
    return controller.signal;
  }

  progress(number: number, loaded: number): void {
    const entry = this.#inFlight.get(number);
    if (entry) {
      entry.loaded = loaded;
    }
    this.#recount();
  }

  dropInFlight(number: number): void {
    this.#inFlight.delete(number);
    this.#recount();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) {
      this.#abortInFlight();
      if (this.sending) {
        this.setPhase('paused');
      }
    } else {
      if (this.view.phase === 'paused') {
        this.setPhase('uploading');
      }
      this.#wakeAll();
    }
  }

  cancel(): void {
    this.cancelled = true;
    this.#abortInFlight();
    this.#wakeAll();
    this.setPhase('cancelled');
  }

  /** One part failed for good: the others stop too. */
  stop(error: Error): void {
    this.stopped ??= error;
    this.#abortInFlight();
    this.#wakeAll();
  }

  /** Waits while paused; throws once cancelled or stopped. */
  async runnable(): Promise<void> {
    for (;;) {
      if (this.cancelled) {
        throw new Cancelled();
      }
      if (this.stopped) {
        throw this.stopped;
      }
      if (!this.paused) {
        return;
      }
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  #abortInFlight(): void {
    for (const entry of this.#inFlight.values()) {
      entry.controller.abort();
    }
  }

  #wakeAll(): void {
    const waiting = this.#wake;
    this.#wake = [];
    waiting.forEach((wake) => wake());
  }

  #recount(): void {
    let held = 0;
    for (const size of this.#sizes.values()) {
      held += size;
    }
    let flying = 0;
    for (const entry of this.#inFlight.values()) {
      flying += entry.loaded;
    }
    this.view.bytesSent = Math.min(this.view.size, held + flying);
    this.view.partsHeld = this.#sizes.size;
    const now = performance.now();
    const sent = this.#sentThisSession + flying;
    this.#samples.push({ at: now, bytes: sent });
    while (this.#samples.length > 2 && now - this.#samples[0].at > 5000) {
      this.#samples.shift();
    }
    const first = this.#samples[0];
    const seconds = (now - first.at) / 1000;
    if (seconds > 0.5 && sent > first.bytes) {
      this.view.speed = (sent - first.bytes) / seconds;
      this.view.etaSeconds = (this.view.size - this.view.bytesSent) / this.view.speed;
    } else if (seconds > 3) {
      this.view.speed = 0;
      this.view.etaSeconds = undefined;
    }
    this.changed(this);
  }
}
