import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddonNotBuiltError, InvalidAnnounceOptionsError } from './errors';
import {
  loadPacketAddon,
  openFrameSocket,
  sendAndCollect,
  sendFrame,
  type NativeSendError,
} from './packet-socket';

const isRoot = process.getuid?.() === 0;

void describe('packet-socket', () => {
  void it('explains how to build the addon when it is missing', () => {
    assert.throws(
      () => loadPacketAddon('/nonexistent/vipd_packet.node'),
      (err: unknown) =>
        err instanceof AddonNotBuiltError &&
        err.path === '/nonexistent/vipd_packet.node' &&
        /node-gyp rebuild/.test(err.message) &&
        err.cause !== undefined,
    );
  });

  void it('loads the built addon, which checks its arguments before opening any socket', () => {
    const addon = loadPacketAddon();
    assert.equal(loadPacketAddon(), addon, 'loaded once');
    assert.throws(() => addon.sendFrame(0, Buffer.alloc(60)), {
      name: 'TypeError',
      message: /positive integer/,
    });
    assert.throws(() => addon.sendFrame(1.5, Buffer.alloc(60)), { name: 'TypeError' });
    assert.throws(() => addon.sendFrame(1, Buffer.alloc(13)), {
      name: 'TypeError',
      message: /Ethernet header/,
    });
    // @ts-expect-error: a string is not a frame
    assert.throws(() => addon.sendFrame(1, 'frame'), { name: 'TypeError', message: /Buffer/ });
    // @ts-expect-error: one argument only
    assert.throws(() => addon.sendFrame(1), { name: 'TypeError', message: /two arguments/ });
  });

  void it('rejects a bad ifindex in the wrapper', () => {
    assert.throws(() => sendFrame(-1, Buffer.alloc(60)), InvalidAnnounceOptionsError);
  });

  void it(
    'throws the errno text when the kernel refuses (no such interface)',
    { skip: !isRoot && 'needs root' },
    () => {
      const frame = Buffer.alloc(60, 0);
      frame.fill(0xff, 0, 6);
      frame.writeUInt16BE(0x0806, 12);
      // An interface index nobody has: sendto() fails with ENXIO or ENODEV; nothing leaves the host.
      assert.throws(
        () => sendFrame(0x7ffffff0, frame),
        (err: NativeSendError) =>
          err.syscall === 'sendto' &&
          (err.errno === 6 || err.errno === 19) &&
          /sendto: .+ \(errno \d+\)/.test(err.message),
      );
    },
  );

  void it('sendAndCollect rejects bad arguments with a TypeError before opening any socket', async () => {
    const addon = loadPacketAddon();
    const frame = Buffer.alloc(60);
    const bad: [string, unknown[], RegExp][] = [
      ['ifindex 0', [0, frame, 0x0806, 10, 1], /ifindex/],
      ['fractional ifindex', [1.5, frame, 0x0806, 10, 1], /ifindex/],
      ['short frame', [1, Buffer.alloc(13), 0x0806, 10, 1], /Ethernet header/],
      ['string frame', [1, 'frame', 0x0806, 10, 1], /Buffer/],
      ['ethertype 0', [1, frame, 0, 10, 1], /ethertype/],
      ['ethertype 0x10000', [1, frame, 0x10000, 10, 1], /ethertype/],
      ['negative timeout', [1, frame, 0x0806, -1, 1], /timeoutMs/],
      ['NaN timeout', [1, frame, 0x0806, NaN, 1], /timeoutMs/],
      ['huge maxFrames', [1, frame, 0x0806, 10, 1e9], /maxFrames/],
      ['four arguments', [1, frame, 0x0806, 10], /five arguments/],
    ];
    for (const [what, args, message] of bad) {
      const call = addon.sendAndCollect as (...a: unknown[]) => Promise<Buffer[]>;
      await assert.rejects(call(...args), { name: 'TypeError', message }, what);
    }
    await assert.rejects(sendAndCollect(0, frame, 0x0806, 10, 1), InvalidAnnounceOptionsError);
  });

  void it(
    'sendAndCollect rejects with the errno text when the kernel refuses (no such interface)',
    { skip: !isRoot && 'needs root' },
    async () => {
      const frame = Buffer.alloc(60, 0);
      frame.fill(0xff, 0, 6);
      frame.writeUInt16BE(0x0806, 12);
      // bind() to an interface index nobody has fails with ENODEV before anything is sent.
      await assert.rejects(
        sendAndCollect(0x7ffffff0, frame, 0x0806, 1000, 1),
        (err: NativeSendError) =>
          err.syscall === 'bind' && err.errno === 19 && /bind: No such device \(errno 19\)/.test(err.message),
      );
    },
  );

  void it('openSocket and sendFrames check their arguments before touching the kernel', () => {
    const addon = loadPacketAddon();
    assert.throws(() => addon.openSocket(0), { name: 'TypeError', message: /positive integer/ });
    assert.throws(() => openFrameSocket(-1), InvalidAnnounceOptionsError);
    const frame = Buffer.alloc(60);
    const bad: [string, unknown[], RegExp][] = [
      ['negative fd', [-1, 1, [frame], new Int32Array(1)], /fd/],
      ['ifindex 0', [0, 0, [frame], new Int32Array(1)], /ifindex/],
      ['one frame, not an array', [0, 1, frame, new Int32Array(1)], /array/],
      ['short frame', [0, 1, [Buffer.alloc(13)], new Int32Array(1)], /Ethernet header/],
      ['string frame', [0, 1, ['frame'], new Int32Array(1)], /Buffer/],
      ['short status', [0, 1, [frame, frame], new Int32Array(1)], /status/],
      ['plain array status', [0, 1, [frame], [0]], /Int32Array/],
      ['too many frames', [0, 1, Array<Buffer>(4097).fill(frame), new Int32Array(4097)], /4096/],
      ['three arguments', [0, 1, [frame]], /four arguments/],
    ];
    for (const [what, args, message] of bad) {
      const call = addon.sendFrames as (...a: unknown[]) => number;
      assert.throws(() => call(...args), { name: 'TypeError', message }, what);
    }
    assert.equal(addon.sendFrames(0, 1, [], new Int32Array(0)), 0, 'an empty burst sends nothing');
  });

  void it(
    'openFrameSocket throws the errno text when the interface does not exist',
    { skip: !isRoot && 'needs root' },
    () => {
      assert.throws(
        () => openFrameSocket(0x7ffffff0),
        (err: NativeSendError) =>
          err.syscall === 'bind' && err.errno === 19 && /No such device/.test(err.message),
      );
    },
  );
});
