import { type Api, ApiError, type EntityDto, type JobDto, sleep, type UploadDto } from './api';

// After complete (or an import's create), the upload goes validating → validated → imported, or failed.
// The page follows it by retrieving it, quickly at first, then every two seconds.

export interface Followed {
  upload: UploadDto;
  job?: JobDto;
  entity?: EntityDto;
}

export const isFinal = (status: string): boolean => status === 'imported' || status === 'failed';

export async function followUpload(
  api: Api,
  uploadId: string,
  onUpdate: (followed: Followed) => void,
  options: { withJob?: boolean; signal?: AbortSignal } = {},
): Promise<Followed> {
  let delay = 300;
  for (;;) {
    try {
      const upload = await api.retrieveUpload(uploadId, options.signal);
      const followed: Followed = { upload };
      if (options.withJob && upload.jobId && !isFinal(upload.status)) {
        // An import's job reports the download's progress.
        followed.job = await api.job(upload.jobId).catch(() => undefined);
      }
      if (upload.status === 'imported' && upload.entityId) {
        followed.entity = await api.entity(upload).catch(() => undefined);
      }
      onUpdate(followed);
      if (isFinal(upload.status)) {
        return followed;
      }
    } catch (error) {
      // A lost connection or a restarting service is waited out; anything else is the end of the story.
      if (options.signal?.aborted || !(error instanceof ApiError) || (error.status !== 0 && error.status < 500)) {
        throw error;
      }
    }
    await sleep(delay, options.signal);
    delay = Math.min(2000, delay * 1.3);
  }
}
