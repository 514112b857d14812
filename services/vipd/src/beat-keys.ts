/**
 * The cluster's heartbeat key (etcd keys/beat) as this node uses it: read, or created if
 * absent, before the node registers; then watched, so a rotation (an operator putting a new
 * value) reaches the keyring within the watch's delay, and a deleted key is created anew. The
 * keyring keeps signing with the previous key for a few seconds, so that peers whose watch is a
 * little slower read the new one first, and keeps accepting the previous key for a grace period
 * (packages/heartbeat beat-auth.ts).
 * Log lines name the key by its id (a one-way fingerprint), never by its bytes.
 */
import { BeatKeyring, SIGN_PREVIOUS_MS } from '@vipd/heartbeat';
import { type Clock, errorLine, type Logger } from '@vipd/log';
import {
  type EtcdClient,
  ensureBeatKey,
  type Keys,
  type MirrorEntry,
  parseBeatKey,
  PrefixMirror,
} from '@vipd/store';

const RECREATE_RETRY_MS = 1000;

export class BeatKeys {
  readonly keyring: BeatKeyring;
  private readonly mirror: PrefixMirror;
  private stopped = false;
  private recreating = false;

  constructor(
    private readonly client: EtcdClient,
    private readonly keys: Keys,
    private readonly callTimeoutMs: number,
    clock: Clock,
    private readonly log: Logger,
  ) {
    this.keyring = new BeatKeyring(clock);
    this.mirror = new PrefixMirror(client, keys.keysPrefix, log);
    this.mirror.on('change', (key, entry) => {
      if (key === keys.beatKey) this.changed(entry);
    });
  }

  /** Reads (or creates) the key and starts watching it. Rejects if etcd fails or the value is bad. */
  async start(): Promise<void> {
    const read = await ensureBeatKey(this.client, this.keys, this.callTimeoutMs);
    this.use(read.key, read.created ? 'created' : 'read');
    await this.mirror.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.mirror.stop();
  }

  private changed(entry: MirrorEntry | undefined): void {
    if (entry === undefined) {
      void this.recreate();
      return;
    }
    const key = parseBeatKey(entry.value);
    if (key === undefined) {
      this.log.error(
        { etcdKey: this.keys.beatKey, inUse: this.keyring.currentId },
        'the beat key in etcd was changed to something that is not a key; still signing with the one in use',
      );
      return;
    }
    this.use(key, 'rotated');
  }

  /** Deleted (an operator's rotation): the first node to notice creates a new one; all read it. */
  private async recreate(): Promise<void> {
    if (this.recreating) return;
    this.recreating = true;
    try {
      while (!this.stopped) {
        try {
          const read = await ensureBeatKey(this.client, this.keys, this.callTimeoutMs);
          this.use(read.key, read.created ? 'created' : 'read');
          return;
        } catch (err) {
          this.log.warn(
            { etcdKey: this.keys.beatKey, err: errorLine(err) },
            'cannot recreate the beat key; retrying',
          );
          await new Promise((r) => setTimeout(r, RECREATE_RETRY_MS));
        }
      }
    } finally {
      this.recreating = false;
    }
  }

  private use(key: Buffer, how: 'created' | 'read' | 'rotated'): void {
    const before = this.keyring.currentId;
    if (!this.keyring.setKey(key)) return;
    const fields = { etcdKey: this.keys.beatKey, keyId: this.keyring.currentId, how };
    // After a rotation beats stay signed with the previous key for a while, so that a peer whose
    // watch delivers the new one a little later does not refuse them.
    this.log.info(
      before === '' ? fields : { ...fields, previousKeyId: before, signingWithItInMs: SIGN_PREVIOUS_MS },
      'beat key in use',
    );
  }
}
