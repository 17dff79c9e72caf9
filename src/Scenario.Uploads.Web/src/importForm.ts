import { type Api, ApiError, type AssetOptions, type CreateImport } from './api';
import { followUpload } from './follow';
import type { Row } from './rows';

// Imports: the service downloads a file from a URL, a Hugging Face model or a Civitai model, then validates
// and imports it like an upload; the row follows the import's job progress.

export function wireImports(form: HTMLFormElement, api: () => Api, assetOptions: () => AssetOptions | undefined, show: (row: Row) => void): void {
  const source = form.querySelector<HTMLSelectElement>('#import-source')!;
  const value = form.querySelector<HTMLInputElement>('#import-value')!;
  const kind = form.querySelector<HTMLSelectElement>('#import-kind')!;
  const kindLabel = form.querySelector<HTMLElement>('#import-kind-label')!;
  const error = form.querySelector<HTMLElement>('#import-error')!;
  const placeholders: Record<string, string> = {
    url: 'https://example.com/textures/rock.png',
    huggingFace: 'owner/name or owner/name@revision',
    civitai: 'https://civitai.com/models/370194/name?modelVersionId=413566',
  };
  const update = () => {
    value.placeholder = placeholders[source.value];
    // The hubs only hold models; a URL can be anything, so its kind is asked.
    kindLabel.hidden = source.value !== 'url';
  };
  source.addEventListener('change', update);
  update();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const text = value.value.trim();
    if (!text) {
      return;
    }
    const options = kind.value === 'model' ? undefined : assetOptions();
    const body: CreateImport = source.value === 'url'
      ? { url: text, kind: kind.value, ...(options ? { assetOptions: options } : {}) }
      : source.value === 'huggingFace' ? { huggingFaceModelName: text } : { civitaiModelUrl: text };
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    submit.disabled = true;
    try {
      const created = await api().createUpload(body);
      value.value = '';
      const row: Row = { key: `import:${created.id}`, source: 'import', name: text, kind: created.kind, status: created.status, uploadId: created.id };
      show(row);
      void followUpload(api(), created.id, ({ upload, job, entity }) => {
        show({
          ...row,
          name: upload.fileName || text,
          kind: upload.kind,
          size: upload.fileSize,
          status: upload.status,
          progress: upload.status === 'pending' ? job?.progress : upload.status === 'imported' ? 1 : undefined,
          entity,
          entityId: upload.entityId,
          sha256: upload.sha256,
          error: upload.status === 'failed' ? upload.errorMessage : undefined,
        });
      }, { withJob: true }).catch((e) => show({ ...row, status: 'failed', error: e instanceof Error ? e.message : String(e) }));
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.detail : String(e);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
}
