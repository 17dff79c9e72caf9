import { delaySeconds, retriesOf, retryAfterOf, verdictOf } from './transfer/retryPolicy';

// The Uploads API as the page uses it: HTTP Basic from a header this script sets (never a cookie, never a
// browser-cached login), problem+json errors turned into ApiError, and the SDK's retries (retryPolicy.ts).

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

export interface PartDto {
  number: number;
  url: string;
  expires: string;
  uploaded?: boolean;
  size?: number;
  etag?: string;
}

export interface AssetOptions {
  collectionIds?: string[];
  hide?: boolean;
  parentId?: string;
}

export interface UploadDto {
  id: string;
  status: string;
  kind: string;
  source: string;
  fileName: string;
  createdAt: string;
  updatedAt: string;
  contentType?: string;
  fileSize?: number;
  partsCount?: number;
  partSize?: number;
  parts?: PartDto[];
  entityId?: string;
  errorMessage?: string;
  jobId?: string;
  sha256?: string;
  provider?: string;
  url?: string;
  originalFileName?: string;
}

export interface EntityDto {
  id: string;
  fileName: string;
  fileSize: number;
  contentType: string;
  sha256: string;
  url: string;
  name?: string;
}

export interface JobDto {
  jobId: string;
  status: string;
  progress?: number;
}

export interface CreateMultipart {
  fileName: string;
  contentType: string;
  fileSize: number;
  parts: number;
  kind: string;
  assetOptions?: AssetOptions;
}

export type CreateImport =
  | { url: string; kind: string; assetOptions?: AssetOptions }
  | { huggingFaceModelName: string }
  | { civitaiModelUrl: string };

/** An error answer of the API (or none at all: status 0), with the service's own words in `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  static async from(response: Response): Promise<ApiError> {
    let code: string | undefined;
    let detail = `The service answered ${response.status} ${response.statusText}.`;
    try {
      const body = await response.json();
      code = typeof body.code === 'string' ? body.code : undefined;
      if (typeof body.detail === 'string' && body.detail) {
        detail = body.detail;
      }
    } catch {
      // Not JSON: keep the status line.
    }
    return new ApiError(response.status, code, detail, retryAfterOf((name) => response.headers.get(name)));
  }
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

function basic(credentials: Credentials): string {
  const bytes = new TextEncoder().encode(`${credentials.apiKey}:${credentials.apiSecret}`);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return `Basic ${btoa(binary)}`;
}

export class Api {
  readonly #authorization: string;

  constructor(credentials: Credentials, private readonly base = '/v1') {
    this.#authorization = basic(credentials);
  }

  createUpload(body: CreateMultipart | CreateImport): Promise<UploadDto> {
    // One key for every attempt of this create: one that reached the service before its answer was lost is
    // answered with the upload it made, never made twice.
    return this.#send<{ upload: UploadDto }>('POST', '/uploads', body, { idempotencyKey: idempotencyKey() }).then((r) => r.upload);
  }

  retrieveUpload(id: string, signal?: AbortSignal): Promise<UploadDto> {
    return this.#send<{ upload: UploadDto }>('GET', `/uploads/${encodeURIComponent(id)}`, undefined, { signal }).then((r) => r.upload);
  }

  action(id: string, action: 'complete' | 'abort'): Promise<UploadDto> {
    return this.#send<{ upload: UploadDto }>('POST', `/uploads/${encodeURIComponent(id)}/action`, { action }).then((r) => r.upload);
  }

  listUploads(pageSize: number, paginationToken?: string): Promise<{ uploads: UploadDto[]; nextPaginationToken?: string }> {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (paginationToken) {
      query.set('paginationToken', paginationToken);
    }
    return this.#send('GET', `/uploads?${query}`);
  }

  entity(upload: UploadDto): Promise<EntityDto> {
    const id = encodeURIComponent(upload.entityId ?? '');
    return upload.kind === 'model'
      ? this.#send<{ model: EntityDto }>('GET', `/models/${id}`).then((r) => r.model)
      : this.#send<{ asset: EntityDto }>('GET', `/assets/${id}`).then((r) => r.asset);
  }

  job(id: string): Promise<JobDto> {
    return this.#send<{ job: JobDto }>('GET', `/jobs/${encodeURIComponent(id)}`).then((r) => r.job);
  }

  async #send<T>(method: string, path: string, body?: unknown, options: { idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let error: ApiError;
      try {
        const response = await fetch(this.base + path, this.#init(method, body, options));
        if (response.ok) {
          return (await response.json()) as T;
        }
        error = await ApiError.from(response);
      } catch (thrown) {
        if (options.signal?.aborted || thrown instanceof SyntaxError) {
          throw thrown;
        }
        error = new ApiError(0, 'unreachable', 'The service could not be reached. Check your connection; the page tries again on its own.');
      }
      if (attempt >= retriesOf('api') || verdictOf('api', error.status, error.code) !== 'retry') {
        throw error;
      }
      await sleep(delaySeconds(attempt, error.retryAfterSeconds) * 1000, options.signal);
    }
  }

  #init(method: string, body: unknown, options: { idempotencyKey?: string; signal?: AbortSignal }): RequestInit {
    return {
      method,
      headers: {
        Authorization: this.#authorization,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // 'omit': no cookie goes out, and a 401 never opens the browser's own login prompt, whose
      // remembered credentials a cross-site form could then ride on.
      credentials: 'omit',
      cache: 'no-store',
      signal: options.signal,
    };
  }
}

/** 32 random hex digits; crypto.getRandomValues, unlike randomUUID, works on a plain-http origin too. */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
