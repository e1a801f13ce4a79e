#!/usr/bin/env node
// Runs a TypeScript entry point without a build step (tsx's loader), so that
// `npx certwatch` and the scripts work straight after `npm ci`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.mjs FILE.ts [args…]');
  process.exit(2);
}
process.argv.splice(1, 2, resolve(entry));
await import(pathToFileURL(resolve(entry)).href);
