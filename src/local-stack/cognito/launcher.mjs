#!/usr/bin/env node
// Local Cognito for Lightbox dev mode and tests.
//
//   node src/local-stack/cognito/launcher.mjs --port 0 --data-dir <dir> [--demo-admin] [--code-ttl-seconds 180]
//
// Prints exactly one line `LIGHTBOX-COGNITO-READY {json}` on stdout when ready; everything else
// goes to stderr. Exits when stdin closes (the parent died or let go), on SIGTERM/SIGINT, or on a
// fatal error (exit code 1).
import { startEmulator } from './lib/emulator.mjs';

const READY_PREFIX = 'LIGHTBOX-COGNITO-READY ';

const usage = () => {
  process.stderr.write('usage: launcher.mjs --port <n|0> --data-dir <dir> [--demo-admin] [--code-ttl-seconds <n>] [--session-ttl-seconds <n>] [--no-stdin-watch]\n');
  process.exit(2);
};

const parseArgs = (argv) => {
  const opts = { port: 0, dataDir: null, demoAdmin: false, codeTtlSeconds: 180, sessionTtlSeconds: 180, watchStdin: true };
  const intArg = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      process.stderr.write(`invalid ${name}: ${v}\n`);
      usage();
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? usage();
    switch (flag) {
      case '--port': opts.port = intArg(value(), flag); break;
      case '--data-dir': opts.dataDir = value(); break;
      case '--demo-admin': opts.demoAdmin = true; break;
      case '--code-ttl-seconds': opts.codeTtlSeconds = intArg(value(), flag); break;
      case '--session-ttl-seconds': opts.sessionTtlSeconds = intArg(value(), flag); break;
      case '--no-stdin-watch': opts.watchStdin = false; break;
      case '-h': case '--help': usage(); break;
      default:
        process.stderr.write(`unknown argument: ${a}\n`);
        usage();
    }
  }
  if (!opts.dataDir) usage();
  if (opts.port > 65535) usage();
  return opts;
};

const main = async () => {
  const started = process.hrtime.bigint();
  const opts = parseArgs(process.argv.slice(2));
  let emulator = null;
  let stopping = false;
  const stop = async (reason, code = 0) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[cognito-local] stopping (${reason})\n`);
    const force = setTimeout(() => process.exit(code), 2000);
    force.unref();
    try {
      await emulator?.close();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  if (opts.watchStdin) {
    // The parent keeps our stdin open; when it dies the pipe closes and we follow.
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('close', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  // Belt and braces: if the parent goes away without closing our stdin, follow it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent || process.ppid === 1) stop('parent process gone');
  }, 1000).unref();

  emulator = await startEmulator({
    port: opts.port,
    dataDir: opts.dataDir,
    demoAdmin: opts.demoAdmin,
    codeTtlSeconds: opts.codeTtlSeconds,
    sessionTtlSeconds: opts.sessionTtlSeconds,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stderr.write(`[cognito-local] listening on ${emulator.info.endpoint}, pool ${emulator.info.userPoolId}, client ${emulator.info.clientId} (ready in ${ms.toFixed(0)} ms)\n`);
  if (opts.demoAdmin && !emulator.info.demoAdmin) {
    process.stderr.write('[cognito-local] demo admin admin@lightbox.local already exists (its password was shown when it was created)\n');
  }
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(emulator.info)}\n`);
};

main().catch((err) => {
  process.stderr.write(`[cognito-local] failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
