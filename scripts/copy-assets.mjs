#!/usr/bin/env node
// tsc copies only what it compiles; data files read at run time are copied here.
import { cpSync } from 'node:fs';
cpSync('src/data', 'dist/data', { recursive: true });
