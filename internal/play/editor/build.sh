#!/usr/bin/env bash
# Rebuilds ../web/editor.js, the playground's CodeMirror bundle, from the
# exact versions in package-lock.json. The result is committed; CI checks
# that this script reproduces it byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts
npm run --silent build
