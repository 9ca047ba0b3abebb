/**
 * Debian's Chromium, never a build that a tool downloads, and the flags it is started with here
 * (the browser tests, the screenshots and the load bench's Lighthouse): headless, and none of its
 * own calls home, which would show among a page's requests and take the cores the page needs.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
