// The one way bench/page's scripts start a browser: Debian's Chromium, headless, with nothing of its own on
// the network (no QUIC, no background fetches or updates) so that only the timed traffic runs.
import { chromium } from 'playwright-core';

export const launchChromium = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
