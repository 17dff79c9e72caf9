import { BasePlugin, type Body, type Meta, type PluginOpts, type Uppy, type UppyFile } from '@uppy/core';
import { type Api, ApiError, type AssetOptions, sleep, type UploadDto } from './api';
import { comparableEtag, digestOf } from './digest';
import { followUpload } from './follow';
import { contentTypeOf, proposeKind } from './kinds';
import { Limiter } from './limiter';
import { type PartAnswer, putPart } from './partSender';
import { partSizeFor, partSizeOf, partsFor, rangeOf } from './partPlan';
import { Cancelled, type FileView, UploadJob, UserError } from './uploadJob';

// Our Uppy uploader for the Scenario Uploads API: create → PUT the parts to their signed URLs in parallel
// → complete → follow validating → validated → imported. @uppy/aws-s3 speaks S3's own protocol and sends
// one part at a time, so it does not fit.

export type ScenarioMeta = Meta & {
  kind?: string;
  /** An upload begun earlier (before a reload) that this file finishes. */
  resumeUploadId?: string;
};
export type ScenarioBody = Body & { upload?: UploadDto };

export interface ScenarioUploaderOptions extends PluginOpts {
  api: () => Api;
  assetOptions?: () => AssetOptions | undefined;
  /**
   * Part PUTs at once over every file. A browser opens at most 6 connections to one origin: all 6 when
   * the parts go to the store (S3), 5 when they go to this service, so that its API calls (status,
   * list, fresh URLs) never queue behind large parts.
   */
  parallelParts?: number;
  /** Part PUTs at once for one file; the slots are shared in turn, so several files move together. */
  partsPerFile?: number;
  /** Files being created, checked or sent at once. */
  parallelFiles?: number;
  /** Attempts of a part that fails for a reason worth trying again (lost connection, 429, 503, 507, 408). */
  partAttempts?: number;
  onChange?: (view: FileView) => void;
}

type File = UppyFile<ScenarioMeta, ScenarioBody>;

const retryable = new Set([0, 408, 429, 500, 502, 503, 504, 507]);

export default class ScenarioUploader extends BasePlugin<ScenarioUploaderOptions, ScenarioMeta, ScenarioBody> {
  readonly #jobs = new Map<string, UploadJob>();
  readonly #parts = new Map<string, Limiter>();
  readonly #files: Limiter;

  constructor(uppy: Uppy<ScenarioMeta, ScenarioBody>, opts: ScenarioUploaderOptions) {
    super(uppy, opts);
    this.id = opts.id ?? 'ScenarioUploader';
    this.type = 'uploader';
    this.#files = new Limiter(opts.parallelFiles ?? 3);
  }

