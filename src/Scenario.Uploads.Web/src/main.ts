import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
import './page.css';
import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import { Api, ApiError, type AssetOptions, type Credentials, type UploadDto } from './api';
import { forgetCredentials, loadCredentials, saveCredentials } from './credentials';
import { wireImports } from './importForm';
import { kinds } from './kinds';
import { RecentList } from './recentList';
import { type Row, RowTable } from './rows';
import ScenarioUploader, { type ScenarioBody, type ScenarioMeta } from './scenarioUploader';
import type { FileView } from './transfer/uploadJob';

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

let api: Api | undefined;

async function signIn(credentials: Credentials): Promise<string | null> {
  const candidate = new Api(credentials);
  try {
    await candidate.listUploads(1);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return 'That API key and secret were not accepted. Check both (they are case-sensitive) and sign in again.';
    }
    return error instanceof ApiError ? error.detail : String(error);
  }
  api = candidate;
  return null;
}

function assetOptions(): AssetOptions | undefined {
  const collectionIds = $<HTMLInputElement>('#batch-collections').value.split(/[\s,]+/).filter(Boolean);
  const parentId = $<HTMLInputElement>('#batch-parent').value.trim();
  const hide = $<HTMLInputElement>('#batch-hide').checked;
  const options: AssetOptions = {
    ...(collectionIds.length ? { collectionIds } : {}),
    ...(parentId ? { parentId } : {}),
    ...(hide ? { hide } : {}),
  };
  return Object.keys(options).length ? options : undefined;
}

function rowOf(view: FileView): Row {
  return {
    key: view.fileID,
    source: 'file',
    name: view.name,
    kind: view.kind,
    size: view.size,
    status: view.phase,
    progress: view.size ? view.bytesSent / view.size : view.phase === 'imported' ? 1 : 0,
    speed: view.speed,
    etaSeconds: view.etaSeconds,
    uploadId: view.uploadId,
    entity: view.entity,
    entityId: view.upload?.entityId,
    sha256: view.upload?.sha256,
    error: view.error,
    note: view.note,
    urlRenewals: view.urlRenewals,
    partsVerified: view.partsVerified,
    partsResent: view.partsResent,
  };
}

