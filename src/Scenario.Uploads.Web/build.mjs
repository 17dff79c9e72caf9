// Bundles the page for the service: one ES module and one stylesheet with content hashes in their names
// (served as immutable), and index.html naming them. Written to dist.tmp, then swapped in, so a build that
// fails half-way never leaves a mixed folder for the .NET build to embed.
import { build } from 'esbuild';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

const out = 'dist';
const tmp = 'dist.tmp';
await rm(tmp, { recursive: true, force: true });
const result = await build({
  entryPoints: { app: 'src/main.ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  entryNames: '[name]-[hash]',
  outdir: tmp,
  metafile: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((p) => p.endsWith('.js'));
const css = outputs.find((p) => p.endsWith('.css'));
if (!js || !css) {
  throw new Error(`esbuild wrote ${outputs.join(', ')}: expected one .js and one .css`);
}
const html = (await readFile('index.html', 'utf8')).replace('%APP_JS%', js).replace('%APP_CSS%', css);
await writeFile(`${tmp}/index.html`, html);
await rm(out, { recursive: true, force: true });
await rename(tmp, out);
console.log(`upload page: ${out}/index.html, ${js}, ${css}`);
