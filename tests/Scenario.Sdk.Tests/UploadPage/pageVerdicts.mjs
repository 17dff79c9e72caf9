// Prints, as JSON, what the upload page's own retryPolicy.ts decides: its verdict on every error status (and
// on a lost connection, status 0) of an API call and of a part PUT, its retry counts, its waits and how it reads
// Retry-After. UploadPagePolicyTests compares them with the SDK. Bundled with the page's esbuild, in memory.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const web = process.argv[2];
const { buildSync } = createRequire(join(web, 'package.json'))('esbuild');
const [bundle] = buildSync({
  entryPoints: [join(web, 'src', 'transfer', 'retryPolicy.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'error',
}).outputFiles;
const policy = await import(`data:text/javascript;base64,${Buffer.from(bundle.text).toString('base64')}`);

const codes = process.argv.slice(3);
const verdicts = {};
for (const kind of ['api', 'parts']) {
  verdicts[kind] = {};
  for (let status = 400; status <= 599; status++) {
    verdicts[kind][status] = policy.verdictOf(kind, status, 'some_code');
  }
  verdicts[kind][0] = policy.verdictOf(kind, 0);
  for (const code of codes) {
    verdicts[kind][`409:${code}`] = policy.verdictOf(kind, 409, code);
  }
}
const waits = {};
for (let attempt = 0; attempt < 8; attempt++) {
  waits[attempt] = Array.from({ length: 200 }, () => policy.delaySeconds(attempt));
}
const header = (headers) => (name) => headers[name.toLowerCase()] ?? null;
console.log(JSON.stringify({
  verdicts,
  retries: { api: policy.retriesOf('api'), parts: policy.retriesOf('parts') },
  waits,
  retryAfterWaits: { 0: policy.delaySeconds(3, 0), 60: policy.delaySeconds(0, 60), 61: policy.delaySeconds(1, 61) },
  retryAfterRead: {
    ms: policy.retryAfterOf(header({ 'retry-after-ms': '250', 'retry-after': '9' })),
    seconds: policy.retryAfterOf(header({ 'retry-after': '7' })),
    none: policy.retryAfterOf(header({})) ?? null,
  },
}));