  #limiterFor(url: string): Limiter {
    const origin = new URL(url, location.href).origin;
    let limiter = this.#parts.get(origin);
    if (!limiter) {
      limiter = new Limiter(this.opts.parallelParts ?? (origin === location.origin ? 5 : 6));
      this.#parts.set(origin, limiter);
    }
    return limiter;
  }

  install(): void {
    // resumableUploads makes the Dashboard show pause and resume buttons.
    this.uppy.setState({ capabilities: { ...this.uppy.getState().capabilities, resumableUploads: true } });
    this.uppy.addUploader(this.#upload);
    this.uppy.addPostProcessor(this.#awaitImports);
    this.uppy.on('file-added', this.#onAdded);
    this.uppy.on('upload-pause', this.#onPause);
    this.uppy.on('pause-all', this.#onPauseAll);
    this.uppy.on('resume-all', this.#onResumeAll);
    this.uppy.on('file-removed', this.#onRemoved);
  }

  uninstall(): void {
    this.uppy.setState({ capabilities: { ...this.uppy.getState().capabilities, resumableUploads: false } });
    this.uppy.removeUploader(this.#upload);
    this.uppy.removePostProcessor(this.#awaitImports);
    this.uppy.off('file-added', this.#onAdded);
    this.uppy.off('upload-pause', this.#onPause);
    this.uppy.off('pause-all', this.#onPauseAll);
    this.uppy.off('resume-all', this.#onResumeAll);
    this.uppy.off('file-removed', this.#onRemoved);
  }

  /** What the page shows of a file. */
  view(fileID: string): FileView | undefined {
    return this.#jobs.get(fileID)?.view;
  }

  get busy(): boolean {
    return [...this.#jobs.values()].some((job) => job.sending && !job.cancelled);
  }

  #onAdded = (file: File): void => {
    if (!file.meta.kind) {
      this.uppy.setFileMeta(file.id, { kind: proposeKind(file.type, file.name ?? '') });
    }
  };

  #onPause = (file: File | undefined, isPaused: boolean): void => {
    if (file) {
      this.#jobs.get(file.id)?.setPaused(isPaused);
    }
  };

  #onPauseAll = (): void => {
    for (const job of this.#jobs.values()) {
      if (job.sending) {
        job.setPaused(true);
      }
    }
  };

  #onResumeAll = (): void => {
    for (const job of this.#jobs.values()) {
      if (job.paused) {
        job.setPaused(false);
      }
    }
  };

  // Cancel is abort: the service forgets the upload and deletes its bytes. Once completed, a file's
  // upload is the service's to finish; removing it from the Dashboard no longer changes it.
  #onRemoved = (file: File): void => {
    const job = this.#jobs.get(file.id);
    if (!job || !job.sending) {
      return;
    }
    job.cancel();
    if (job.uploadId) {
      this.opts.api().action(job.uploadId, 'abort').catch(() => {
        // Already gone, or unreachable: it expires on its own (Uploads:PendingLifetime).
      });
    }
  };

  #upload = async (fileIDs: string[]): Promise<void> => {
    // A file refused by validation counts as uploaded for Uppy; its retry (after its kind was changed,
    // say) is a new upload, so it is taken too.
    const files = fileIDs.map((id) => this.uppy.getFile(id))
      .filter((f): f is File => !!f && !f.error && (!f.progress.uploadComplete || this.#jobs.get(f.id)?.view.phase === 'failed'));
    this.uppy.emit('upload-start', files.filter((f) => !f.progress.uploadStarted || !f.isRestored));
    await Promise.all(files.map(async (file) => {
      const job = this.#jobFor(file);
      const release = await this.#files.acquire();
      try {
        await this.#uploadOne(file, job);
      } finally {
        release();
      }
    }));
  };

  #awaitImports = async (fileIDs: string[]): Promise<void> => {
    await Promise.all(fileIDs.map((id) => this.#jobs.get(id)?.follow?.catch(() => undefined)));
  };

  #jobFor(file: File): UploadJob {
    const known = this.#jobs.get(file.id);
    // A retry goes on with the same upload when its bytes were not all sent (the service keeps what it
    // holds); one refused by validation cannot take its bytes again, so a retry starts a new upload.
    if (known && (!known.finished || (known.view.phase === 'failed' && known.failedWhileSending))) {
      known.stopped = undefined;
      known.failedWhileSending = false;
      known.view.error = undefined;
      return known;
    }
    const job = new UploadJob(file.id, file.name ?? 'file', file.size ?? 0, file.meta.kind ?? 'asset', (j) => this.#changed(j));
    // The upload begun earlier is resumed once; a retry after it failed starts afresh.
    job.resumeFrom = known ? undefined : file.meta.resumeUploadId;
    this.#jobs.set(file.id, job);
    return job;
  }

  #lastEmit = new Map<string, number>();

  #lastPhase = new Map<string, string>();

  #changed(job: UploadJob): void {
    // Progress arrives many times a second from every part in flight; the page and Uppy's Dashboard (bars,
    // speed, ETA) are told four times a second, and at once of every change of phase. Drawing more often
    // took CPU from the upload itself.
    const now = performance.now();
    const id = job.view.fileID;
    if (this.#lastPhase.get(id) === job.view.phase && job.view.phase === 'uploading' && now - (this.#lastEmit.get(id) ?? 0) < 250) {
      return;
    }
    this.#lastPhase.set(id, job.view.phase);
    this.#lastEmit.set(id, now);
    this.opts.onChange?.(job.view);
    const file = this.uppy.getFile(job.view.fileID) as File | undefined;
    if (file && job.sending && file.progress.uploadStarted) {
      this.uppy.emit('upload-progress', file, {
        uploadStarted: file.progress.uploadStarted,
        bytesUploaded: job.view.bytesSent,
        bytesTotal: job.view.size,
      });
    }
  }

  async #uploadOne(file: File, job: UploadJob): Promise<void> {
    const api = this.opts.api();
    try {
      await job.runnable();
      job.view.kind = file.meta.kind ?? job.view.kind;
      let completed: UploadDto | undefined;
      if (!job.uploadId) {
        if (job.resumeFrom) {
          await this.#prepareResume(api, file, job, job.resumeFrom);
        } else {
          await this.#create(api, file, job);
        }
      } else {
        // A retry: the connection may have been lost after the service took the complete.
        const current = await api.retrieveUpload(job.uploadId).catch(rethrowInWords);
        if (current.status === 'failed') {
          throw new UserError(current.errorMessage ?? 'The upload failed.');
        }
        completed = current.status === 'pending' ? undefined : current;
        if (!completed) {
          await this.#refresh(api, job);
        }
      }
      if (!completed) {
        job.setPhase(job.paused ? 'paused' : 'uploading');
        await this.#sendAll(api, file, job);
        completed = await this.#complete(api, file, job);
      }
      const current = this.uppy.getFile(file.id);
      this.uppy.emit('upload-success', current, { status: 200, body: { upload: completed } as ScenarioBody, uploadURL: undefined });
      job.follow = this.#follow(api, file, job);
    } catch (error) {
      if (error instanceof Cancelled || job.cancelled) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      job.failedWhileSending = ['uploading', 'retrying', 'paused', 'completing'].includes(job.view.phase);
      job.view.error = message;
      job.setPhase('failed');
      this.uppy.emit('upload-error', this.uppy.getFile(file.id), { name: 'UploadError', message });
    }
  }

  async #create(api: Api, file: File, job: UploadJob): Promise<void> {
    const size = file.size ?? 0;
    const partSize = partSizeFor(size);
    const kind = file.meta.kind ?? proposeKind(file.type, file.name ?? '');
    const assetOptions = kind === 'model' ? undefined : this.opts.assetOptions?.();
    const upload = await api.createUpload({
      fileName: file.name ?? 'file',
      contentType: contentTypeOf(file.type, file.name ?? ''),
      fileSize: size,
      parts: partsFor(size, partSize),
      kind,
      ...(assetOptions ? { assetOptions } : {}),
    }).catch(rethrowInWords);
    job.adopt(upload, partSize, true);
  }

  // After a reload the page no longer knows what it sent: the service says which parts it holds, and the
  // page checks each against the same bytes of the file picked again before it trusts it.
  async #prepareResume(api: Api, file: File, job: UploadJob, id: string): Promise<void> {
    const upload = await api.retrieveUpload(id).catch(rethrowInWords);
    if (upload.status !== 'pending') {
      throw new UserError(`Upload ${id} is ${upload.status} and can no longer be resumed. Retry to send this file as a new upload.`);
    }
    if (upload.fileName !== file.name || upload.fileSize !== file.size) {
      throw new UserError(`This is not the file upload ${id} began with: it expects ${upload.fileName} (${upload.fileSize} bytes), and this is ${file.name} (${file.size} bytes). Retry to send it as a new upload.`);
    }
    const size = file.size ?? 0;
    job.adopt(upload, partSizeOf(size, upload.partsCount ?? 1, upload.partSize), false);
    const held = (upload.parts ?? []).filter((p) => p.uploaded);
    let differ = 0;
    for (const [index, part] of held.entries()) {
      job.setPhase('checking', `Checking part ${index + 1} of ${held.length} sent earlier`);
      const etag = comparableEtag(part.etag);
      if (!etag) {
        // Nothing to compare with: sent again rather than trusted.
        job.view.partsResent++;
        continue;
      }
      const { start, end } = rangeOf(part.number, job.partSize, size);
      if (part.size !== undefined && part.size !== end - start) {
        differ++;
        continue;
      }
      if ((await digestOf(blobOf(file).slice(start, end), etag.kind)) === etag.hex) {
        job.verified(part.number);
      } else {
        differ++;
      }
    }
    if (differ > 0) {
      throw new UserError(`This file differs from the one upload ${id} began with (${differ} of the ${held.length} parts sent earlier do not match). Pick the same file again, or retry this one to send it as a new upload.`);
    }
  }

  async #refresh(api: Api, job: UploadJob): Promise<void> {
    job.refreshing ??= (async () => {
      try {
        const upload = await api.retrieveUpload(job.uploadId!).catch(rethrowInWords);
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

  async #sendAll(api: Api, file: File, job: UploadJob): Promise<void> {
    const queue = job.missing();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length && !job.stopped && !job.cancelled) {
        const number = queue[next++];
        try {
          await this.#sendPart(api, file, job, number);
        } catch (error) {
          job.stop(error instanceof Error ? error : new Error(String(error)));
        }
      }
    };
    const workers = Math.min(queue.length, this.opts.partsPerFile ?? 6);
    await Promise.all(Array.from({ length: workers }, worker));
    await job.runnable();
  }

  async #sendPart(api: Api, file: File, job: UploadJob, number: number): Promise<void> {
    let failures = 0;
    let renewals = 0;
    for (;;) {
      await job.runnable();
      const release = await this.#limiterFor(job.parts.get(number)!.url).acquire();
      let answer: PartAnswer;
      try {
        if (job.paused || job.cancelled || job.stopped) {
          continue;
        }
        // Fresh URLs before one runs out: a part started on an expired URL is refused.
        if (job.parts.get(number)!.expires - Date.now() < job.urlMargin) {
          await this.#refresh(api, job);
        }
        const part = job.parts.get(number)!;
        if (part.held) {
          return;
        }
        const { start, end } = rangeOf(number, job.partSize, job.view.size);
        if (job.view.phase !== 'uploading') {
          job.setPhase('uploading');
        }
        answer = await putPart(part.url, blobOf(file).slice(start, end), (loaded) => job.progress(number, loaded), job.signalFor(number));
      } finally {
        release();
      }
      job.dropInFlight(number);
      if (answer.status >= 200 && answer.status < 300) {
        job.held(number, answer.etag);
        return;
      }
      if (answer.aborted) {
        // Paused, cancelled or stopped: the loop's first line decides.
        continue;
      }
      if (answer.status === 403 && renewals < 3) {
        // Expired (or, on S3, "Request has expired"): new URLs, and the same part again.
        renewals++;
        await this.#refresh(api, job);
        continue;
      }
      if (retryable.has(answer.status) && ++failures < (this.opts.partAttempts ?? 6)) {
        const seconds = answer.retryAfterSeconds ?? Math.min(8, 0.5 * 2 ** (failures - 1)) * (1 + Math.random() / 4);
        job.setPhase('retrying', `Part ${number}: ${describe(answer)} Trying again in ${Math.ceil(seconds)} s.`);
        await sleep(seconds * 1000);
        continue;
      }
      throw new UserError(`Part ${number} could not be sent: ${describe(answer)}`);
    }
  }

  async #complete(api: Api, file: File, job: UploadJob): Promise<UploadDto> {
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
          await this.#sendAll(api, file, job);
          job.setPhase('completing');
          continue;
        }
        rethrowInWords(error);
      }
    }
  }

  async #follow(api: Api, file: File, job: UploadJob): Promise<void> {
    try {
      const end = await followUpload(api, job.uploadId!, ({ upload, entity }) => {
        job.view.upload = upload;
        job.view.entity = entity;
        const current = this.uppy.getFile(file.id);
        if (upload.status === 'validating' || upload.status === 'validated') {
          if (job.view.phase !== upload.status) {
            job.setPhase(upload.status);
            this.uppy.emit('postprocess-progress', current, {
              mode: 'indeterminate',
              message: upload.status === 'validating' ? 'Validating…' : 'Importing…',
            });
          }
        }
      });
      if (end.upload.status === 'imported') {
        job.setPhase('imported');
        const current = this.uppy.getFile(file.id);
        if (current && end.entity?.url) {
          // The Dashboard then links the file's name to its download.
          this.uppy.setFileState(file.id, { uploadURL: end.entity.url });
        }
        this.uppy.emit('postprocess-complete', this.uppy.getFile(file.id));
      } else {
        job.view.error = end.upload.errorMessage ?? 'The service refused the file.';
        job.setPhase('failed');
        this.uppy.emit('upload-error', this.uppy.getFile(file.id), { name: 'ValidationError', message: job.view.error });
      }
    } catch (error) {
      job.view.error = error instanceof Error ? error.message : String(error);
      job.setPhase('failed');
    }
  }
}

/** The bytes of a file from this device (the only source this page offers). */
function blobOf(file: File): Blob {
  if (!(file.data instanceof Blob)) {
    throw new UserError(`${file.name} is not a file on this device.`);
  }
  return file.data;
}

function describe(answer: PartAnswer): string {
  if (answer.status === 0) {
    return answer.detail ?? 'The connection was lost.';
  }
  return answer.detail ? `${answer.detail}` : `The store answered ${answer.status}.`;
}

/** The service's words for a refused request, or ours for a lost connection. */
function rethrowInWords(error: unknown): never {
  if (error instanceof ApiError) {
    throw new UserError(error.detail);
  }
  throw error;
}
