// Uploads one file with tus-js-client, as a Node.js application would, and prints the upload's URL on success.
// Usage: node upload.mjs <endpoint> <file> <apiKey> <apiSecret> [options as JSON]
//   options: chunkSize, parallelUploads, uploadLengthDeferred, protocol ("tus-v1" | "ietf-draft-03" | "ietf-draft-05"),
//            metadata (object), stopAfterBytes (abort once this many bytes are sent, to test resumes),
//            resumeUrl (continue the upload at this URL), uploadDataDuringCreation (creation-with-upload),
//            overridePatchMethod (PATCH sent as POST with X-HTTP-Method-Override, for proxies that drop PATCH),
//            terminate (with stopAfterBytes: delete the upload with Upload.abort(true), the termination extension).
import { readFileSync } from 'node:fs';
import { Upload } from 'tus-js-client';

const [endpoint, file, key, secret, json] = process.argv.slice(2);
const options = json ? JSON.parse(json) : {};
const bytes = readFileSync(file);
const authorization = 'Basic ' + Buffer.from(`${key}:${secret}`).toString('base64');

let stopping = false;
const upload = new Upload(bytes, {
  endpoint,
  uploadUrl: options.resumeUrl ?? null,
  headers: { Authorization: authorization },
  chunkSize: options.chunkSize ?? Infinity,
  parallelUploads: options.parallelUploads ?? 1,
  uploadLengthDeferred: options.uploadLengthDeferred ?? false,
  protocol: options.protocol ?? 'tus-v1',
  uploadDataDuringCreation: options.uploadDataDuringCreation ?? false,
  overridePatchMethod: options.overridePatchMethod ?? false,
  metadata: options.metadata ?? {},
  retryDelays: [0, 200, 500, 1000],
  onProgress(sent) {
    if (options.stopAfterBytes !== undefined && sent >= options.stopAfterBytes && !stopping) {
      stopping = true;
      const terminate = options.terminate === true;
      upload.abort(terminate).then(
        () => {
          console.log(JSON.stringify({ stopped: true, terminated: terminate, url: upload.url }));
          process.exit(0);
        },
        (error) => {
          console.error(JSON.stringify({ error: String(error) }));
          process.exit(1);
        },
      );
    }
  },
  onError(error) {
    console.error(JSON.stringify({ error: String(error) }));
    process.exit(1);
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url }));
  },
});
upload.start();
