// `npm run test:install`: the browser tests drive Debian's Chromium (never a browser build that a
// test tool downloads). Installs it with apt when it is missing and we may; otherwise says how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(executable)) {
  console.log(`Chromium for the browser tests: ${executable}`);
  process.exit(0);
}
const canApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
if (!canApt) {
  console.error(
    `The browser tests need Chromium at ${executable}. On Debian/Ubuntu: sudo apt-get install chromium; ` +
      'elsewhere install Chromium and set CHROMIUM_PATH to its executable.',
  );
  process.exit(1);
}
const run = (command) =>
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
run('apt-get update -qq');
run('apt-get install -y -qq chromium');
