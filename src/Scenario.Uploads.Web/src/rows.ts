import type { EntityDto } from './api';
import { bytes, duration, el, speed } from './format';

// The "In this tab" table: one row per file sent or URL imported from this tab, following it to its end.

export interface Row {
  key: string;
  source: 'file' | 'import';
  name: string;
  kind: string;
  size?: number;
  status: string;
  /** 0 to 1, while bytes move (an import's download included). */
  progress?: number;
  speed?: number;
  etaSeconds?: number;
  uploadId?: string;
  entity?: EntityDto;
  entityId?: string;
  sha256?: string;
  error?: string;
  note?: string;
  urlRenewals?: number;
  partsVerified?: number;
  partsResent?: number;
}

export const statusLabels: Record<string, string> = {
  waiting: 'Waiting',
  checking: 'Checking what was sent',
  uploading: 'Uploading',
  paused: 'Paused',
  retrying: 'Retrying',
  completing: 'Completing',
  pending: 'Pending',
  validating: 'Validating',
  validated: 'Validated, importing',
  imported: 'Imported',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export class RowTable {
  readonly #rows = new Map<string, Row>();
  readonly #shown = new Map<string, { signature: string; tr: HTMLTableRowElement }>();
  #scheduled = false;

  constructor(private readonly body: HTMLTableSectionElement, private readonly section: HTMLElement) {}

  set(row: Row): void {
    this.#rows.set(row.key, row);
    if (!this.#scheduled) {
      this.#scheduled = true;
      requestAnimationFrame(() => {
        this.#scheduled = false;
        this.#render();
      });
    }
  }

  #render(): void {
    this.section.hidden = this.#rows.size === 0;
    const ordered = [...this.#rows.values()].reverse();
    for (const [index, row] of ordered.entries()) {
      const signature = JSON.stringify({ ...row, speed: row.speed && Math.round(row.speed / 65536), etaSeconds: row.etaSeconds && Math.round(row.etaSeconds) });
      const shown = this.#shown.get(row.key);
      let tr = shown?.tr;
      if (!shown || shown.signature !== signature) {
        const fresh = renderRow(row);
        if (tr) {
          tr.replaceWith(fresh);
        }
        tr = fresh;
        this.#shown.set(row.key, { signature, tr });
      }
      if (this.body.children[index] !== tr) {
        this.body.insertBefore(tr!, this.body.children[index] ?? null);
      }
    }
  }
}

function renderRow(row: Row): HTMLTableRowElement {
  const percent = row.progress === undefined ? undefined : Math.round(row.progress * 1000) / 10;
  const moving = row.status === 'uploading' || row.status === 'retrying' || (row.source === 'import' && row.status === 'pending');
  const details = [
    row.uploadId && `Upload ${row.uploadId}`,
    row.partsVerified ? `${row.partsVerified} part(s) sent earlier checked and kept` : '',
    row.partsResent ? `${row.partsResent} part(s) sent again (their ETag cannot be checked here)` : '',
    row.urlRenewals ? `part URLs renewed ${row.urlRenewals}×` : '',
  ].filter(Boolean).join(' · ');
  return el('tr', { 'data-key': row.key, 'data-name': row.name, 'data-status': row.status, 'data-upload-id': row.uploadId, 'data-url-renewals': String(row.urlRenewals ?? 0), 'data-parts-verified': String(row.partsVerified ?? 0), title: details || undefined },
    el('td', { class: 'name' }, row.name),
    el('td', {}, row.kind),
    el('td', { class: 'num' }, bytes(row.size)),
    el('td', { class: 'progress' },
      percent === undefined ? '' : el('progress', { max: '100', value: String(percent) }),
      percent === undefined ? '' : el('span', { class: 'num' }, ` ${percent.toFixed(percent < 100 ? 1 : 0)} %`)),
    el('td', { class: 'num' }, moving ? speed(row.speed) : ''),
    el('td', { class: 'num' }, moving ? duration(row.etaSeconds) : ''),
    el('td', { class: `status status-${row.status}` }, statusLabels[row.status] ?? row.status, row.note ? el('div', { class: 'note' }, row.note) : ''),
    el('td', { class: 'result' }, ...result(row)),
  );
}

function result(row: Row): (Node | string)[] {
  if (row.error) {
    return [el('div', { class: 'error', role: 'status' }, row.error)];
  }
  if (row.status !== 'imported') {
    return [];
  }
  const entity = row.entity;
  const what = row.kind === 'model' ? 'Model' : 'Asset';
  return [
    el('div', {}, `${what} `, el('code', { class: 'entity-id' }, row.entityId ?? entity?.id ?? '')),
    entity ? el('a', { class: 'download', href: entity.url, download: entity.fileName, rel: 'noopener' }, 'Download') : '',
    entity || row.sha256 ? el('details', {},
      el('summary', {}, 'Details'),
      el('dl', {},
        el('dt', {}, 'SHA-256'), el('dd', {}, el('code', { class: 'sha256' }, entity?.sha256 ?? row.sha256 ?? '')),
        entity ? el('dt', {}, 'Type') : '', entity ? el('dd', {}, entity.contentType) : '',
        entity ? el('dt', {}, 'Size') : '', entity ? el('dd', {}, `${bytes(entity.fileSize)} (${entity.fileSize} bytes)`) : '')) : '',
  ];
}
