import { retryAfterOf } from './retryPolicy';

// One part PUT with XMLHttpRequest: fetch() reports no upload progress. The body is a slice of the File,
// which the browser streams from disk, so a part never has to fit in memory.

export interface PartAnswer {
  /** 0 when no answer came (connection lost, stalled, or stopped by us). */
  status: number;
  etag?: string;
  retryAfterSeconds?: number;
  /** The service's problem code, or S3's error Code. */
  code?: string;
  /** The service's problem detail, or S3's error Message. */
  detail?: string;
  aborted?: boolean;
  stalled?: boolean;
}

/** Without a byte of progress for this long, the part is given up and sent again. */
const stallMs = 120_000;

export function putPart(url: string, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<PartAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let stalled = false;
    let timer = setTimeout(stall, stallMs);
    function stall(): void {
      stalled = true;
      xhr.abort();
    }
    function finish(answer: PartAnswer): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      resolve(answer);
    }
    function stop(): void {
      xhr.abort();
    }
    xhr.open('PUT', url);
    xhr.upload.onprogress = (event) => {
      clearTimeout(timer);
      timer = setTimeout(stall, stallMs);
      onProgress(event.loaded);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        finish({ status: xhr.status, etag: xhr.getResponseHeader('ETag') ?? undefined });
        return;
      }
      const { code, detail } = errorOf(xhr);
      finish({ status: xhr.status, retryAfterSeconds: retryAfterOf((name) => xhr.getResponseHeader(name)), code, detail });
    };
    xhr.onerror = () => finish({ status: 0, detail: 'The connection was lost.' });
    xhr.onabort = () => finish({ status: 0, aborted: !stalled, stalled, detail: stalled ? 'No progress for two minutes.' : undefined });
    if (signal.aborted) {
      finish({ status: 0, aborted: true });
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    xhr.send(body);
  });
}

function errorOf(xhr: XMLHttpRequest): { code?: string; detail?: string } {
  if (xhr.status < 400) {
    return {};
  }
  const text = xhr.responseText ?? '';
  try {
    const problem = JSON.parse(text);
    return { code: problem.code, detail: problem.detail };
  } catch {
    // S3 answers XML: <Error><Code>AccessDenied</Code><Message>Request has expired</Message>...
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    return { code, detail: message ?? (code ? `The store answered ${code}.` : undefined) };
  }
}
