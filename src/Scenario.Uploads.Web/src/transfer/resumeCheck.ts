import type { Api } from '../api';
import { comparableEtag, digestOf } from '../digest';
import { partSizeOf, rangeOf } from './partPlan';
import { rethrowInWords } from './rethrowInWords';
import { type UploadJob, UserError } from './uploadJob';

// After a reload the page no longer knows what it sent: the service says which parts it holds, and the
// page checks each against the same bytes of the file picked again before it trusts it.
export async function adoptForResume(api: Api, job: UploadJob, blob: Blob, id: string): Promise<void> {
  const { name, size } = job.view;
  const upload = await api.retrieveUpload(id).catch(rethrowInWords);
  if (upload.status !== 'pending') {
    throw new UserError(`Upload ${id} is ${upload.status} and can no longer be resumed. Retry to send this file as a new upload.`);
  }
  if (upload.fileName !== name || upload.fileSize !== size) {
    throw new UserError(`This is not the file upload ${id} began with: it expects ${upload.fileName} (${upload.fileSize} bytes), and this is ${name} (${size} bytes). Retry to send it as a new upload.`);
  }
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
    if ((await digestOf(blob.slice(start, end), etag.kind)) === etag.hex) {
      job.verified(part.number);
    } else {
      differ++;
    }
  }
  if (differ > 0) {
    throw new UserError(`This file differs from the one upload ${id} began with (${differ} of the ${held.length} parts sent earlier do not match). Pick the same file again, or retry this one to send it as a new upload.`);
  }
}
