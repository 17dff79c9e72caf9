import { createMD5, createXXHash128 } from 'hash-wasm';
import { MiB } from './transfer/partPlan';

// What the service's ETag of a part lets us check: its own part URLs answer "xxh128-<hex>" (hash-wasm's
// XXH3-128 prints the same canonical hex as .NET's XxHash128), an S3 store's the MD5 hex of the part. Any
// other form (a store's multipart or encrypted ETag) cannot be compared, and that part is sent again.
export type DigestKind = 'xxh128' | 'md5';

export function comparableEtag(etag: string | undefined): { kind: DigestKind; hex: string } | null {
  const value = (etag ?? '').replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  const xxh = /^xxh128-([0-9a-f]{32})$/.exec(value);
  if (xxh) {
    return { kind: 'xxh128', hex: xxh[1] };
  }
  return /^[0-9a-f]{32}$/.test(value) ? { kind: 'md5', hex: value } : null;
}

/** The hex digest of a slice of a file, read 4 MiB at a time so a 5 GiB part never sits in memory. */
export async function digestOf(blob: Blob, kind: DigestKind, signal?: AbortSignal): Promise<string> {
  const hasher = kind === 'xxh128' ? await createXXHash128() : await createMD5();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += 4 * MiB) {
    if (signal?.aborted) {
      throw new DOMException('The check was stopped.', 'AbortError');
    }
    hasher.update(new Uint8Array(await blob.slice(offset, offset + 4 * MiB).arrayBuffer()));
  }
  return hasher.digest('hex');
}
