import type { Credentials } from './api';

// The key and secret live in this tab's sessionStorage: they survive a reload of the tab (so an upload
// interrupted by one resumes without signing in again) and end with it. Never localStorage (shared by
// every tab and kept forever), never a cookie (sent by the browser on its own, so forgeable from other
// sites), never a URL (kept in history and logs).
const key = 'scenario-uploads.credentials';

export function loadCredentials(): Credentials | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return saved && typeof saved.apiKey === 'string' && typeof saved.apiSecret === 'string'
      ? { apiKey: saved.apiKey, apiSecret: saved.apiSecret }
      : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(key, JSON.stringify(credentials));
}

export function forgetCredentials(): void {
  sessionStorage.removeItem(key);
}
