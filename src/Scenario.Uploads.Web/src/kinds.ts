// The kind proposed for a file, from its content type and, when the browser knows none (3D formats,
// model weights), from its extension. The user can change it per file in the Dashboard.

export const kinds: { value: string; label: string }[] = [
  { value: 'image', label: 'Image' },
  { value: 'video', label: 'Video' },
  { value: 'audio', label: 'Audio' },
  { value: '3d', label: '3D' },
  { value: 'model', label: 'Model (weights)' },
  { value: 'text', label: 'Text' },
  { value: 'avatar', label: 'Avatar' },
  { value: 'asset', label: 'Other asset' },
];

const byExtension: Record<string, { kind: string; contentType?: string }> = {
  glb: { kind: '3d', contentType: 'model/gltf-binary' },
  gltf: { kind: '3d', contentType: 'model/gltf+json' },
  fbx: { kind: '3d' },
  obj: { kind: '3d', contentType: 'model/obj' },
  ply: { kind: '3d' },
  stl: { kind: '3d', contentType: 'model/stl' },
  usdz: { kind: '3d', contentType: 'model/vnd.usdz+zip' },
  safetensors: { kind: 'model' },
  ckpt: { kind: 'model' },
  pt: { kind: 'model' },
  md: { kind: 'text', contentType: 'text/markdown' },
  txt: { kind: 'text', contentType: 'text/plain' },
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const generic = (type: string | undefined) => !type || type === 'application/octet-stream';

export function proposeKind(contentType: string | undefined, name: string): string {
  const type = (contentType ?? '').toLowerCase();
  if (!generic(type)) {
    if (type.startsWith('image/')) {
      return 'image';
    }
    if (type.startsWith('video/')) {
      return 'video';
    }
    if (type.startsWith('audio/')) {
      return 'audio';
    }
    if (type.startsWith('model/')) {
      return '3d';
    }
    if (type.startsWith('text/')) {
      return 'text';
    }
  }
  return byExtension[extensionOf(name)]?.kind ?? 'asset';
}

/** The content type sent at create: the browser's, or one the extension names when the browser has none. */
export function contentTypeOf(contentType: string | undefined, name: string): string {
  return generic(contentType) ? (byExtension[extensionOf(name)]?.contentType ?? 'application/octet-stream') : contentType!;
}
