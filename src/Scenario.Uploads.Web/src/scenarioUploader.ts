import { BasePlugin, type Body, type Meta, type PluginOpts, type Uppy, type UppyFile } from '@uppy/core';
import type { Api, AssetOptions, UploadDto } from './api';
import { followUpload } from './follow';
import { contentTypeOf, proposeKind } from './kinds';
import { FileTransfer, type NewUpload } from './transfer/fileTransfer';
import { Limiter } from './transfer/limiter';
import { PartSlots } from './transfer/partSlots';
import { Cancelled, type FileView, UploadJob, UserError } from './transfer/uploadJob';

// Our Uppy uploader for the Scenario Uploads API: Uppy's files, events and Dashboard on one side, the
// page's transfer module (transfer/fileTransfer.ts: create → parts → complete, with the SDK's retries) on
// the other, then following validating → validated → imported. @uppy/aws-s3 speaks S3's own protocol and
// sends one part at a time, so it does not fit.

export type ScenarioMeta = Meta & {
  kind?: string;
  /** An upload begun earlier (before a reload) that this file finishes. */
  resumeUploadId?: string;
};
export type ScenarioBody = Body & { upload?: UploadDto };

export interface ScenarioUploaderOptions extends PluginOpts {
  api: () => Api;
  assetOptions?: () => AssetOptions | undefined;
  /** Part PUTs at once over every file, per origin (see PartSlots for the default). */
  parallelParts?: number;
  /** Part PUTs at once for one file; the slots are shared in turn, so several files move together. */
  partsPerFile?: number;
  /** Files being created, checked or sent at once. */
  parallelFiles?: number;
  onChange?: (view: FileView) => void;
}

type File = UppyFile<ScenarioMeta, ScenarioBody>;

export default class ScenarioUploader extends BasePlugin<ScenarioUploaderOptions, ScenarioMeta, ScenarioBody> {
  readonly #jobs = new Map<string, UploadJob>();
  readonly #slots: PartSlots;
  readonly #files: Limiter;

  constructor(uppy: Uppy<ScenarioMeta, ScenarioBody>, opts: ScenarioUploaderOptions) {
    super(uppy, opts);
    this.id = opts.id ?? 'ScenarioUploader';
    this.type = 'uploader';
    this.#files = new Limiter(opts.parallelFiles ?? 3);
    this.#slots = new PartSlots(opts.parallelParts);
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
      const transfer = new FileTransfer(api, job, blobOf(file), { partsPerFile: this.opts.partsPerFile ?? 6, slots: this.#slots });
      const completed = await transfer.run(() => this.#newUpload(file));
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

  #newUpload(file: File): NewUpload {
    const kind = file.meta.kind ?? proposeKind(file.type, file.name ?? '');
    const assetOptions = kind === 'model' ? undefined : this.opts.assetOptions?.();
    return {
      fileName: file.name ?? 'file',
      contentType: contentTypeOf(file.type, file.name ?? ''),
      kind,
      ...(assetOptions ? { assetOptions } : {}),
    };
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
