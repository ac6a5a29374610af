import { processIo } from './io.js';
import { runCli } from './program.js';

// The g2g executable: one clear line on stderr and a non-zero exit code on failure.
const code = await runCli(process.argv.slice(2), processIo);
if (code !== 0) process.exitCode = code;
