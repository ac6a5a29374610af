#!/usr/bin/env node
// The g2g command: runs the compiled CLI (npm run build produces dist/).
import '../dist/cli/main.js';
