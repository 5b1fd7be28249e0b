/**
 * Finds a Chromium-family browser that can load an unpacked extension: CHROMIUM_PATH first,
 * then Chromium, Chrome and Edge where their packages put them. Branded Google Chrome 137+
 * ignores `--load-extension`, so Chromium comes first and Chrome is a last resort.
 */
import { accessSync, constants } from 'node:fs';

/** Where Linux, macOS and Windows packages install the browsers, most useful first. */
export const BROWSER_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Chromium\\Application\\chrome.exe',
  '/usr/bin/google-chrome-for-testing',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'No Chromium-family browser was found. Install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
  'or set CHROMIUM_PATH to the browser binary (Chromium, Chrome for Testing or Edge).';

export class BrowserNotFoundError extends Error {
  readonly code = 'browser-not-found';
  constructor(message: string) {
    super(message);
    this.name = 'BrowserNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser binary to use. An explicit CHROMIUM_PATH must exist (a typo is reported, not
 * silently replaced by another browser).
 */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = isExecutable,
  candidates: readonly string[] = BROWSER_CANDIDATES,
): string {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (exists(explicit)) return explicit;
    throw new BrowserNotFoundError(
      `CHROMIUM_PATH is set to ${explicit}, but no browser is there. ${INSTALL_HINT}`,
    );
  }
  const found = candidates.find((path) => exists(path));
  if (found) return found;
  throw new BrowserNotFoundError(INSTALL_HINT);
}
