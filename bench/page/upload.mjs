// bench/run's page case: one file sent through the service's upload page in Debian's headless Chromium,
// as a person would (sign in, pick the file, click Upload). Prints "SECONDS UPLOAD_ID": the time from the
// click until the page has every part stored and the complete accepted (the row leaves "Completing"),
// which is what `scenario upload --no-wait` waits for. The browser's start and the sign-in are not timed.
//
//   node bench/page/upload.mjs http://127.0.0.1:18501 KEY SECRET /path/to/file
import { chromium } from 'playwright-core';

const [base, apiKey, apiSecret, file] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(base);
  await page.fill('#api-key', apiKey);
  await page.fill('#api-secret', apiSecret);
  await page.click('#sign-in-button');
  await page.waitForSelector('#workspace:not([hidden])');
  await page.setInputFiles('.uppy-Dashboard-input >> nth=0', file);
  await page.waitForSelector('.uppy-StatusBar-actionBtn--upload');
  const started = performance.now();
  await page.click('.uppy-StatusBar-actionBtn--upload');
  const done = ['validating', 'validated', 'imported', 'failed'].map((s) => `#tab-files tr[data-status='${s}']`).join(', ');
  await page.waitForSelector(done, { timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const row = page.locator('#tab-files tbody tr').first();
  if ((await row.getAttribute('data-status')) === 'failed') {
    throw new Error(`the page's upload failed: ${await row.innerText()}`);
  }
  console.log(`${seconds.toFixed(3)} ${await row.getAttribute('data-upload-id')}`);
} finally {
  await browser.close();
}
