// bench/run's page case: one file sent through the service's upload page in Debian's headless Chromium,
// as a person would (sign in, pick the file, click Upload). Prints "SECONDS UPLOAD_ID": the time from the
// click until the page has every part stored and the complete accepted (the row leaves "Completing"),
// which is what `scenario upload --no-wait` waits for. The browser's start and the sign-in are not timed.
//
//   node bench/page/upload.mjs http://127.0.0.1:18501 KEY SECRET /path/to/file
import { launchChromium } from './chromium.mjs';

const [base, apiKey, apiSecret, file] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(base);
  await page.fill('#api-key', apiKey);
  await page.fill('#api-secret', apiSecret);
  await page.click('#sign-in-button');
  await page.waitForSelector('#workspace:not([hidden])');
  await page.setInputFiles('.uppy-Dashboard-input >> nth=0', file);
  await page.waitForSelector('.uppy-StatusBar-actionBtn--upload');
  // Timed in the page's own clock, to the moment the row changes: Playwright's waitForSelector polls
  // every 500 ms after its first tries, which would round the time up by as much.
  const done = ['validating', 'validated', 'imported', 'failed'].map((s) => `#tab-files tr[data-status='${s}']`).join(', ');
  const finished = page.evaluate((selector) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document.querySelector('#tab-files'), { subtree: true, childList: true, attributes: true });
  }), done);
  const started = await page.evaluate(() => performance.now());
  await page.click('.uppy-StatusBar-actionBtn--upload');
  const seconds = ((await finished) - started) / 1000;
  const row = page.locator('#tab-files tbody tr').first();
  if ((await row.getAttribute('data-status')) === 'failed') {
    throw new Error(`the page's upload failed: ${await row.innerText()}`);
  }
  console.log(`${seconds.toFixed(3)} ${await row.getAttribute('data-upload-id')}`);
} finally {
  await browser.close();
}
