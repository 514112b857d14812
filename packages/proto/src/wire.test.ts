import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAdminProto } from './index';
import { wireProblem } from './wire';

void describe('wireProblem', () => {
  void it('passes whole messages and names what is wrong with cut or odd ones', () => {
    assert.equal(wireProblem(Buffer.from('0a0477656278', 'hex')), undefined); // name: "webx"
    assert.equal(wireProblem(Buffer.alloc(0)), undefined);
    assert.equal(wireProblem(Buffer.from('08960110011d00000000', 'hex')), undefined); // varints, fixed32
    assert.match(wireProblem(Buffer.from('0a04776562', 'hex')) ?? '', /runs past the end/);
    assert.match(wireProblem(Buffer.from('0896', 'hex')) ?? '', /truncated varint/);
    assert.match(wireProblem(Buffer.from('0b', 'hex')) ?? '', /wire type 3/);
    assert.match(wireProblem(Buffer.from('1d0000', 'hex')) ?? '', /truncated fixed-width/);
    assert.match(wireProblem(Buffer.from('02', 'hex')) ?? '', /field number 0/);
  });
});

void describe('services loaded through loadProtos', () => {
  void it('refuse a cut message instead of reading the shorter value', () => {
    const del = loadAdminProto().AdminService.service.DeleteVip;
    assert.deepEqual(del.requestDeserialize(Buffer.from('0a0477656278', 'hex')), { name: 'webx' });
    assert.throws(
      () => del.requestDeserialize(Buffer.from('0a04776562', 'hex')),
      /malformed message: .*runs past the end/,
    );
  });
});
