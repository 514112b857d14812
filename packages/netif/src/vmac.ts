// Virtual MAC (keepalived's use_vmac): the VRRP-style MAC of a VIP and the name of the macvlan
// that carries it. Pure; the kernel agent creates and deletes the macvlan (vmac-add, vmac-del).
import { InvalidArgumentError } from './errors';
import type { Family } from './parse';

export interface VmacSpec {
  /** The interface the macvlan goes on. */
  readonly parent: string;
  /** The macvlan's name (see vmacName). */
  readonly name: string;
  /** Its MAC, lower-case `xx:xx:xx:xx:xx:xx`. */
  readonly mac: string;
}

function checkId(id: number): void {
  if (!Number.isInteger(id) || id < 1 || id > 255) {
    throw new InvalidArgumentError(`virtual MAC id ${String(id)} is out of range (1..255)`, {});
  }
}

/** RFC 5798's virtual router MAC: 00:00:5e:00:01:ID (IPv4), 00:00:5e:00:02:ID (IPv6). */
export function vmacAddress(family: Family, id: number): string {
  checkId(id);
  return `00:00:5e:00:0${family === 4 ? 1 : 2}:${id.toString(16).padStart(2, '0')}`;
}

/** The macvlan's name: `vmac4.ID` / `vmac6.ID` (keepalived's is vrrp.ID). */
export function vmacName(family: Family, id: number): string {
  checkId(id);
  return `vmac${family}.${id}`;
}

/** The macvlan of a VIP with this id on `parent`. */
export function vmacSpec(parent: string, family: Family, id: number): VmacSpec {
  return { parent, name: vmacName(family, id), mac: vmacAddress(family, id) };
}
