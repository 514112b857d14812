/**
 * `HOST:PORT` as every package reads it (a check's tcp target, a node's registered advertise
 * address): HOST is an IPv4 address (four-part decimal), a DNS name, or an IPv6 address in
 * brackets (`[2001:db8::1]:80`); PORT is 1 to 65535. Pure. It lives here, beside the other
 * small shared pieces (Clock, errorLine), because every package may import @vipd/log.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface HostPort {
  /** As written, without the brackets of an IPv6 address. */
  host: string;
  port: number;
}

const USAGE = 'must be HOST:PORT, with IPv6 as [ADDR]:PORT';

const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Splits `HOST:PORT` / `[IPV6]:PORT`; returns the parts, or what is wrong in one line. */
export function parseHostPort(text: string): HostPort | { problem: string } {
  let host: string;
  let portText: string;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text))
    return { problem: `${JSON.stringify(text)} is a URL; ${USAGE}` };
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { problem: `${JSON.stringify(text)} has no "]"; ${USAGE}` };
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (!isIPv6(host)) return { problem: `${JSON.stringify(host)} is not an IPv6 address; ${USAGE}` };
    if (rest === '') return { problem: `${JSON.stringify(text)} has no port; ${USAGE}` };
    if (!rest.startsWith(':')) return { problem: `${JSON.stringify(text)}: ":" must follow "]"; ${USAGE}` };
    portText = rest.slice(1);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return { problem: `${JSON.stringify(text)} has no port; ${USAGE}` };
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':'))
      return { problem: `${JSON.stringify(text)}: put an IPv6 address in brackets; ${USAGE}` };
    const numeric = /^[0-9.]+$/.test(host);
    if (numeric ? !isIPv4(host) : !HOSTNAME_RE.test(host)) {
      return { problem: `${JSON.stringify(host)} is not an IPv4 address or host name; ${USAGE}` };
    }
  }
  const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    return { problem: `port ${JSON.stringify(portText)} is not a number from 1 to 65535` };
  }
  return { host, port };
}
