// The tus baseline of bench/run: @tus/server with its file store, on loopback only.
// Usage: node server.mjs PORT DIRECTORY
//
// @tus/server 2.4 has no concatenation extension (its POST refuses Upload-Concat), and tus-js-client uploads in
// parallel only through it (case 10). So this adds it the way tusd's file store does: a partial upload is an
// ordinary upload; the final one is a new upload that the partials are copied into, in order, by the store's own
// write path, before the POST answers.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [port, directory] = process.argv.slice(2);
const path = '/files';
const store = new FileStore({ directory });
const tus = new Server({ path, datastore: store });

createServer((req, res) => {
  const concat = req.headers['upload-concat'];
  if (req.method === 'POST' && concat?.startsWith('final;')) {
    concatenate(req, res, concat).catch((error) => answer(res, error.status_code ?? 500, {}, error.body ?? String(error)));
    return;
  }
  if (req.method === 'POST' && concat === 'partial') {
    withoutConcatHeader(req);
  }
  tus.handle(req, res);
}).listen(Number(port), '127.0.0.1');

/** Both of Node's header views, since @tus/server's request adapter reads either. */
function withoutConcatHeader(req) {
  delete req.headers['upload-concat'];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i].toLowerCase() === 'upload-concat') {
      raw.splice(i, 2);
    }
  }
}

async function concatenate(req, res, header) {
  const ids = header.slice('final;'.length).trim().split(/\s+/).map((url) => url.split('/').pop());
  const partials = await Promise.all(ids.map((id) => store.getUpload(id)));
  if (partials.some((p) => p.size === undefined || p.offset !== p.size)) {
    answer(res, 400, {}, 'a partial upload is not complete');
    return;
  }
  const size = partials.reduce((sum, p) => sum + p.size, 0);
  const id = randomUUID().replaceAll('-', '');
  await store.create({ id, size, offset: 0, metadata: metadataOf(req), creation_date: new Date().toISOString() });
  let offset = 0;
  for (const partial of partials) {
    offset = await store.write(createReadStream(join(directory, partial.id)), id, offset);
  }
  answer(res, 201, { Location: `http://${req.headers.host}${path}/${id}`, 'Upload-Concat': header, 'Upload-Offset': String(offset) }, '');
}

/** Upload-Metadata: comma-separated "key base64value" pairs, the value optional. */
function metadataOf(req) {
  const pairs = (req.headers['upload-metadata'] ?? '').split(',').filter((pair) => pair.trim() !== '');
  return Object.fromEntries(pairs.map((pair) => {
    const [key, value] = pair.trim().split(' ');
    return [key, value === undefined ? null : Buffer.from(value, 'base64').toString('utf8')];
  }));
}

function answer(res, status, headers, body) {
  res.writeHead(status, { 'Tus-Resumable': '1.0.0', ...headers });
  res.end(body);
}
