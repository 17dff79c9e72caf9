// bench/run's page case, the browser's own ceiling: the same file sent by the same headless Chromium with
// nothing but fetch (no page script, no Uppy, no hashing): create, PUT 64 MiB slices of the File 6 at once
// to the signed part URLs, complete. Timed like upload.mjs, from the first PUT to the complete's answer.
// Prints "SECONDS UPLOAD_ID".
//
//   node bench/page/fetch.mjs http://127.0.0.1:18501 KEY SECRET /path/to/file
import { launchChromium } from './chromium.mjs';

const [base, apiKey, apiSecret, file] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // The service's own origin (its CSP only governs the page's scripts, not what Playwright evaluates).
  await page.goto(`${base}healthz`);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file);
  const out = await page.evaluate(async ([key, secret]) => {
    const auth = { Authorization: `Basic ${btoa(`${key}:${secret}`)}`, 'Content-Type': 'application/json' };
    const blob = document.getElementById('bench-file').files[0];
    const partSize = 64 * 1024 * 1024;
    const parts = Math.max(1, Math.ceil(blob.size / partSize));
    const created = await (await fetch('/v1/uploads', {
      method: 'POST', headers: auth,
      body: JSON.stringify({ fileName: 'bench.bin', contentType: 'application/octet-stream', fileSize: blob.size, parts, kind: 'asset' }),
    })).json();
    const urls = created.upload.parts.map((p) => p.url);
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < parts) {
        const n = next++;
        const response = await fetch(urls[n], { method: 'PUT', body: blob.slice(n * partSize, Math.min(blob.size, (n + 1) * partSize)) });
        if (!response.ok) {
          throw new Error(`part ${n + 1}: ${response.status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const done = await fetch(`/v1/uploads/${created.upload.id}/action`, { method: 'POST', headers: auth, body: '{"action":"complete"}' });
    if (!done.ok) {
      throw new Error(`complete: ${done.status}`);
    }
    return `${((performance.now() - started) / 1000).toFixed(3)} ${created.upload.id}`;
  }, [apiKey, apiSecret]);
  console.log(out);
} finally {
  await browser.close();
}
