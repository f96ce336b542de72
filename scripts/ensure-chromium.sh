#!/usr/bin/env bash
# Makes sure Debian's Chromium is present: the browser shell opens the game in it, and the
# end-to-end tests drive it through playwright-core. Playwright's own browser download cannot
# work on our machines, so we use the distribution's package.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium (needed by the browser shell and the end-to-end tests)..." >&2
  # apt's lists may be stale or absent on a fresh machine; refresh them once.
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then exit 0; fi
  echo "Could not install chromium with apt-get." >&2
  exit 1
fi
echo "Heapwise needs Chromium. Install it with: sudo apt-get install chromium   (then run this again)" >&2
exit 1
