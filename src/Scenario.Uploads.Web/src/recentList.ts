import { type Api, ApiError, type UploadDto } from './api';
import { bytes, el, when } from './format';
import { statusLabels } from './rows';

// "Recent uploads": the caller's uploads, newest first (GET /v1/uploads), refreshed every few seconds while
// the tab is visible. Pending multipart uploads can be resumed with the same file, or aborted.

export interface RecentActions {
  resume: (upload: UploadDto) => void;
  abort: (upload: UploadDto) => Promise<void>;
}

const pageSize = 20;
const refreshMs = 3000;

export class RecentList {
  #first: UploadDto[] = [];
  #older: UploadDto[] = [];
  #next?: string;
  #timer?: ReturnType<typeof setTimeout>;
  #signature = '';
  readonly #messages = new Map<string, string>();

  constructor(
    private readonly api: Api,
    private readonly body: HTMLTableSectionElement,
    private readonly more: HTMLButtonElement,
    private readonly status: HTMLElement,
    private readonly actions: RecentActions,
  ) {
    more.addEventListener('click', () => void this.#loadOlder());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        void this.refresh();
      }
    });
  }

  /** Pending multipart uploads, to offer a resume when the same file is added again. */
  get pending(): UploadDto[] {
    return [...this.#first, ...this.#older].filter((u) => u.status === 'pending' && u.source === 'multipart');
  }

  /** A message shown under an upload's row (a refused resume, say). */
  say(uploadId: string, message: string): void {
    this.#messages.set(uploadId, message);
    this.#render(true);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      const page = await this.api.listUploads(pageSize);
      this.#first = page.uploads;
      if (this.#older.length === 0) {
        this.#next = page.nextPaginationToken;
      }
      this.status.textContent = '';
      this.#render();
    } catch (error) {
      this.status.textContent = error instanceof ApiError ? error.detail : String(error);
    } finally {
      // Two refreshes may overlap (a timer and a finished upload): one timer stays.
      clearTimeout(this.#timer);
      if (document.visibilityState === 'visible') {
        this.#timer = setTimeout(() => void this.refresh(), refreshMs);
      }
    }
  }

  async #loadOlder(): Promise<void> {
    if (!this.#next) {
      return;
    }
    const page = await this.api.listUploads(pageSize, this.#next);
    this.#older.push(...page.uploads);
    this.#next = page.nextPaginationToken;
    this.#render();
  }

  #render(force = false): void {
    const seen = new Set<string>();
    const all = [...this.#first, ...this.#older].filter((u) => !seen.has(u.id) && seen.add(u.id));
    const signature = JSON.stringify(all.map((u) => [u.id, u.status, u.updatedAt]));
    this.more.hidden = !this.#next;
    if (!force && signature === this.#signature) {
      return;
    }
    this.#signature = signature;
    this.body.replaceChildren(...(all.length ? all.map((u) => this.#row(u)) : [el('tr', {}, el('td', { colspan: '7', class: 'empty' }, 'No uploads yet.'))]));
  }

  #row(upload: UploadDto): HTMLTableRowElement {
    const resumable = upload.status === 'pending' && upload.source === 'multipart';
    const message = this.#messages.get(upload.id);
    return el('tr', { 'data-upload-id': upload.id, 'data-name': upload.fileName, 'data-status': upload.status },
      el('td', { class: 'name' }, upload.fileName || upload.url || upload.id),
      el('td', {}, upload.kind),
      el('td', { class: 'num' }, bytes(upload.fileSize)),
      el('td', { class: `status status-${upload.status}` }, statusLabels[upload.status] ?? upload.status),
      el('td', {}, when(upload.createdAt)),
      el('td', { class: 'result' },
        upload.errorMessage ? el('div', { class: 'error' }, upload.errorMessage) : '',
        upload.entityId ? el('code', { class: 'entity-id' }, upload.entityId) : '',
        message ? el('div', { class: 'note' }, message) : ''),
      el('td', { class: 'actions' },
        resumable ? button('Resume…', 'resume', () => this.actions.resume(upload)) : '',
        resumable ? button('Abort', 'abort', async () => {
          await this.actions.abort(upload);
          await this.refresh();
        }) : ''),
    );
  }
}

function button(label: string, action: string, onClick: () => void | Promise<void>): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'small', 'data-action': action }, label);
  b.addEventListener('click', () => void onClick());
  return b;
}
