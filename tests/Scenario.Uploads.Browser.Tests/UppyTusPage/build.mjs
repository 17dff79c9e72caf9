// Bundles the page into the folder the test serves (the test project's output, given as the one argument):
// index.html and one ES module. Nothing here is committed but the sources.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  throw new Error('usage: node build.mjs <output folder>');
}
await mkdir(out, { recursive: true });
await build({
  entryPoints: ['main.js'],
  outfile: join(out, 'uppy-tus-page.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  logLevel: 'warning',
});
await copyFile('index.html', join(out, 'index.html'));
