// A page of someone else's, built as Uppy's documentation shows: @uppy/core with the stock Tus plugin pointed at
// the service's /v1/tus, the API key in the Authorization header. No code of ours talks to the service: whatever
// works here works for any page built the same way. The test (UppyTusTests) serves it from another origin,
// calls start() with its options and picks files in #files; it reads back what the script saw in `report`.
import Uppy from '@uppy/core';
import Tus from '@uppy/tus';

const report = {
  succeeded: [],
  failed: [],
  // One entry per answer: the headers tus-js-client reads, as this script could read them (CORS's exposed headers).
  responses: [],
};
window.report = report;

function basic(key, secret) {
  return `Basic ${btoa(`${key}:${secret}`)}`;
}

// The test's own steps at a chunk's end: pause (the next start is a HEAD for the offset) or remove (a DELETE).
function atChunk(uppy, afterChunk, count) {
  if (count !== afterChunk?.count) {
    return;
  }
  for (const file of uppy.getFiles()) {
    if (afterChunk.action === 'pause') {
      uppy.pauseResume(file.id);
    } else {
      uppy.removeFile(file.id);
    }
  }
  report.stepped = afterChunk.action;
}

window.start = ({ endpoint, apiKey, apiSecret, chunkSize, afterChunk }) => {
  const uppy = new Uppy({ autoProceed: true });
  let chunks = 0;
  uppy.use(Tus, {
    endpoint,
    headers: { Authorization: basic(apiKey, apiSecret) },
    chunkSize: chunkSize ?? Infinity,
    onAfterResponse(request, response) {
      report.responses.push({
        method: request.getMethod(),
        status: response.getStatus(),
        location: response.getHeader('Location') ?? null,
        offset: response.getHeader('Upload-Offset') ?? null,
        resumable: response.getHeader('Tus-Resumable') ?? null,
      });
    },
    onChunkComplete() {
      chunks += 1;
      atChunk(uppy, afterChunk, chunks);
    },
  });
  uppy.on('upload-success', (file, response) => report.succeeded.push({ name: file.name, url: response.uploadURL }));
  uppy.on('upload-error', (file, error) => report.failed.push({ name: file?.name ?? null, error: String(error) }));
  const input = document.getElementById('files');
  input.addEventListener('change', () => {
    for (const file of input.files) {
      uppy.addFile({ name: file.name, type: file.type, data: file, source: 'Local' });
    }
    input.value = '';
  });
  window.uppy = uppy;
};
