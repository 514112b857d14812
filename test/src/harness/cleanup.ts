// Teardown that also runs when the test process ends early: on 'exit' (synchronous work only)
// and on SIGINT/SIGTERM (async teardown, bounded, then exit with the conventional status).
// Handlers are installed only while something is registered, so other code is unaffected.

export interface Cleanup {
  /** Best-effort synchronous teardown, used on 'exit' and when async teardown times out. */
  sync(): void;
  /** Preferred teardown on a signal; falls back to sync() if absent. */
  async?(): Promise<void>;
}

const registered = new Set<Cleanup>();
const SIGNAL_TEARDOWN_MS = 8000;
let installed = false;

function runSyncAll(): void {
  for (const c of [...registered]) {
    registered.delete(c);
    try {
      c.sync();
    } catch {
      // Best effort at exit: nothing useful can be done with the error here.
    }
  }
}

function onExit(): void {
  runSyncAll();
}

function onSignal(signal: NodeJS.Signals): void {
  const all = [...registered];
  const timer = setTimeout(() => finish(), SIGNAL_TEARDOWN_MS);
  const finish = (): void => {
    clearTimeout(timer);
    runSyncAll();
    uninstall();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  void Promise.allSettled(
    all.map(async (c) => {
      if (c.async) await c.async();
      else c.sync();
      registered.delete(c);
    }),
  ).then(finish);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** Registers a teardown; the returned function unregisters it (call it after a normal teardown). */
export function registerCleanup(cleanup: Cleanup): () => void {
  registered.add(cleanup);
  install();
  return () => {
    registered.delete(cleanup);
    if (registered.size === 0) uninstall();
  };
}