function startWorkspace(credentials: Credentials): void {
  $('#sign-in').hidden = true;
  $('#workspace').hidden = false;
  $('#account').hidden = false;
  $('#account-key').textContent = credentials.apiKey;
  const client = () => api!;
  const rows = new RowTable($<HTMLTableSectionElement>('#tab-files tbody'), $('#tab-files'));

  const phases = new Map<string, string>();
  const uppy = new Uppy<ScenarioMeta, ScenarioBody>({ autoProceed: false, allowMultipleUploadBatches: true });
  uppy.use(Dashboard<ScenarioMeta, ScenarioBody>, {
    inline: true,
    target: '#dashboard',
    width: '100%',
    height: 380,
    theme: 'light',
    fileManagerSelectionType: 'both',
    proudlyDisplayPoweredByUppy: false,
    showLinkToFileUploadResult: true,
    showRemoveButtonAfterComplete: true,
    note: 'Drop files or folders, paste, or browse. The kind is proposed from each file; change it with the file’s edit button.',
    metaFields: [{
      id: 'kind',
      name: 'Kind',
      render: ({ value, onChange, fieldCSSClasses, form }, h) =>
        h('select', { class: fieldCSSClasses.text, form, value, onChange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
          ...kinds.map((k) => h('option', { value: k.value, selected: k.value === value }, k.label))),
    }],
  });
  uppy.use(ScenarioUploader, {
    api: client,
    assetOptions,
    onChange: (view) => {
      rows.set(rowOf(view));
      // The recent list shows the change at once, not at its next refresh.
      if (phases.get(view.fileID) !== view.phase && ['imported', 'failed', 'cancelled', 'validating'].includes(view.phase)) {
        void recent.refresh();
      }
      phases.set(view.fileID, view.phase);
    },
  });
  const plugin = uppy.getPlugin<ScenarioUploader>('ScenarioUploader')!;

  const recent = new RecentList(client(), $<HTMLTableSectionElement>('#recent tbody'), $<HTMLButtonElement>('#recent-more'), $('#recent-status'), {
    resume: (upload) => pickForResume(upload),
    abort: async (upload) => {
      await client().action(upload.id, 'abort').catch((e) => recent.say(upload.id, e instanceof ApiError ? e.detail : String(e)));
    },
  });
  void recent.refresh();

  // Picking the same file again is how an upload interrupted by a reload or a crash goes on.
  const picker = $<HTMLInputElement>('#resume-picker');
  let resuming: UploadDto | undefined;
  const pickForResume = (upload: UploadDto) => {
    resuming = upload;
    picker.value = '';
    picker.click();
  };
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    const upload = resuming;
    resuming = undefined;
    if (!file || !upload) {
      return;
    }
    if (file.name !== upload.fileName || file.size !== upload.fileSize) {
      recent.say(upload.id, `That is not the file of this upload: it expects ${upload.fileName} (${upload.fileSize} bytes), and you picked ${file.name} (${file.size} bytes).`);
      return;
    }
    addResumed(file, upload);
  });
  const addResumed = (file: File, upload: UploadDto) => {
    const waiting = uppy.getFiles().filter((f) => !f.progress.uploadStarted);
    uppy.addFile({ name: file.name, type: file.type, data: file, source: 'resume', meta: { kind: upload.kind, resumeUploadId: upload.id } });
    // Start it unless other files wait for the user's Upload click, which would start them too.
    if (waiting.length === 0) {
      void uppy.upload().catch(() => undefined);
    }
  };

  // A file added again that matches a pending upload (same name and size) resumes it; its parts are
  // checked against the file before they are trusted.
  uppy.on('file-added', (file) => {
    if (file.meta.resumeUploadId) {
      return;
    }
    const inUse = new Set(uppy.getFiles().map((f) => plugin.view(f.id)?.uploadId ?? f.meta.resumeUploadId).filter(Boolean));
    const match = recent.pending.find((u) => u.fileName === file.name && u.fileSize === file.size && !inUse.has(u.id));
    if (match) {
      uppy.setFileMeta(file.id, { resumeUploadId: match.id, kind: match.kind });
      uppy.info(`${file.name} resumes upload ${match.id}, begun earlier: only the missing parts are sent.`, 'info', 5000);
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (plugin.busy) {
      event.preventDefault();
    }
  });

  wireImports($<HTMLFormElement>('#import-form'), client, assetOptions, (row) => {
    rows.set(row);
    if (row.status === 'imported' || row.status === 'failed') {
      void recent.refresh();
    }
  });
  const importKind = $<HTMLSelectElement>('#import-kind');
  importKind.replaceChildren(...kinds.filter((k) => k.value !== 'avatar').map((k) => new Option(k.label, k.value)));
  importKind.value = 'image';
}

async function main(): Promise<void> {
  const form = $<HTMLFormElement>('#sign-in-form');
  const error = $('#sign-in-error');
  $('#sign-out').addEventListener('click', () => {
    forgetCredentials();
    location.reload();
  });
  const saved = loadCredentials();
  if (saved) {
    const problem = await signIn(saved);
    if (problem === null) {
      startWorkspace(saved);
      return;
    }
    // Kept refused credentials would be tried again at every reload; the key is left in the form.
    forgetCredentials();
    $<HTMLInputElement>('#api-key').value = saved.apiKey;
    error.textContent = problem;
    error.hidden = false;
  }
  $('#sign-in').hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const credentials = { apiKey: $<HTMLInputElement>('#api-key').value.trim(), apiSecret: $<HTMLInputElement>('#api-secret').value };
    error.hidden = true;
    const problem = await signIn(credentials);
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
      return;
    }
    saveCredentials(credentials);
    $<HTMLInputElement>('#api-secret').value = '';
    startWorkspace(credentials);
  });
}

void main();
