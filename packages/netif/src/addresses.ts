// Addresses of a VIP on the kernel side: add or refresh with a kernel lifetime and vipd's mark,
// remove idempotently, list (all, or only ours).
import {
  buildDeleteArgs,
  buildReplaceArgs,
  isOwned,
  normalizeKey,
  validateIfname,
  type AddressKey,
  type AddressSpec,
} from './address-args';
import { NetifError } from './errors';
import { ipSupportsAddrProto, runIp, runIpParsed, type IpCallContext, type NetifOptions } from './ip-runner';
import { parseAddresses, type AddressInfo } from './parse';

// iproute2 6.1 with kernel extack: "Error: ipv4: Address not found." / "Error: ipv6: address not
// found."; without extack the kernel's EADDRNOTAVAIL: "RTNETLINK answers: Cannot assign requested
// address".
const ADDRESS_ABSENT = [/address not found/i, /Cannot assign requested address/i];

/**
 * Add the address, or if it is already there reset its valid lifetime to `validLftSec` (and
 * its mark). Idempotent. Runs `ip address replace A/P dev IF valid_lft N preferred_lft 0
 * metric VIPD_ADDR_METRIC` plus `label <ifname>:vip` (IPv4) or `nodad` (IPv6), and `proto 0x76`
 * where the installed `ip` supports it. An existing IPv4 address keeps its old label: the kernel
 * does not change labels on replace.
 */
export async function addOrRefreshAddress(spec: AddressSpec, options: NetifOptions = {}): Promise<void> {
  const withProto = await ipSupportsAddrProto(options);
  const args = buildReplaceArgs(spec, withProto);
  await runChange(args, options, { ifname: spec.ifname, address: spec.address });
}

/** A change to the kernel's addresses (one `ip`; vipd itself changes them through its agent). */
async function runChange(args: string[], options: NetifOptions, context: IpCallContext): Promise<void> {
  await runIp(args, options, context);
}

/**
 * Remove the address. Resolves true if it was there, false if it was already absent (success
 * either way). A missing interface still rejects with InterfaceNotFoundError: it usually means a
 * wrong name rather than a removed VIP. Removing is idempotent, so a transient failure (a busy
 * kernel, or a batch whose ip a fence killed with this line still queued) is tried once more.
 */
export async function removeAddress(key: AddressKey, options: NetifOptions = {}): Promise<boolean> {
  try {
    return await removeOnce(key, options);
  } catch (error) {
    if (error instanceof NetifError && error.transient) return removeOnce(key, options);
    throw error;
  }
}

async function removeOnce(key: AddressKey, options: NetifOptions): Promise<boolean> {
  const args = buildDeleteArgs(key);
  try {
    await runChange(args, options, { ifname: key.ifname, address: key.address });
    return true;
  } catch (error) {
    if (
      error instanceof NetifError &&
      error.exitCode !== undefined &&
      ADDRESS_ABSENT.some((re) => re.test(error.stderr ?? ''))
    ) {
      return false;
    }
    throw error;
  }
}

/** Every IPv4 and IPv6 address, of one interface or of all. */
export async function listAddresses(ifname?: string, options: NetifOptions = {}): Promise<AddressInfo[]> {
  const args = ['-json', 'address', 'show'];
  if (ifname !== undefined) {
    validateIfname(ifname);
    args.push('dev', ifname);
  }
  return runIpParsed(args, parseAddresses, options, ifname === undefined ? {} : { ifname });
}

/** Only the addresses that carry vipd's mark (see isOwned). */
export async function listOwnedAddresses(
  ifname?: string,
  options: NetifOptions = {},
): Promise<AddressInfo[]> {
  return (await listAddresses(ifname, options)).filter(isOwned);
}

/** What removeOwnedAddresses did with one address that carried vipd's mark. */
export interface OwnedRemoval {
  readonly address: AddressInfo;
  /** True when this call removed it; false when it was already gone or could not be removed. */
  readonly removed: boolean;
  /** Why it could not be removed; the other addresses are still tried. */
  readonly error?: NetifError;
}

/**
 * Removes every address that carries vipd's mark (of one interface, or of all in this network
 * namespace), one at a time, going on past a failure. Addresses without the mark are never
 * touched. Resolves with one entry per marked address, in the order `ip` listed them.
 */
export async function removeOwnedAddresses(
  ifname?: string,
  options: NetifOptions = {},
): Promise<OwnedRemoval[]> {
  const out: OwnedRemoval[] = [];
  for (const address of await listOwnedAddresses(ifname, options)) {
    try {
      out.push({ address, removed: await removeAddress(address, options) });
    } catch (error) {
      if (!(error instanceof NetifError)) throw error;
      out.push({ address, removed: false, error });
    }
  }
  return out;
}

/** The listed entry for this key, if present. The address is compared in canonical form. */
export async function findAddress(
  key: AddressKey,
  options: NetifOptions = {},
): Promise<AddressInfo | undefined> {
  const wanted = normalizeKey(key);
  const all = await listAddresses(wanted.ifname, options);
  return all.find(
    (a) => a.family === wanted.family && a.address === wanted.address && a.prefixLen === wanted.prefixLen,
  );
}
