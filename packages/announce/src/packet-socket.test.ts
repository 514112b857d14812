import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddonNotBuiltError, InvalidAnnounceOptionsError } from './errors';
import { loadPacketAddon, sendFrame, type NativeSendError } from './packet-socket';

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
});
