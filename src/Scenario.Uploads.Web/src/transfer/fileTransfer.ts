import { type Api, ApiError, type CreateMultipart, sleep, type UploadDto } from '../api';
import { type PartAnswer, putPart } from './partSender';
import type { PartSlots } from './partSlots';
import { partSizeFor, partSizeOf, partsFor, rangeOf } from './partPlan';
import { adoptForResume } from './resumeCheck';
import { rethrowInWords } from './rethrowInWords';
import { delaySeconds, retriesOf, verdictOf } from './retryPolicy';
import { type UploadJob, UserError } from './uploadJob';

// One file's transfer over the Uploads API, free of any UI framework: create (or resume an upload begun
// earlier, or go on after a retry) → PUT the parts to their signed URLs in parallel, renewing URLs before
// they expire → complete. What the page shows is in the job; following validation is the caller's.

/** What a new upload is created with; the size and part count come from the file and the part plan. */
export type NewUpload = Omit<CreateMultipart, 'fileSize' | 'parts'>;

export interface TransferOptions {
  /** Part PUTs at once for one file; the slots are shared in turn, so several files move together. */
  partsPerFile: number;
  slots: PartSlots;
}

export class FileTransfer {
  constructor(
    private readonly api: Api,
    private readonly job: UploadJob,
    private readonly blob: Blob,
    private readonly options: TransferOptions,
  ) {}

  /**
   * Sends what the service lacks and completes; resolves with the upload as complete (or, after a retry
   * whose complete had already been taken, retrieve) answered. `describe` is asked only for a new upload.
   */
  async run(describe: () => NewUpload): Promise<UploadDto> {
    const { api, job } = this;
    if (!job.uploadId) {
      if (job.resumeFrom) {
        await adoptForResume(api, job, this.blob, job.resumeFrom);
      } else {
        await this.#create(describe());
      }
    } else {
      // A retry: the connection may have been lost after the service took the complete.
      const current = await api.retrieveUpload(job.uploadId).catch(rethrowInWords);
      if (current.status === 'failed') {
        throw new UserError(current.errorMessage ?? 'The upload failed.');
      }
      if (current.status !== 'pending') {
        return current;
      }
      await this.#refresh();
    }
    job.setPhase(job.paused ? 'paused' : 'uploading');
    await this.#sendAll();
    return this.#complete();
  }

  async #create(upload: NewUpload): Promise<void> {
    const size = this.job.view.size;
    const partSize = partSizeFor(size);
    const created = await this.api.createUpload({ ...upload, fileSize: size, parts: partsFor(size, partSize) }).catch(rethrowInWords);
    this.job.adopt(created, partSize, true);
  }

  /** Fresh part URLs; one retrieve serves every part waiting for it. */
  async #refresh(): Promise<void> {
    const job = this.job;
    job.refreshing ??= (async () => {
      try {
        const upload = await this.api.retrieveUpload(job.uploadId!).catch(rethrowInWords);
        if (upload.status !== 'pending') {
          throw new UserError(upload.errorMessage ?? `The upload is ${upload.status} and takes no more parts.`);
        }
        job.adopt(upload, partSizeOf(job.view.size, job.partsCount, upload.partSize ?? job.partSize), true);
        job.view.urlRenewals++;
      } finally {
        job.refreshing = undefined;
      }
    })();
    await job.refreshing;
  }

  async #sendAll(): Promise<void> {
    const job = this.job;
    const queue = job.missing();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length && !job.stopped && !job.cancelled) {
        const number = queue[next++];
        try {
          await this.#sendPart(number);
        } catch (error) {
          job.stop(error instanceof Error ? error : new Error(String(error)));
        }
      }
    };
    const workers = Math.min(queue.length, this.options.partsPerFile);
    await Promise.all(Array.from({ length: workers }, worker));
    await job.runnable();
  }

  // The part's attempts share one budget, URL renewals included, as in the SDK (retryPolicy.ts).
  async #sendPart(number: number): Promise<void> {
    const job = this.job;
    for (let attempt = 0; ; ) {
      const answer = await this.#putOnce(number);
      if (answer === 'held') {
        return;
      }
      if (answer.aborted) {
        // Paused, cancelled or stopped: the next attempt's first step decides.
        continue;
      }
      const verdict = verdictOf('parts', answer.status, answer.code);
      if (verdict === 'fail' || attempt >= retriesOf('parts')) {
        throw new UserError(`Part ${number} could not be sent: ${describe(answer)}`);
      }
      if (verdict === 'renewUrl') {
        // Expired (or, on S3, "Request has expired"): new URLs, and the same part again at once.
        await this.#refresh();
      } else {
        const seconds = delaySeconds(attempt, answer.retryAfterSeconds);
        job.setPhase('retrying', `Part ${number}: ${describe(answer)} Trying again in ${Math.ceil(seconds)} s.`);
        await sleep(seconds * 1000);
      }
      attempt++;
    }
  }

  /** One PUT of a part in one of its origin's slots; 'held' once the service holds it. */
  async #putOnce(number: number): Promise<PartAnswer | 'held'> {
    const job = this.job;
    await job.runnable();
    const release = await this.options.slots.for(job.parts.get(number)!.url).acquire();
    let answer: PartAnswer;
    try {
      if (job.paused || job.cancelled || job.stopped) {
        return { status: 0, aborted: true };
      }
      // Fresh URLs before one runs out: a part started on an expired URL is refused.
      if (job.parts.get(number)!.expires - Date.now() < job.urlMargin) {
        await this.#refresh();
      }
      const part = job.parts.get(number)!;
      if (part.held) {
        return 'held';
      }
      const { start, end } = rangeOf(number, job.partSize, job.view.size);
      if (job.view.phase !== 'uploading') {
        job.setPhase('uploading');
      }
      answer = await putPart(part.url, this.blob.slice(start, end), (loaded) => job.progress(number, loaded), job.signalFor(number));
    } finally {
      release();
    }
    job.dropInFlight(number);
    if (answer.status >= 200 && answer.status < 300) {
      job.held(number, answer.etag);
      return 'held';
    }
    return answer;
  }

  async #complete(): Promise<UploadDto> {
    const { api, job } = this;
    job.setPhase('completing');
    for (let attempt = 0; ; attempt++) {
      try {
        return await api.action(job.uploadId!, 'complete');
      } catch (error) {
        // A part the service does not hold after all (lost by a store, or sent by another client and
        // replaced): send what it lacks, then complete again.
        if (error instanceof ApiError && error.code === 'parts_missing' && attempt < 2) {
          const upload = await api.retrieveUpload(job.uploadId!).catch(rethrowInWords);
          job.forgetMissing(upload.parts ?? []);
          job.adopt(upload, job.partSize, true);
          job.setPhase('uploading');
          await this.#sendAll();
          job.setPhase('completing');
          continue;
        }
        rethrowInWords(error);
      }
    }
  }
}

function describe(answer: PartAnswer): string {
  if (answer.status === 0) {
    return answer.detail ?? 'The connection was lost.';
  }
  return answer.detail ? `${answer.detail}` : `The store answered ${answer.status}.`;
}
