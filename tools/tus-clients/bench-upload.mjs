// bench/run's tus client (case 10): one file through tus-js-client as a Node.js application would send a large file,
// read from disk slice by slice (a fs.ReadStream: tus-js-client opens each chunk's range by the stream's path, so no
// chunk is held whole in memory and the client's memory is not counted against either server). Prints the URL.
// Usage: node bench-upload.mjs <endpoint> <file> <chunkBytes> <parallelUploads> [<apiKey> <apiSecret>]
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Upload } from 'tus-js-client';

const [endpoint, file, chunkSize, parallelUploads, key, secret] = process.argv.slice(2);
const headers = key ? { Authorization: 'Basic ' + Buffer.from(`${key}:${secret}`).toString('base64') } : {};

const upload = new Upload(createReadStream(file), {
  endpoint,
  headers,
  chunkSize: Number(chunkSize),
  parallelUploads: Number(parallelUploads),
  metadata: { filename: basename(file), filetype: 'application/octet-stream', kind: 'asset' },
  // A failed request fails the run instead of being retried inside the time measured.
  retryDelays: null,
  onError(error) {
    console.error(String(error));
    process.exit(1);
  },
  onSuccess() {
    console.log(upload.url);
  },
});
upload.start();
